/**
 * The data of the volunteer benches (issue 13): a temp file database with the production pragmas,
 * the real regions and organisations (seed without demo accounts), then 50,000 volunteer teams under
 * the 科协 of counties and established townships (10% in 海淀 as a hot district), 100,000 volunteers,
 * ~500,000 team memberships, 100,000 services, 500,000 weekly shifts from six weeks ago to six
 * weeks ahead and 1,000,000 sign-ups (past ones attended, a few shifts full with a waitlist).
 * Multi-row inserts in one transaction per table, foreign keys checked once at the end; the
 * volunteer tables' secondary indexes (the migrations' own statements) are dropped for the load and
 * built once after it (KEEP_INDEXES=1 loads with them in place: ~25% more CPU at a fifth of the
 * scale). No ANALYZE: production never runs it either.
 *
 *   npx tsx bench/volunteer-scale.ts   (prints the time per table, rows/s and the file size)
 *   VOLUNTEER_SCALE=0.1 npx tsx bench/volunteer-scale.ts   (a tenth of it)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { seedIfEmpty } from '../seeds/index'
import { mulberry32, pick } from '../seeds/random'
import { VOLUNTEER_SKILLS } from '../shared/schemas/volunteer'

/** VOLUNTEER_SCALE=0.1 makes a tenth of everything (a quick try of the scripts); 1 is the figure. */
const SCALE = Number(process.env.VOLUNTEER_SCALE ?? 1)
export const TEAMS = Math.round(50_000 * SCALE)
export const USERS = Math.round(100_000 * SCALE)
export const SERVICES_PER_TEAM = 2
export const SHIFTS_PER_SERVICE = 5
export const now = new Date('2026-11-28T08:00:00Z')

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WEEK = 7 * DAY

/** uuid-shaped ids from a counter, one prefix per table (a valid v4 layout, so route params accept them). */
export const benchId = (kind: number, n: number) => `${kind}0000000-0000-4000-a000-${String(n).padStart(12, '0')}`
export const TEAM = 1
export const USER = 6

/** `insert … values (…), (…), …` in chunks of `per` rows with one prepared statement per chunk size. */
function bulkInsert(raw: Database.Database, table: string, columns: readonly string[], rows: Iterable<unknown[]>, per = 200): number {
  const one = `(${columns.map(() => '?').join(', ')})`
  const stmt = (n: number) => raw.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array(n).fill(one).join(', ')}`)
  const full = stmt(per)
  let batch: unknown[] = []
  let inChunk = 0
  let count = 0
  for (const row of rows) {
    for (const v of row) batch.push(v)
    count++
    if (++inChunk === per) {
      full.run(batch)
      batch = []
      inChunk = 0
    }
  }
  if (inChunk > 0) stmt(inChunk).run(batch)
  return count
}

export interface VolunteerScaleDb {
  dir: string
  db: ReturnType<typeof openSqlite>['db']
  raw: Database.Database
  rand: () => number
  /** per team: region code, first member's index (the leader), member count */
  teamRegion: string[]
  teamFirst: Int32Array
  teamSize: Int32Array
  /** the active teams' numbers (a leader's week view is of one of these) */
  activeTeams: number[]
  userRegion: string[]
  counties: string[]
  /** wall and CPU (user + system) seconds: on a shared machine the CPU figure is the steadier one */
  timings: Array<{ table: string; rows: number; seconds: number; cpuSeconds: number }>
  seedSeconds: number
  seedCpuSeconds: number
  totalSeconds: number
  totalCpuSeconds: number
}

const cpuSince = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from)
  return (d.user + d.system) / 1e6
}

export async function openVolunteerScaleDb(prefix = 'volunteer-scale-'): Promise<VolunteerScaleDb> {
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const { db, raw } = openSqlite({ file: join(dir, 'app.db') })
  await migrateToLatest(db)
  await seedIfEmpty(db, { now, scryptN: 1024, demo: false })
  const seedSeconds = (performance.now() - started) / 1000
  const seedCpuSeconds = cpuSince(cpuStarted)

  const rand = mulberry32(13)
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const places = raw
    .prepare(
      `select r.code from regions r join organizations o on o.id = 'cast-' || r.code
        where r.level in ('county', 'township') and o.status = 'established' order by r.code`,
    )
    .pluck()
    .all() as string[]
  const haidian = places.filter((c) => c.startsWith('110108'))
  const counties = places.filter((c) => c.length === 6)
  // teams sorted by region, so a block of consecutive teams (and the people they share) sits in one place
  const teamRegion = Array.from({ length: TEAMS }, () => (rand() < 0.1 ? pick(rand, haidian) : pick(rand, places))).sort()
  const teamSize = new Int32Array(TEAMS)
  const teamFirst = new Int32Array(TEAMS)
  // member k of team t is user (2t + k) mod USERS: each person is on ~5 neighbouring teams
  for (let t = 0; t < TEAMS; t++) {
    teamSize[t] = between(3, 17)
    teamFirst[t] = (2 * t) % USERS
  }
  const userRegion = Array.from({ length: USERS }, (_, u) => teamRegion[Math.min(TEAMS - 1, Math.floor(u / 2))]!)
  const memberUser = (t: number, k: number) => (teamFirst[t]! + k) % USERS
  const skillBit = () => 1 << Math.floor(rand() * VOLUNTEER_SKILLS.length)

  let version = (raw.prepare('select version from sync_state where id = 1').pluck().get() as number) + 1
  const iso = (t: number) => new Date(t).toISOString()
  const at = iso(now.getTime() - 60 * DAY)
  const timings: VolunteerScaleDb['timings'] = []
  raw.pragma('foreign_keys = OFF') // checked once below (foreign_key_check), not per row
  // the volunteer tables' secondary indexes are built once after the load (the migrations' own statements)
  const indexes = (
    process.env.KEEP_INDEXES
      ? []
      : raw
          .prepare(
            `select name, sql from sqlite_master where type = 'index' and sql is not null
              and tbl_name in ('volunteer_teams', 'team_members', 'volunteer_services', 'shifts', 'shift_signups')`,
          )
          .all()
  ) as Array<{ name: string; sql: string }>
  for (const i of indexes) raw.exec(`drop index ${i.name}`)
  const load = (table: string, columns: readonly string[], rows: () => Iterable<unknown[]>) => {
    const t = performance.now()
    const c = process.cpuUsage()
    const count = raw.transaction(() => bulkInsert(raw, table, columns, rows()))()
    timings.push({ table, rows: count, seconds: (performance.now() - t) / 1000, cpuSeconds: cpuSince(c) })
  }

  load(
    'users',
    ['id', 'phone', 'name', 'password_hash', 'region_code', 'system_role', 'privacy_consent_at', 'created_at', 'updated_at', 'version'],
    function* () {
      for (let u = 0; u < USERS; u++)
        yield [benchId(USER, u), `137${String(u).padStart(8, '0')}`, `志愿者${u}`, 'x', userRegion[u], 'member', at, at, at, version++]
    },
  )
  const teamMask = new Int32Array(TEAMS)
  const activeTeams: number[] = []
  load(
    'volunteer_teams',
    [
      'id',
      'org_id',
      'name',
      'description',
      'region_code',
      'skills_mask',
      'status',
      'min_attendance_percent',
      'cancel_cutoff_hours',
      'member_count',
      'created_at',
      'updated_at',
      'version',
    ],
    function* () {
      for (let t = 0; t < TEAMS; t++) {
        teamMask[t] = skillBit() | (rand() < 0.5 ? skillBit() : 0)
        const r = rand()
        const status = r < 0.97 ? 'active' : r < 0.99 ? 'pending' : 'closed'
        if (status === 'active') activeTeams.push(t)
        yield [
          benchId(TEAM, t),
          `cast-${teamRegion[t]}`,
          `志愿服务队${t}`,
          '',
          teamRegion[t],
          teamMask[t],
          status,
          60,
          24,
          teamSize[t],
          at,
          at,
          version++,
        ]
      }
    },
  )
  load('team_members', ['id', 'team_id', 'user_id', 'role', 'status', 'skills_mask', 'created_at', 'updated_at', 'version'], function* () {
    let n = 0
    for (let t = 0; t < TEAMS; t++)
      for (let k = 0; k < teamSize[t]!; k++)
        yield [
          benchId(5, n++),
          benchId(TEAM, t),
          benchId(USER, memberUser(t, k)),
          k === 0 ? 'leader' : 'member',
          'active',
          skillBit(),
          at,
          at,
          version++,
        ]
  })
  load(
    'volunteer_services',
    ['id', 'team_id', 'title', 'description', 'venue_address', 'region_code', 'status', 'created_at', 'updated_at'],
    function* () {
      for (let t = 0; t < TEAMS; t++)
        for (let s = 0; s < SERVICES_PER_TEAM; s++)
          yield [
            benchId(2, t * SERVICES_PER_TEAM + s),
            benchId(TEAM, t),
            `服务项目${s}`,
            '',
            '某新时代文明实践所',
            teamRegion[t],
            'active',
            at,
            at,
          ]
    },
  )
  // shifts: each service weekly, five in a row, starting between six weeks ago and two weeks ahead
  const SHIFTS = TEAMS * SERVICES_PER_TEAM * SHIFTS_PER_SERVICE
  const shiftStart = new Float64Array(SHIFTS)
  const shiftSlots = new Int32Array(SHIFTS)
  const shiftTeam = new Int32Array(SHIFTS)
  const shiftCancelled = new Uint8Array(SHIFTS)
  const shiftWant = new Int32Array(SHIFTS)
  for (let i = 0; i < SHIFTS; i++) {
    const t = Math.floor(i / (SERVICES_PER_TEAM * SHIFTS_PER_SERVICE))
    shiftTeam[i] = t
    shiftStart[i] =
      i % SHIFTS_PER_SERVICE === 0
        ? now.getTime() - (now.getTime() % DAY) + between(-42, 14) * DAY + between(0, 12) * HOUR
        : shiftStart[i - 1]! + WEEK
    shiftCancelled[i] = rand() < 0.02 ? 1 : 0
    // sign-ups: 0–5 people (~2 on average, 1,000,000 in all), never more than the team
    shiftWant[i] = shiftCancelled[i] ? 0 : Math.min(teamSize[t]!, between(0, 4) + (rand() < 0.06 ? 1 : 0))
    // a few full with a waitlist: fewer slots than people
    shiftSlots[i] = shiftWant[i]! >= 3 && rand() < 0.1 ? shiftWant[i]! - 1 : between(3, 12)
  }
  const taken = (i: number) => Math.min(shiftSlots[i]!, shiftWant[i]!)
  load(
    'shifts',
    [
      'id',
      'service_id',
      'team_id',
      'region_code',
      'starts_at',
      'ends_at',
      'slots',
      'places_taken',
      'required_skills_mask',
      'series_id',
      'status',
      'created_at',
      'updated_at',
      'version',
    ],
    function* () {
      for (let i = 0; i < SHIFTS; i++) {
        const t = shiftTeam[i]!
        const service = Math.floor(i / SHIFTS_PER_SERVICE)
        yield [
          benchId(3, i),
          benchId(2, service),
          benchId(TEAM, t),
          teamRegion[t],
          iso(shiftStart[i]!),
          iso(shiftStart[i]! + 3 * HOUR),
          shiftSlots[i],
          taken(i),
          rand() < 0.5 ? 0 : teamMask[t]! & -teamMask[t]!,
          benchId(7, service),
          shiftCancelled[i] ? 'cancelled' : 'open',
          at,
          at,
          version++,
        ]
      }
    },
  )
  load(
    'shift_signups',
    [
      'id',
      'shift_id',
      'team_id',
      'user_id',
      'status',
      'source',
      'seq',
      'checked_in_at',
      'checked_out_at',
      'hours_status',
      'credited_minutes',
      'created_at',
      'updated_at',
      'version',
    ],
    function* () {
      let n = 0
      for (let i = 0; i < SHIFTS; i++) {
        const t = shiftTeam[i]!
        const past = shiftStart[i]! < now.getTime()
        const from = between(0, teamSize[t]! - 1)
        for (let k = 0; k < shiftWant[i]!; k++) {
          const v = version++
          const attended = past && k < shiftSlots[i]!
          yield [
            benchId(4, n++),
            benchId(3, i),
            benchId(TEAM, t),
            benchId(USER, memberUser(t, (from + k) % teamSize[t]!)),
            k < shiftSlots[i]! ? 'signed_up' : 'waitlisted',
            'self',
            v,
            attended ? iso(shiftStart[i]! - 10 * MINUTE) : null,
            attended ? iso(shiftStart[i]! + 3 * HOUR) : null,
            attended ? 'approved' : 'none',
            attended ? 180 : null,
            at,
            at,
            v,
          ]
        }
      }
    },
  )
  raw.prepare('update sync_state set version = ? where id = 1').run(version)
  const indexStarted = performance.now()
  const indexCpu = process.cpuUsage()
  raw.transaction(() => {
    for (const i of indexes) raw.exec(i.sql)
  })()
  timings.push({
    table: `(${indexes.length} indexes)`,
    rows: 0,
    seconds: (performance.now() - indexStarted) / 1000,
    cpuSeconds: cpuSince(indexCpu),
  })
  const fkStarted = performance.now()
  const fkCpu = process.cpuUsage()
  const broken = raw.pragma('foreign_key_check') as unknown[]
  if (broken.length > 0) throw new Error(`${broken.length} rows break a foreign key`)
  timings.push({ table: '(foreign_key_check)', rows: 0, seconds: (performance.now() - fkStarted) / 1000, cpuSeconds: cpuSince(fkCpu) })
  raw.pragma('foreign_keys = ON')
  return {
    dir,
    db,
    raw,
    rand,
    teamRegion,
    teamFirst,
    teamSize,
    activeTeams,
    userRegion,
    counties,
    timings,
    seedSeconds,
    seedCpuSeconds,
    totalSeconds: (performance.now() - started) / 1000,
    totalCpuSeconds: cpuSince(cpuStarted),
  }
}

/** File size after folding the WAL in. */
export function fileMiB(v: VolunteerScaleDb): number {
  v.raw.pragma('wal_checkpoint(TRUNCATE)')
  return statSync(join(v.dir, 'app.db')).size / 1048576
}

if (process.argv[1]?.endsWith('volunteer-scale.ts')) {
  const v = await openVolunteerScaleDb()
  const rows = v.timings.reduce((n, t) => n + t.rows, 0)
  const loadSeconds = v.timings.reduce((n, t) => n + t.seconds, 0)
  const loadCpu = v.timings.reduce((n, t) => n + t.cpuSeconds, 0)
  const line = (table: string, rowCount: number, wall: number, cpu: number) =>
    console.log(
      `| ${table} | ${rowCount ? rowCount.toLocaleString('en') : ''} | ${wall.toFixed(1)} | ${cpu.toFixed(1)} | ${rowCount ? Math.round(rowCount / cpu).toLocaleString('en') : ''} |`,
    )
  console.log('| step | rows | wall s | CPU s | rows per CPU s |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  line('base seed (regions, 科协, societies; no demo)', 0, v.seedSeconds, v.seedCpuSeconds)
  for (const t of v.timings) line(t.table, t.rows, t.seconds, t.cpuSeconds)
  line('all generated', rows, loadSeconds, loadCpu)
  console.log(`\ntotal ${v.totalSeconds.toFixed(1)} s wall, ${v.totalCpuSeconds.toFixed(1)} s CPU; file ${fileMiB(v).toFixed(0)} MiB`)
  await v.db.destroy()
  rmSync(v.dir, { recursive: true, force: true })
}
