/**
 * Volunteer services at scale (issue 13): 50,000 teams, ~500,000 shifts, 1,000,000 sign-ups
 * (volunteer-scale.ts), measured through the app (`app.request`: route + queries + JSON, no socket),
 * one request after another, each figure against GET /api/health measured in the same run:
 *   (a) a leader's week view, GET /api/lead/teams/{id}/week, for random active teams (as their leader);
 *   (b) open shifts near me, GET /api/shifts/open?near=1, for random members (their own region);
 *   (c) open shifts of a county matching skills, GET /api/shifts/open?region=<county>&skills=…
 * Then EXPLAIN QUERY PLAN of the statements those requests ran (captured on the SQLite handle), and
 * whether they use shifts_team_start, shifts_region_start and shift_signups_queue.
 * Stops with a clear message when a route is not mounted.
 *
 *   npx tsx bench/volunteer-week.ts [requests per row, default 400]
 */
import { rmSync } from 'node:fs'
import { createApp } from '../server/app'
import { defaultConfig } from '../server/deps'
import { createSession } from '../server/db/session.repository'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { cookieName } from '../server/middleware/session'
import { VOLUNTEER_SKILLS } from '../shared/schemas/volunteer'
import { pick } from '../seeds/random'
import { benchId, fileMiB, now, openVolunteerScaleDb, TEAM, USER, USERS } from './volunteer-scale'

const REQUESTS = Number(process.argv[2] ?? 400)
const EXPECTED_INDEXES = ['shifts_team_start', 'shifts_region_start', 'shift_signups_queue']

// before generating anything: are the routes mounted? (an empty database answers 401/404 with a code, an unknown route the app's own 404)
{
  const empty = openSqlite({ file: ':memory:' })
  await migrateToLatest(empty.db)
  const probe = createApp({ db: empty.db, clock: { now: () => now }, config: { ...defaultConfig, scryptN: 1024 } })
  for (const [path, route] of [
    [`/api/lead/teams/${benchId(TEAM, 0)}/week`, '/api/lead/teams/{id}/week'],
    ['/api/shifts/open?near=1', '/api/shifts/open'],
  ]) {
    const res = await probe.request(path!)
    if (res.status === 404 && (await res.text()).includes('no route for')) {
      console.error(`The route GET ${route} is not mounted on this branch: merge the volunteer routes (issue 13) first.`)
      process.exit(2)
    }
  }
  await empty.db.destroy()
}

const v = await openVolunteerScaleDb('volunteer-week-')
const count = (table: string) => v.raw.prepare(`select count(*) from ${table}`).pluck().get() as number
console.log(
  `data: ${count('volunteer_teams').toLocaleString('en')} teams, ${count('team_members').toLocaleString('en')} team members, ` +
    `${count('shifts').toLocaleString('en')} shifts, ${count('shift_signups').toLocaleString('en')} sign-ups; generated in ` +
    `${v.totalSeconds.toFixed(1)} s (base seed ${v.seedSeconds.toFixed(1)} s), file ${fileMiB(v).toFixed(0)} MiB\n`,
)

const app = createApp({ db: v.db, clock: { now: () => now }, config: { ...defaultConfig, scryptN: 1024 } })
const sessions = new Map<number, string>()
async function cookieOf(user: number): Promise<string> {
  let cookie = sessions.get(user)
  if (!cookie) {
    const { token } = await createSession(v.db, benchId(USER, user), now, 30 * 86_400_000, 'bench')
    cookie = `${cookieName(false)}=${token}`
    sessions.set(user, cookie)
  }
  return cookie
}

/** The request as a (method, path) the app must have mounted; an unknown route answers the app's own 404. */
async function get(path: string, cookie?: string) {
  const res = await app.request(path, { headers: cookie ? { cookie } : {} })
  const text = await res.text()
  if (res.status === 404 && text.includes('no route for')) {
    console.error(`\nThe route for GET ${path.split('?')[0]} is not mounted: merge the volunteer routes (issue 13) first.`)
    process.exit(2)
  }
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${text.slice(0, 300)}`)
  return JSON.parse(text) as Record<string, unknown>
}

// statements the routes run, captured on the raw handle kysely prepares them on
let capture: Array<{ sql: string; params: unknown[] }> | null = null
const prepare = v.raw.prepare.bind(v.raw)
v.raw.prepare = ((sql: string) => {
  const stmt = prepare(sql)
  if (!capture) return stmt
  const seen = capture
  for (const m of ['all', 'get', 'iterate', 'run'] as const) {
    const original = stmt[m].bind(stmt) as (...a: unknown[]) => unknown
    ;(stmt as unknown as Record<string, unknown>)[m] = (...params: unknown[]) => {
      seen.push({ sql, params })
      return original(...params)
    }
  }
  return stmt
}) as typeof v.raw.prepare

type Row = { label: string; p50: number; p95: number; max: number; perSecond: number; items: number }
async function measure(
  label: string,
  request: () => Promise<[string, string | undefined]>,
  itemsOf: (b: Record<string, unknown>) => number,
) {
  const prepared: Array<[string, string | undefined]> = []
  for (let i = 0; i < REQUESTS; i++) prepared.push(await request()) // sessions made before timing
  const ms: number[] = []
  let items = 0
  const started = performance.now()
  for (const [path, cookie] of prepared) {
    const t = performance.now()
    const body = await get(path, cookie)
    ms.push(performance.now() - t)
    items += itemsOf(body)
  }
  const seconds = (performance.now() - started) / 1000
  ms.sort((a, b) => a - b)
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))]!
  return { label, p50: p(0.5), p95: p(0.95), max: ms[ms.length - 1]!, perSecond: REQUESTS / seconds, items: items / REQUESTS } satisfies Row
}

const randomTeam = () => pick(v.rand, v.activeTeams)
const randomUser = () => Math.floor(v.rand() * USERS)
const skills = () => {
  const a = pick(v.rand, VOLUNTEER_SKILLS)
  const b = pick(v.rand, VOLUNTEER_SKILLS)
  return a === b ? a : `${a},${b}`
}
const week = async (): Promise<[string, string]> => {
  const t = randomTeam()
  return [`/api/lead/teams/${benchId(TEAM, t)}/week`, await cookieOf(v.teamFirst[t]!)]
}
const near = async (): Promise<[string, string]> => ['/api/shifts/open?near=1', await cookieOf(randomUser())]
const county = async (): Promise<[string, undefined]> => [
  `/api/shifts/open?region=${pick(v.rand, v.counties)}&skills=${skills()}`,
  undefined,
]
const health = async (): Promise<[string, undefined]> => ['/api/health', undefined]
const shiftCount = (b: Record<string, unknown>) => (Array.isArray(b.shifts) ? b.shifts.length : 0)
const itemCount = (b: Record<string, unknown>) => (Array.isArray(b.items) ? b.items.length : 0)

// every route answers (or the script stops here), then warm-up
for (const r of [health, week, near, county]) {
  const [path, cookie] = await r()
  await get(path, cookie)
}
await measure('warm-up', week, shiftCount)
await measure('warm-up', near, itemCount)

const baseline = await measure('GET /api/health (baseline)', health, () => 0)
const rows = [
  baseline,
  await measure('(a) week view of a random active team, as its leader', week, shiftCount),
  await measure('(b) open shifts near me (a random member)', near, itemCount),
  await measure('(c) open shifts of a random county + 1–2 skills', county, itemCount),
]
console.log(`${REQUESTS} requests per row, one after another; "×" compares with /api/health in this run\n`)
console.log('| request | items | p50 | p95 | max | requests/s | p50 × health | requests/s × health |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows)
  console.log(
    `| ${r.label} | ${r.items.toFixed(1)} | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms | ${r.max.toFixed(2)} ms | ${r.perSecond.toFixed(0)} | ${(r.p50 / baseline.p50).toFixed(1)} | ${(r.perSecond / baseline.perSecond).toFixed(3)} |`,
  )

// the plans of what one request of each kind ran
const used = new Set<string>()
for (const [label, r] of [
  ['(a) week view', week],
  ['(b) open shifts near me', near],
  ['(c) open shifts of a county + skills', county],
] as const) {
  const [path, cookie] = await r()
  capture = []
  await get(path, cookie)
  const statements = capture
  capture = null
  console.log(`\n${label}: ${path}`)
  for (const { sql, params } of statements) {
    if (!/^\s*(select|with)\b/i.test(sql) || !/\b(shifts|shift_signups|volunteer_teams)\b/.test(sql)) continue
    const plan = prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>
    console.log(`  ${sql.replace(/\s+/g, ' ').slice(0, 160)}${sql.length > 160 ? ' …' : ''}`)
    for (const { detail } of plan) {
      console.log(`    ${detail}`)
      for (const name of EXPECTED_INDEXES) if (detail.includes(name)) used.add(name)
    }
  }
}
console.log(`\nindexes used: ${EXPECTED_INDEXES.map((n) => `${n} ${used.has(n) ? 'yes' : 'NO'}`).join(', ')}`)

await v.db.destroy()
rmSync(v.dir, { recursive: true, force: true })
