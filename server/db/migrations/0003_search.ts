import { sql, SqliteAdapter, type Kysely } from 'kysely'
import { upPostgres } from './0003_search.pg'

/**
 * Organisation search (SQLite). Frozen in time: never edit after it has shipped.
 *
 * org_search_doc  one row per organisation: the searchable text (name, short name, full region
 *                 name so 海淀 finds everything in 北京市海淀区) plus the few columns search filters
 *                 and ranks on, so a search touches one compact table. Its INTEGER PRIMARY KEY is
 *                 stable (organizations' implicit rowid is not: VACUUM may renumber it).
 * org_search_fts  FTS5 trigram index over the doc table (external content, stores no second copy).
 *
 * Triggers keep both in step with organizations, so rows the seeder bulk-inserts after this
 * migration are indexed too. The PostgreSQL twin (pg_trgm) is 0003_search.pg.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite here; PostgreSQL builds the same table with a pg_trgm index instead of FTS5.
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return upPostgres(db)

  await sql`create table org_search_doc (
    id integer primary key,
    org_id text not null unique,
    name text not null,
    short_name text not null,
    region_name text not null,
    kind text not null,
    region_code text,
    discipline text,
    level_rank integer not null
  )`.execute(db)
  await sql`create index org_search_doc_kind on org_search_doc (kind, discipline)`.execute(db)
  await sql`create index org_search_doc_region on org_search_doc (region_code)`.execute(db)
  await sql`create virtual table org_search_fts using fts5(
    name, short_name, region_name,
    content = 'org_search_doc', content_rowid = 'id', tokenize = 'trigram'
  )`.execute(db)

  // national 0 … township 4; organisations without a level rank with counties.
  const levelRank = (row: 'new') =>
    sql.raw(
      `case ${row}.level when 'national' then 0 when 'province' then 1 when 'city' then 2 when 'county' then 3 when 'township' then 4 else 3 end`,
    )
  const regionName = (row: 'new') => sql.raw(`coalesce((select full_name from regions where code = ${row}.region_code), '')`)

  await sql`create trigger organizations_search_insert after insert on organizations begin
    insert into org_search_doc (org_id, name, short_name, region_name, kind, region_code, discipline, level_rank)
    values (new.id, new.name, coalesce(new.short_name, ''), ${regionName('new')}, new.kind, new.region_code, new.discipline, ${levelRank('new')});
  end`.execute(db)
  await sql`create trigger organizations_search_update
    after update of id, name, short_name, region_code, kind, discipline, level on organizations begin
    update org_search_doc set org_id = new.id, name = new.name, short_name = coalesce(new.short_name, ''),
      region_name = ${regionName('new')}, kind = new.kind, region_code = new.region_code,
      discipline = new.discipline, level_rank = ${levelRank('new')}
    where org_id = old.id;
  end`.execute(db)
  await sql`create trigger organizations_search_delete after delete on organizations begin
    delete from org_search_doc where org_id = old.id;
  end`.execute(db)

  await sql`create trigger org_search_doc_insert after insert on org_search_doc begin
    insert into org_search_fts (rowid, name, short_name, region_name) values (new.id, new.name, new.short_name, new.region_name);
  end`.execute(db)
  await sql`create trigger org_search_doc_delete after delete on org_search_doc begin
    insert into org_search_fts (org_search_fts, rowid, name, short_name, region_name)
    values ('delete', old.id, old.name, old.short_name, old.region_name);
  end`.execute(db)
  await sql`create trigger org_search_doc_update after update on org_search_doc begin
    insert into org_search_fts (org_search_fts, rowid, name, short_name, region_name)
    values ('delete', old.id, old.name, old.short_name, old.region_name);
    insert into org_search_fts (rowid, name, short_name, region_name) values (new.id, new.name, new.short_name, new.region_name);
  end`.execute(db)

  // Not search, but the same issue: the admin queue walks up from the organisations that have
  // pending applications (membership.repository.ts adminMembershipPage); this keeps that a range read.
  await sql`create index memberships_status_org on memberships (status, org_id)`.execute(db)

  // A database that already holds organisations (seeded before this migration) is indexed now.
  await sql`insert into org_search_doc (org_id, name, short_name, region_name, kind, region_code, discipline, level_rank)
    select o.id, o.name, coalesce(o.short_name, ''), coalesce(r.full_name, ''), o.kind, o.region_code, o.discipline,
      case o.level when 'national' then 0 when 'province' then 1 when 'city' then 2 when 'county' then 3 when 'township' then 4 else 3 end
    from organizations o left join regions r on r.code = o.region_code`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
