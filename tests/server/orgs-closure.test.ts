/**
 * The organisation closure table (migration 0011): written with every organisation by
 * `insertOrganizations`, filled for organisations an older version stored, and the subtree counts
 * the dashboards will read.
 */
import { describe, expect, it } from 'vitest'
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { openSqlite } from '../../server/db/sqlite.dialect'
import type { Database, DB } from '../../server/db/database'
import { migrations } from '../../server/db/migrations/index'
import { insertOrganization, insertOrganizations, subtreeCounts } from '../../server/db/organization-tree.repository'
import type { NewOrganization } from '../../server/db/organization.table'
import { makeBeijing, makeContext, makeOrg, writeOrgRowOnly } from './fixtures'
import { onPostgres } from './fixtures/database'

const closureOf = (db: DB, id: string) =>
  db.selectFrom('organization_closure').select(['ancestor_id', 'depth']).where('descendant_id', '=', id).orderBy('depth').execute()

/**
 * Every (ancestor, descendant, depth) a recursive walk up parent_id finds: the reference the table must
 * equal. Through kysely, so it runs on both engines; sorted here, not by the engine's collation.
 */
const walkedPairs = async (db: DB) =>
  (
    await sql<{ p: string }>`with recursive up(descendant_id, ancestor_id, depth) as (
         select id, id, 0 from organizations
         union all
         select up.descendant_id, o.parent_id, up.depth + 1 from up join organizations o on o.id = up.ancestor_id where o.parent_id is not null)
       select ancestor_id || '>' || descendant_id || '@' || depth as p from up`.execute(db)
  ).rows
    .map((r) => r.p)
    .sort()
const storedPairs = async (db: DB) =>
  (await sql<{ p: string }>`select ancestor_id || '>' || descendant_id || '@' || depth as p from organization_closure`.execute(db)).rows
    .map((r) => r.p)
    .sort()

const row = (id: string, parentId: string | null): NewOrganization => ({
  id,
  kind: 'community',
  level: null,
  name: `${id}协会`,
  short_name: null,
  region_code: null,
  parent_id: parentId,
  discipline: null,
  status: 'established',
  join_policy: 'open',
  description: null,
  contact: null,
  created_at: '2026-01-01T00:00:00.000Z',
  version: 0,
})

describe('insertOrganizations keeps the closure table', () => {
  it('writes an organisation with itself at depth 0 and every ancestor above it', async () => {
    const { db } = await makeContext()
    await makeBeijing(db)
    expect(await closureOf(db, 'cast-110108011')).toEqual([
      { ancestor_id: 'cast-110108011', depth: 0 },
      { ancestor_id: 'cast-110108', depth: 1 },
      { ancestor_id: 'cast-1101', depth: 2 },
      { ancestor_id: 'cast-11', depth: 3 },
      { ancestor_id: 'cast-national', depth: 4 },
    ])
    expect(await closureOf(db, 'cast-national')).toEqual([{ ancestor_id: 'cast-national', depth: 0 }])
    expect(await storedPairs(db)).toEqual(await walkedPairs(db))
  })

  it('takes a batch whose parents come earlier in it, under a stored organisation', async () => {
    const { db } = await makeContext()
    await makeBeijing(db)
    await insertOrganizations(db, [row('a', 'cast-110108010'), row('b', 'a'), row('c', 'b'), row('d', 'a')])
    expect((await closureOf(db, 'c')).map((r) => `${r.ancestor_id}@${r.depth}`)).toEqual([
      'c@0',
      'b@1',
      'a@2',
      'cast-110108010@3',
      'cast-110108@4',
      'cast-1101@5',
      'cast-11@6',
      'cast-national@7',
    ])
    expect(await storedPairs(db)).toEqual(await walkedPairs(db))
  })

  it('refuses a parent that is neither stored nor earlier in the batch, writing nothing', async () => {
    const { db } = await makeContext()
    await makeBeijing(db)
    const before = (await storedPairs(db)).length
    await expect(insertOrganizations(db, [row('x', 'cast-110108'), row('y', 'nowhere')])).rejects.toThrow(/parent nowhere/)
    await expect(insertOrganization(db, row('z', 'later'))).rejects.toThrow(/parent later/)
    expect(await db.selectFrom('organizations').select('id').where('id', 'in', ['x', 'y', 'z']).execute()).toEqual([])
    expect((await storedPairs(db)).length).toBe(before)
  })

  it('drops an organisation’s pairs with it', async () => {
    const { db } = await makeContext()
    await makeBeijing(db)
    await db.deleteFrom('organizations').where('id', '=', 'park-zgc').execute()
    expect(await closureOf(db, 'park-zgc')).toEqual([])
    expect(await storedPairs(db)).toEqual(await walkedPairs(db))
  })
})

// About upgrading an older SQLite file in place (an in-memory SQLite here on either project); a
// PostgreSQL database is created at the latest migration (or by migrate:pg), never upgraded across 0011.
it.skipIf(onPostgres)('migration 0011 fills the closure table for organisations stored before it existed', async () => {
  const { db, raw } = openSqlite({ file: ':memory:' })
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const names = Object.keys(migrations)
  const before = names[names.indexOf('0011_organization_closure') - 1]!
  expect((await migrator.migrateTo(before)).error).toBeUndefined()
  await makeBeijing(db, writeOrgRowOnly)
  // a deeper branch than the real tree (five generations under a township) and a second root
  let parent = 'cast-110108010'
  for (let i = 0; i < 5; i++) {
    await makeOrg(db, { id: `deep-${i}`, name: `深层${i}`, kind: 'community', parentId: parent }, writeOrgRowOnly)
    parent = `deep-${i}`
  }
  await makeOrg(db, { id: 'orphan-root', name: '独立组织', kind: 'enterprise' }, writeOrgRowOnly)
  await makeOrg(db, { id: 'orphan-child', name: '独立组织分会', kind: 'enterprise', parentId: 'orphan-root' }, writeOrgRowOnly)

  expect((await migrator.migrateToLatest()).error).toBeUndefined()
  const walked = await walkedPairs(db)
  expect(walked.length).toBeGreaterThan(60)
  expect(await storedPairs(db)).toEqual(walked)
  // and the writer carries on from the filled table
  await insertOrganization(db, row('after', parent))
  expect((await closureOf(db, 'after')).length).toBe(1 + 5 + 5)
  expect(await storedPairs(db)).toEqual(await walkedPairs(db))
  raw.close()
})

describe('subtreeCounts', () => {
  it('counts the organisations below a root by level, kind and township status', async () => {
    const { db } = await makeContext()
    await makeBeijing(db)
    expect(await subtreeCounts(db, 'cast-110108')).toEqual({
      total: 3,
      byLevel: { township: 2, none: 1 },
      byKind: { cast: 2, park: 1 },
      townships: { established: 1, notEstablished: 1 },
    })
    expect(await subtreeCounts(db, 'cast-national')).toEqual({
      total: 15,
      byLevel: { national: 3, province: 2, city: 2, county: 3, township: 3, none: 2 },
      byKind: { cast: 10, society: 3, park: 1, agritech: 1 },
      townships: { established: 2, notEstablished: 1 },
    })
    expect(await subtreeCounts(db, 'cast-110108010')).toEqual({
      total: 0,
      byLevel: {},
      byKind: {},
      townships: { established: 0, notEstablished: 0 },
    })
  })

  // SQLite's query plan; the PostgreSQL counterpart follows
  it.skipIf(onPostgres)('is one query that searches the closure table by its key, not a scan', async () => {
    const raw = (await makeContext()).raw!
    const seen: CompiledQuery[] = []
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: raw }),
      log: (e) => void (e.level === 'query' && seen.push(e.query)),
    })
    await makeBeijing(logged)
    seen.length = 0
    await subtreeCounts(logged, 'cast-11')
    expect(seen).toHaveLength(1)
    const plan = raw
      .prepare(`explain query plan ${seen[0]!.sql}`)
      .all(...(seen[0]!.parameters as unknown[]))
      .map((r) => (r as { detail: string }).detail)
    expect(
      plan.some((d) => /^SEARCH c USING .*INDEX sqlite_autoindex_organization_closure_1 \(ancestor_id=\?/.test(d)),
      plan.join('\n'),
    ).toBe(true)
    expect(
      plan.some((d) => /^SCAN/.test(d)),
      plan.join('\n'),
    ).toBe(false)
  })
  it.runIf(onPostgres)('is one query that can search the closure table by its key (PostgreSQL)', async () => {
    const { db } = await makeContext()
    await makeBeijing(db)
    // the statements subtreeCounts sends, compiled as the driver gets them
    const seen: CompiledQuery[] = []
    const logged = db.withPlugin({
      transformQuery: (args) => {
        seen.push(db.getExecutor().compileQuery(args.node, args.queryId))
        return args.node
      },
      transformResult: async (args) => args.result,
    })
    await subtreeCounts(logged, 'cast-11')
    expect(seen).toHaveLength(1)
    // a handful of rows make any table a sequential scan; with those priced out the plan shows whether
    // the query can reach the pairs by the primary key's leading column (ancestor_id), as on SQLite
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx)
      const r = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${seen[0]!.sql}`, [...seen[0]!.parameters]))
      return r.rows.map((x) => x['QUERY PLAN'])
    })
    expect(
      plan.some((d) => /Index (Only )?Scan (using|on) organization_closure_pk\b/.test(d)),
      plan.join('\n'),
    ).toBe(true)
    expect(
      plan.some((d) => /Index Cond: .*ancestor_id = /.test(d)),
      plan.join('\n'),
    ).toBe(true)
    expect(
      plan.some((d) => /Seq Scan on organization_closure/.test(d)),
      plan.join('\n'),
    ).toBe(false)
  })
})
