-- Organisation search: the PostgreSQL twin of migration 0003 + server/db/search.ts (SQLite FTS5).
-- A plan, not yet run: it becomes the PostgreSQL migration and search module when the PostgreSQL
-- dialect lands (DATABASE_URL). Same table, same columns, same ranking; only the index differs.
--
-- Why pg_trgm: it indexes trigrams like FTS5's trigram tokenizer, and a GIN trigram index also
-- serves ILIKE '%x%' — but, like FTS5, only for patterns of 3+ characters; 1–2 character terms
-- scan (narrowed by kind/region/discipline first), exactly as on SQLite.

create extension if not exists pg_trgm;

create table org_search_doc (
  id bigserial primary key,
  org_id text not null unique references organizations (id) on delete cascade,
  name text not null,
  short_name text not null,
  region_name text not null,
  kind text not null,
  region_code text,
  discipline text,
  level_rank integer not null
);
create index org_search_doc_kind on org_search_doc (kind, discipline);
-- text_pattern_ops: "region_code like '110108%'" uses the index under any collation (the SQLite
-- range trick [p, p || ':') relies on byte order, which a non-C collation does not promise).
create index org_search_doc_region on org_search_doc (region_code text_pattern_ops);
-- One GIN index over the three searchable columns concatenated with a separator no query contains.
create index org_search_doc_trgm on org_search_doc
  using gin ((name || ' ¦ ' || short_name || ' ¦ ' || region_name) gin_trgm_ops);

create function org_search_sync() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    delete from org_search_doc where org_id = old.id;
    return old;
  end if;
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
  -- an id change leaves the old row behind: remove it
  if tg_op = 'UPDATE' and old.id <> new.id then delete from org_search_doc where org_id = old.id; end if;
  return new;
end $$;

create trigger organizations_search
  after insert or update of id, name, short_name, region_code, kind, discipline, level or delete
  on organizations for each row execute function org_search_sync();

-- Bulk seeding on PostgreSQL: COPY organizations, then one
--   insert into org_search_doc (...) select ... from organizations o left join regions r ...
-- with the trigger disabled (alter table organizations disable trigger organizations_search) —
-- a statement-level trigger or a rebuild is far cheaper than 45k row triggers.

-- The query (search.ts builds the same shape): each term becomes
--   (name || ' ¦ ' || short_name || ' ¦ ' || region_name) ilike '%' || $term || '%'
-- (3+ characters: served by the GIN index; shorter: a scan of org_search_doc, still ~45k short rows),
-- with the same filters and the same ORDER BY as SQLite:
--   case when name = $q or short_name = $q then 0 else 1 end,
--   case when region_code = any($chain) then 10 - length(region_code)
--        when region_code like $county || '%' then 9 else 10 end,
--   case when name like $q || '%' or short_name like $q || '%' then 0
--        when name like '%' || $q || '%' or short_name like '%' || $q || '%' then 1 else 2 end,
--   level_rank, length(name), org_id
-- and count(*) over the same where clause for `total`.
