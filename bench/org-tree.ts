/**
 * The organisation tree at 44,892 organisations: closure-table joins (the SQL the repository
 * functions generate) against the recursive walks over parent_id they replaced (kept here as the
 * baseline), both as prepared statements in the same run on the same file database, plus the
 * repository call itself (kysely compile + run). Three questions: a township's breadcrumb (walk
 * up), "is this person an admin of X or above" (walk up + memberships), and subtree counts by
 * level and township status (walk down + group by).
 * Run: npx tsx bench/org-tree.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { seedIfEmpty } from '../seeds/index'
import { mulberry32, pick } from '../seeds/random'
import { ancestorsOf } from '../server/db/organization.repository'
import { isOrgAdmin } from '../server/domain/authz'
import { subtreeCounts } from '../server/db/organization-tree.repository'

const N = 400
const dir = mkdtempSync(join(tmpdir(), 'org-tree-'))
const { db, raw } = openSqlite({ file: join(dir, 'app.db') })
await migrateToLatest(db)
await seedIfEmpty(db, { now: new Date('2026-11-28T08:00:00Z'), scryptN: 1024, demo: false })
// one admin of a county, as the demo has: the admin check walks up from a township to find them
raw
  .prepare(
    `insert into users (id, phone, name, password_hash, region_code, system_role, privacy_consent_at, created_at, updated_at)
  values ('u1', '13800000000', '管理员', 'x', null, 'member', '', '', '')`,
  )
  .run()
raw
  .prepare(
    `insert into memberships (id, user_id, org_id, status, role, member_no, reason, valid_until, created_at, updated_at)
  values ('m1', 'u1', 'cast-110108', 'active', 'admin', 'KX1', null, null, '', '')`,
  )
  .run()
raw.exec('analyze')

const rand = mulberry32(11)
const townships = raw.prepare("select id from organizations where level = 'township'").pluck().all() as string[]
const provinces = raw.prepare("select id from organizations where level = 'province'").pluck().all() as string[]

// The walks the closure table replaced (the SQL kysely generated for them before migration 0011).
const walkUp = raw.prepare(`with recursive chain(id, parent_id, name, short_name, depth) as (
    select id, parent_id, name, short_name, 0 from organizations where id = ?
    union all select o.id, o.parent_id, o.name, o.short_name, chain.depth + 1 from organizations o join chain on chain.parent_id = o.id where chain.depth < 16)
  select id, name, short_name, depth from chain where depth > 0 order by depth desc`)
const adminUp = raw.prepare(`with recursive up(id, parent_id, depth) as (
    select id, parent_id, 0 from organizations where id = ?
    union all select o.id, o.parent_id, up.depth + 1 from organizations o join up on up.parent_id = o.id where up.depth < 16)
  select m.id from up join memberships m on m.org_id = up.id where m.user_id = ? and m.role = 'admin' and m.status = 'active' limit 1`)
// (the columns ride in the walk: joining organisations after it makes SQLite scan the table)
const countsDown = raw.prepare(`with recursive down(id, kind, level, status, depth) as (
    select id, kind, level, status, 0 from organizations where id = ?
    union all select c.id, c.kind, c.level, c.status, down.depth + 1 from organizations c join down on down.id = c.parent_id where down.depth < 16)
  select kind, level, status, count(*) n from down where depth > 0 group by kind, level, status`)

// What the code runs now (the SQL kysely generates for ancestorsOf, isOrgAdmin, subtreeCounts).
const closureUp = raw.prepare(`select o.id, o.name, o.short_name from organization_closure c join organizations o on o.id = c.ancestor_id
  where c.descendant_id = ? and c.depth > 0 order by c.depth desc`)
const closureAdmin = raw.prepare(`select m.id from organization_closure c join memberships m on m.org_id = c.ancestor_id
  where c.descendant_id = ? and m.user_id = ? and m.role = 'admin' and m.status = 'active' limit 1`)
const closureCounts =
  raw.prepare(`select o.kind, o.level, o.status, count(*) n from organization_closure c join organizations o on o.id = c.descendant_id
  where c.ancestor_id = ? and c.depth > 0 group by o.kind, o.level, o.status`)

async function time(run: () => unknown, runs: number): Promise<number[]> {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await run()
    ms.push(performance.now() - t)
  }
  return ms.sort((a, b) => a - b)
}
const p50 = (ms: number[]) => ms[Math.floor(ms.length / 2)]!
async function row(label: string, walk: () => unknown, closure: () => unknown, call: () => unknown, runs = N) {
  for (const f of [walk, closure, call]) await time(f, runs) // warm-up
  const [w, c, k] = [await time(walk, runs), await time(closure, runs), await time(call, runs)]
  const f = (ms: number) => `${ms.toFixed(3)} ms`
  console.log(`| ${label} | ${runs} | ${f(p50(w))} | ${f(p50(c))} | ${(p50(w) / p50(c)).toFixed(1)} | ${f(p50(k))} |`)
}

const user = { id: 'u1', system_role: 'member' as const }
const town = () => pick(rand, townships)
const province = () => pick(rand, provinces)
console.log('| question | runs | recursive walk p50 | closure join p50 | walk ÷ closure | repository call p50 |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
await row(
  'breadcrumb of a random township',
  () => walkUp.all(town()),
  () => closureUp.all(town()),
  () => ancestorsOf(db, town()),
)
await row(
  'admin of a random township or above (no)',
  () => adminUp.get(town(), 'u1'),
  () => closureAdmin.get(town(), 'u1'),
  () => isOrgAdmin(db, user, town()),
)
await row(
  'admin of 中关村街道科协 or above (yes)',
  () => adminUp.get('cast-110108010', 'u1'),
  () => closureAdmin.get('cast-110108010', 'u1'),
  () => isOrgAdmin(db, user, 'cast-110108010'),
)
await row(
  'subtree counts of 海淀区科协',
  () => countsDown.all('cast-110108'),
  () => closureCounts.all('cast-110108'),
  () => subtreeCounts(db, 'cast-110108'),
)
await row(
  'subtree counts of a random province',
  () => countsDown.all(province()),
  () => closureCounts.all(province()),
  () => subtreeCounts(db, province()),
  100,
)
await row(
  'subtree counts of 中国科协 (all)',
  () => countsDown.all('cast-national'),
  () => closureCounts.all('cast-national'),
  () => subtreeCounts(db, 'cast-national'),
  20,
)
await db.destroy()
rmSync(dir, { recursive: true, force: true })
