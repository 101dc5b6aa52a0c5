/**
 * Organisation search on SQLite (FTS5 trigram over org_search_doc, migration 0003) and on
 * PostgreSQL (a pg_trgm GIN index over the same table, 0003_search.pg.ts): the same results and the
 * same ranking on both; only the filter for 3+ character terms differs (`filtered`).
 *
 * Chinese search trap (DESIGN.md): a trigram index only matches terms of 3+ characters, and
 * two-character words are everywhere (海淀, 物理, 学会). So each whitespace-separated term of 3+
 * characters goes through the trigram index (FTS5 MATCH; on PostgreSQL ILIKE over the indexed
 * expression), and 1–2 character terms filter with LIKE/ILIKE over the compact doc table (one scan
 * of ~45k short rows, narrowed first by any kind/region/discipline filter).
 *
 * Case: FTS5 trigram and SQLite's LIKE ignore ASCII case; PostgreSQL's LIKE does not, so every
 * text match goes through `likeText`, which says ILIKE there. On our `collate "C"` columns ILIKE
 * folds ASCII letters only — exactly SQLite's LIKE. (FTS5 trigram also folds non-ASCII letters,
 * e.g. É/é; organisation names are Chinese, so this difference is not seen in practice.)
 *
 * Rank: exact name/short-name match; the person's own region chain (township → county → city →
 * province, then the rest of their county); how the text matched (prefix, inside the name, or only
 * through the region name); level (national first); shorter names; id for a stable order.
 */
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import type { Database, Executor } from './database'
import { isPostgres } from './postgres.dialect'
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

/**
 * `expr LIKE pattern ESCAPE '\'`, ASCII case-insensitive on both engines: SQLite's LIKE is; on
 * PostgreSQL LIKE is case-sensitive, so a pattern with an ASCII letter says ILIKE there. Without
 * one (the usual Chinese term) plain LIKE matches exactly the same rows — ILIKE on `collate "C"`
 * folds ASCII letters only — and is much cheaper per row (ILIKE lower-cases every string it
 * compares): a 1–2 character term scans all ~45k doc rows. The one place that picks the operator.
 */
function likeText(db: Executor, expr: Expression<unknown> | RawBuilder<unknown>, pattern: string) {
  const op = isPostgres(db) && /[A-Za-z]/.test(pattern) ? sql`ilike` : sql`like`
  return sql<boolean>`${expr} ${op} ${pattern} escape '\\'`
}

/** `expr` contains `term` (taken literally: % and _ mean themselves), ignoring ASCII case. */
export const containsText = (db: Executor, expr: Expression<unknown> | RawBuilder<unknown>, term: string) =>
  likeText(db, expr, `%${likeEscape(term)}%`)

/** `expr` starts with `term` (taken literally), ignoring ASCII case. */
export const startsWithText = (db: Executor, expr: Expression<unknown> | RawBuilder<unknown>, term: string) =>
  likeText(db, expr, `${likeEscape(term)}%`)

/**
 * The text the PostgreSQL GIN trigram index covers — written exactly as in its definition
 * (0003_search.pg.ts), or the planner will not use the index. No term contains ' ¦ ' (terms have no
 * spaces), so a match never spans two columns, just as with FTS5's per-column trigrams.
 */
const PG_DOC_TEXT = sql`(d.name || ' ¦ ' || d.short_name || ' ¦ ' || d.region_name)`

type DocQuery = SelectQueryBuilder<Database & { d: Database['org_search_doc'] }, 'd', object>

function filtered(db: Executor, p: OrgSearchParams, terms: string[]): DocQuery {
  let q = db.selectFrom('org_search_doc as d') as unknown as DocQuery
  const long = terms.filter((t) => charLength(t) >= 3)
  if (long.length > 0 && isPostgres(db)) {
    // pg_trgm: each term one LIKE/ILIKE over the indexed expression (gin_trgm_ops serves both); the
    // GIN index ANDs them (EXPLAIN: Bitmap Index Scan on org_search_doc_trgm), the recheck is exact.
    for (const t of long) q = q.where(containsText(db, PG_DOC_TEXT, t))
  } else if (long.length > 0) {
    const match = long.map(ftsPhrase).join(' AND ')
    q = q.where(sql<boolean>`d.id in (select rowid from org_search_fts where org_search_fts match ${match})`)
  }
  for (const t of terms.filter((t) => charLength(t) < 3)) {
    q = q.where((eb) =>
      eb.or([containsText(db, sql`d.name`, t), containsText(db, sql`d.short_name`, t), containsText(db, sql`d.region_name`, t)]),
    )
  }
  if (p.kind) q = q.where('d.kind', '=', p.kind)
  if (p.discipline) q = q.where('d.discipline', '=', p.discipline)
  // Region codes are digits, so "starts with 110108" is the range [110108, 110108:) and uses the index.
  // On PostgreSQL too: region_code is `collate "C"` (byte order, like SQLite's BINARY), so ':' (just
  // after '9') bounds the digits there as well, and the plain btree index serves the range (a
  // `like '110108%'` would need a text_pattern_ops index under another collation).
  if (p.region) q = q.where('d.region_code', '>=', p.region).where('d.region_code', '<', `${p.region}:`)
  return q
}

/** The two queries of a search: one page of ranked ids, and the count (exported for EXPLAIN in tests). */
export function orgSearchQueries(db: Executor, p: OrgSearchParams) {
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
    const t = terms[0]!
    const [name, short] = [sql`d.name`, sql`d.short_name`]
    ranked = ranked.orderBy(sql`case
      when ${startsWithText(db, name, t)} or ${startsWithText(db, short, t)} then 0
      when ${containsText(db, name, t)} or ${containsText(db, short, t)} then 1
      else 2 end`)
  }
  ranked = ranked
    .orderBy('d.level_rank')
    .orderBy(sql`length(d.name)`)
    .orderBy('d.org_id')

  return {
    page: ranked.limit(p.pageSize).offset(pageOffset(p)),
    count: base.select((eb) => eb.fn.countAll<number>().as('n')),
  }
}

/** Ranked organisation ids for one page, and how many match in all. */
export async function searchOrgIds(db: Executor, p: OrgSearchParams): Promise<{ ids: string[]; total: number }> {
  const q = orgSearchQueries(db, p)
  const [rows, count] = await Promise.all([q.page.execute(), q.count.executeTakeFirstOrThrow()])
  return { ids: rows.map((r) => r.org_id), total: Number(count.n) }
}
