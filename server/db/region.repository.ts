/**
 * Regions for the picker: a node (the chain down to a place and the places one tap below it) and
 * the search by name, pinyin or initials. Every search is three prefix ranges over indexes
 * (regions_name, regions_pinyin, regions_initials; migration 0016), never a scan: the keys are
 * computed once, when regions are written (`indexRegions`), not per request.
 */
import { sql } from 'kysely'
import { pinyin } from 'pinyin-pro'
import { isPlaceholderRegion, regionChain, type RegionLevelName } from '../../shared/rules/region'
import { regionSearchKey, type RegionItem, type RegionNode, type RegionPlace, type RegionSearchPage } from '../../shared/schemas/region'
import type { DB } from './database'

/** 中关村街道 → { pinyin: 'zhongguancunjiedao', initials: 'zgcjd' } (no tones, ü as v, lower case). */
export function regionKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true })
    .map((s) => regionSearchKey(s))
    .filter(Boolean)
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') }
}

const BATCH = 500

/**
 * Fills the search keys of every region that has none and marks the placeholder levels. Run by
 * migration 0016 (a database seeded before it) and by the seed after writing the regions; idempotent.
 */
export async function indexRegions(db: DB): Promise<number> {
  const rows = await db
    .selectFrom('regions as r')
    .leftJoin('regions as p', 'p.code', 'r.parent_code')
    .select(['r.code', 'r.name', 'r.level', 'p.name as parent_name'])
    .where('r.pinyin', 'is', null)
    .execute()
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map((r) => {
      const k = regionKeys(r.name)
      return sql`(${r.code}, ${k.pinyin}, ${k.initials}, cast(${isPlaceholderRegion(r.name, r.level, r.parent_name) ? 1 : 0} as integer))`
    })
    await sql`with k(code, pinyin, initials, placeholder) as (values ${sql.join(values)})
      update regions set pinyin = k.pinyin, initials = k.initials, placeholder = k.placeholder
      from k where k.code = regions.code`.execute(db)
  }
  return rows.length
}

const item = (r: { code: string; name: string; level: RegionLevelName }): RegionItem => ({ code: r.code, name: r.name, level: r.level })

/** The visible places of each code's chain (province first), read in one query. */
async function chainsOf(db: DB, codes: string[]): Promise<Map<string, RegionItem[]>> {
  const all = [...new Set(codes.flatMap(regionChain))]
  const rows = all.length
    ? await db.selectFrom('regions').select(['code', 'name', 'level', 'placeholder']).where('code', 'in', all).execute()
    : []
  const byCode = new Map(rows.map((r) => [r.code, r]))
  return new Map(
    codes.map((code) => [
      code,
      regionChain(code)
        .map((c) => byCode.get(c))
        .filter((r) => !!r && !r.placeholder)
        .map((r) => item(r!)),
    ]),
  )
}

/**
 * A node of the picker: the chain down to `code` and the places one tap below it, a placeholder's
 * children in its stead (北京市 → 海淀区 …, not 市辖区). `null` code: the provinces. Undefined when
 * there is no such region.
 */
export async function regionNode(db: DB, code: string | null): Promise<RegionNode | undefined> {
  if (code !== null && !(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst())) return undefined
  const direct = db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('placeholder', '=', 0)
    .where('parent_code', code === null ? 'is' : '=', code)
  const throughPlaceholder = db
    .selectFrom('regions as c')
    .innerJoin('regions as p', 'p.code', 'c.parent_code')
    .select(['c.code', 'c.name', 'c.level'])
    .where('p.placeholder', '=', 1)
    .where('p.parent_code', code === null ? 'is' : '=', code)
  const children = await direct.unionAll(throughPlaceholder).orderBy('code').execute()
  const chain = code === null ? [] : (await chainsOf(db, [code])).get(code)!
  return { chain, children: children.map(item) }
}

/**
 * Above every string that starts with `prefix`: the largest code point sorts last in UTF-8 too.
 * The same on PostgreSQL: the text columns are `collate "C"` (byte order, like SQLite's BINARY),
 * so these ranges mean the same there and use the same indexes (bench/README.md, "On PostgreSQL").
 * The keys are lower-case pinyin or hanzi, so no case folding is needed on either engine.
 */
const prefixEnd = (prefix: string) => `${prefix}\u{10FFFF}`

/** The code lengths of each level: a search up to `county` keeps codes of at most 6 digits. */
const CODE_LENGTH: Record<RegionLevelName, number> = { province: 2, city: 4, county: 6, township: 9 }

type Hit = { code: string; name: string; level: RegionLevelName; exact: number }
/** exact matches first, then the larger place, the shorter name, the code (SQL and JS alike) */
const byRank = (a: Hit, b: Hit) =>
  a.exact - b.exact || a.code.length - b.code.length || [...a.name].length - [...b.name].length || (a.code < b.code ? -1 : 1)

/**
 * Places whose name, pinyin or initials start with what was typed ("海淀", "haidian", "hd"), without
 * placeholders and below `maxLevel` none. Exact matches first, then the larger place (province →
 * township), then the shorter name and the code. Each arm is one index range. The 41,352 townships
 * are read only when the larger places do not fill the page (else only exact township matches):
 * a first letter matches thousands of townships, and sorting them all is what costs.
 */
export async function searchRegions(
  db: DB,
  q: { q: string; maxLevel: RegionLevelName; page: number; pageSize: number },
): Promise<RegionSearchPage> {
  const key = regionSearchKey(q.q)
  if (!key) return { items: [], page: q.page, pageSize: q.pageSize, hasMore: false }
  const end = prefixEnd(key)
  const maxLength = CODE_LENGTH[q.maxLevel]
  const offset = (q.page - 1) * q.pageSize
  const want = offset + q.pageSize + 1
  const exact = sql<number>`case when name = ${key} or pinyin = ${key} or initials = ${key} then 0 else 1 end`
  const matches = (minLength: number, maxLen: number, limit?: number) => {
    const arm = (column: 'name' | 'pinyin' | 'initials') =>
      db
        .selectFrom('regions')
        .select(['code', 'name', 'level', exact.as('exact')])
        .where(column, '>=', key)
        .where(column, '<', end)
        .where('placeholder', '=', 0)
        .where(sql<number>`length(code)`, '>=', minLength)
        .where(sql<number>`length(code)`, '<=', maxLen)
    const all = db
      .selectFrom(arm('name').union(arm('pinyin')).union(arm('initials')).as('m'))
      .selectAll()
      .orderBy('m.exact')
      .orderBy(sql`length(m.code)`)
      .orderBy(sql`length(m.name)`)
      .orderBy('m.code')
    return (limit ? all.limit(limit) : all).execute()
  }
  let rows: Hit[]
  if (maxLength < CODE_LENGTH.township) rows = await matches(2, maxLength, want)
  else {
    const larger = await matches(2, CODE_LENGTH.county)
    const towns =
      larger.length >= want
        ? await db
            .selectFrom('regions')
            .select(['code', 'name', 'level', sql<number>`0`.as('exact')])
            .where((w) => w.or([w('name', '=', key), w('pinyin', '=', key), w('initials', '=', key)]))
            .where('placeholder', '=', 0)
            .where('level', '=', 'township')
            .execute()
        : await matches(CODE_LENGTH.township, CODE_LENGTH.township, want)
    rows = [...larger, ...towns].sort(byRank)
  }
  rows = rows.slice(offset, want)
  const page = rows.slice(0, q.pageSize)
  const chains = await chainsOf(
    db,
    page.map((r) => r.code),
  )
  const items: RegionPlace[] = page.map((r) => ({ ...item(r), chain: chains.get(r.code)! }))
  return { items, page: q.page, pageSize: q.pageSize, hasMore: rows.length > q.pageSize }
}
