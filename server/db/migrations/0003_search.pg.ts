import { sql, type Kysely } from 'kysely'

/**
 * Organisation search on PostgreSQL: the twin of 0003_search.ts (SQLite FTS5). Same table, same
 * columns, same ranking (server/db/search.ts); only the index differs. Frozen like its twin.
 *
 * Why pg_trgm: it indexes trigrams like FTS5's trigram tokenizer, and a GIN trigram index serves
 * ILIKE '%x%' — but, like FTS5, only for patterns of 3+ characters; 1–2 character terms scan
 * org_search_doc (narrowed by kind/region/discipline first), exactly as on SQLite.
 * One trigger function keeps the doc table in step with organizations.
 */
export async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm with schema public`.execute(db)
  await sql`create table org_search_doc (
    id bigserial primary key,
    org_id text collate "C" not null unique,
    name text collate "C" not null,
    short_name text collate "C" not null,
    region_name text collate "C" not null,
    kind text collate "C" not null,
    region_code text collate "C",
    discipline text collate "C",
    level_rank bigint not null
  )`.execute(db)
  await sql`create index org_search_doc_kind on org_search_doc (kind, discipline)`.execute(db)
  await sql`create index org_search_doc_region on org_search_doc (region_code)`.execute(db)
  // One GIN index over the three searchable columns, joined by a separator no query term contains.
  await sql`create index org_search_doc_trgm on org_search_doc
    using gin ((name || ' ¦ ' || short_name || ' ¦ ' || region_name) public.gin_trgm_ops)`.execute(db)

  await sql`create function org_search_sync() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      delete from org_search_doc where org_id = old.id;
      return old;
    end if;
    if tg_op = 'UPDATE' and old.id <> new.id then delete from org_search_doc where org_id = old.id; end if;
    insert into org_search_doc (org_id, name, short_name, region_name, kind, region_code, discipline, level_rank)
    values (
      new.id, new.name, coalesce(new.short_name, ''),
      coalesce((select full_name from regions where code = new.region_code), ''),
      new.kind, new.region_code, new.discipline,
      case new.level when 'national' then 0 when 'province' then 1 when 'city' then 2
                     when 'county' then 3 when 'township' then 4 else 3 end)
    on conflict (org_id) do update set
      name = excluded.name, short_name = excluded.short_name, region_name = excluded.region_name,
      kind = excluded.kind, region_code = excluded.region_code, discipline = excluded.discipline,
      level_rank = excluded.level_rank;
    return new;
  end $$`.execute(db)
  await sql`create trigger organizations_search
    after insert or update of id, name, short_name, region_code, kind, discipline, level or delete
    on organizations for each row execute function org_search_sync()`.execute(db)

  await sql`create index memberships_status_org on memberships (status, org_id)`.execute(db)

  await sql`insert into org_search_doc (org_id, name, short_name, region_name, kind, region_code, discipline, level_rank)
    select o.id, o.name, coalesce(o.short_name, ''), coalesce(r.full_name, ''), o.kind, o.region_code, o.discipline,
      case o.level when 'national' then 0 when 'province' then 1 when 'city' then 2 when 'county' then 3 when 'township' then 4 else 3 end
    from organizations o left join regions r on r.code = o.region_code`.execute(db)
}
