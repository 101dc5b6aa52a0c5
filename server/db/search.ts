/**
 * Organisation search — SQLite only (FTS5 trigram over org_search_doc, migration 0003).
 * The PostgreSQL twin (pg_trgm) is planned in search.pg.sql; this module is the one place that
 * knows the SQLite side, so a PostgreSQL deployment swaps this file's twin in.
 *
 * Chinese search trap (DESIGN.md): a trigram index only matches terms of 3+ characters, and
 * two-character words are everywhere (海淀, 物理, 学会). So each whitespace-separated term of 3+
 * characters goes through FTS5 MATCH, and 1–2 character terms filter with LIKE over the compact
 * doc table (one scan of ~45k short rows, narrowed first by any kind/region/discipline filter).
 *
 * Rank: exact name/short-name match; the person's own region chain (township → county → city →
 * province, then the rest of their county); how the text matched (prefix, inside the name, or only
 * through the region name); level (national first); shorter names; id for a stable order.
 */
import { sql, type SelectQueryBuilder } from 'kysely'
import type { Database, Executor } from './database'
import { regionChain } from '../../shared/rules/region'
import { pageOffset } from '../../shared/schemas/paging'

export interface OrgSearchParams {
  q: string
  kind?: string
  region?: string
  discipline?: string
  page: number
  pageSize: number
  /** the logged-in person's region, ranked first */
  userRegion?: string | null
}

/** Characters, not UTF-16 units: 𠀀-range characters count once. */
const charLength = (s: string) => [...s].length

/** An FTS5 phrase: the term in double quotes, inner quotes doubled — no operator can leak in. */
const ftsPhrase = (term: string) => `"${term.replace(/"/g, '""')}"`

/** A LIKE pattern for "contains term", with %, _ and \ taken literally (ESCAPE '\'). */
export const likeEscape = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`)

type DocQuery = SelectQueryBuilder<Database & { d: Database['org_search_doc'] }, 'd', object>

function filtered(db: Executor, p: OrgSearchParams, terms: string[]): DocQuery {
  let q = db.selectFrom('org_search_doc as d') as unknown as DocQuery
  const long = terms.filter((t) => charLength(t) >= 3)
  if (long.length > 0) {
    const match = long.map(ftsPhrase).join(' AND ')
    q = q.where(sql<boolean>`d.id in (select rowid from org_search_fts where org_search_fts match ${match})`)
  }
  for (const t of terms.filter((t) => charLength(t) < 3)) {
    const pat = `%${likeEscape(t)}%`
    q = q.where(
      sql<boolean>`(d.name like ${pat} escape '\\' or d.short_name like ${pat} escape '\\' or d.region_name like ${pat} escape '\\')`,
    )
  }
  if (p.kind) q = q.where('d.kind', '=', p.kind)
  if (p.discipline) q = q.where('d.discipline', '=', p.discipline)
  // Region codes are digits, so "starts with 110108" is the range [110108, 110108:) and uses the index.
  if (p.region) q = q.where('d.region_code', '>=', p.region).where('d.region_code', '<', `${p.region}:`)
  return q
}

/** Ranked organisation ids for one page, and how many match in all. */
export async function searchOrgIds(db: Executor, p: OrgSearchParams): Promise<{ ids: string[]; total: number }> {
  const text = p.q.trim()
  const terms = text.split(/\s+/).filter(Boolean)
  const base = filtered(db, p, terms)

  let ranked = base.select('d.org_id')
  if (text) ranked = ranked.orderBy(sql`case when d.name = ${text} or d.short_name = ${text} then 0 else 1 end`)
  if (p.userRegion) {
    const chain = regionChain(p.userRegion)
    const near = p.userRegion.slice(0, 6)
    ranked = ranked.orderBy(sql`case
      when d.region_code in (${sql.join(chain)}) then 10 - length(d.region_code)
      when d.region_code >= ${near} and d.region_code < ${`${near}:`} then 9
      else 10 end`)
  }
  if (terms.length === 1) {
    const t = likeEscape(terms[0]!)
    ranked = ranked.orderBy(sql`case
      when d.name like ${`${t}%`} escape '\\' or d.short_name like ${`${t}%`} escape '\\' then 0
      when d.name like ${`%${t}%`} escape '\\' or d.short_name like ${`%${t}%`} escape '\\' then 1
      else 2 end`)
  }
  ranked = ranked
    .orderBy('d.level_rank')
    .orderBy(sql`length(d.name)`)
    .orderBy('d.org_id')

  const [rows, count] = await Promise.all([
    ranked.limit(p.pageSize).offset(pageOffset(p)).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { ids: rows.map((r) => r.org_id), total: Number(count.n) }
}
