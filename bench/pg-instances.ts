/**
 * The same product on three set-ups, measured in one run (issue 15): SQLite with one instance,
 * PostgreSQL with one instance, PostgreSQL with two instances — each instance a real `server/main.ts`
 * process (its own event loop), all on this machine, the load spread round-robin over the instances.
 *
 * Per set-up:
 *  - reads: 20 keep-alive connections for 5 s on GET /api/health, then on an authenticated GET /api/me;
 *  - a pull with nothing new (GET /api/sync/pull at the current cursor), same load;
 *  - writes: 1,000 people register (`activity.register`, one mutation per push) for ONE activity with
 *    100 places, 50 pushes at a time; afterwards exactly 100 hold places and 900 wait, the 100 with the
 *    lowest seq holding them, every seq distinct (one FIFO order across instances).
 * Sessions are made in the database (the login limit per address would stop 1,000 logins from one address).
 *
 * Run: npx tsx bench/pg-instances.ts   (PostgreSQL at postgres://postgres@127.0.0.1:5432, trust; PG_BENCH_URL to change)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { sql } from 'kysely'
import type { DB } from '../server/db/database'
import { openSqlite } from '../server/db/sqlite.dialect'
import { openPostgres } from '../server/db/postgres.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { insertOrganization } from '../server/db/organization-tree.repository'
import { insertActivity } from '../server/db/activity.repository'
import { BLANK_PROFILE, insertUser } from '../server/db/user.repository'
import { createSession } from '../server/db/session.repository'
import { SYNC_SCHEMA_VERSION } from '../shared/schemas/sync'

const PG_BASE = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432'
const PEOPLE = 1_000
const PLACES = 100
const CONCURRENT_PUSHES = 50
const READ_CONNECTIONS = 20
const READ_SECONDS = 5

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })

interface Setup {
  name: string
  db: DB
  env: Record<string, string>
  instances: number
  cleanup: () => Promise<void>
}

async function sqliteSetup(): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-sqlite-'))
  const { db, raw } = openSqlite({ file: join(dir, 'app.db') })
  return {
    name: 'SQLite, 1 instance',
    db,
    env: { DATA_DIR: dir },
    instances: 1,
    cleanup: async () => {
      await db.destroy()
      raw.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function postgresSetup(instances: number): Promise<Setup> {
  const name = `bench_${Date.now()}_${instances}`
  const admin = openPostgres({ url: `${PG_BASE}/postgres`, max: 1 })
  await sql.raw(`create database ${name}`).execute(admin.db)
  const url = `${PG_BASE}/${name}`
  const { db } = openPostgres({ url, max: 4 })
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-'))
  return {
    name: `PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''}`,
    db,
    env: { DATABASE_URL: url, DATA_DIR: dir },
    instances,
    cleanup: async () => {
      await db.destroy()
      await sql.raw(`drop database ${name} with (force)`).execute(admin.db)
      await admin.db.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The schema, one organisation (so the instances do not seed), 1,000 people with a session each. */
async function prepare(db: DB) {
  await migrateToLatest(db)
  const now = new Date().toISOString()
  await db.transaction().execute((trx) =>
    insertOrganization(trx, {
      id: 'cast-national',
      kind: 'cast',
      level: 'national',
      name: '中国科学技术协会',
      short_name: '中国科协',
      region_code: null,
      parent_id: null,
      discipline: null,
      status: 'established',
      join_policy: 'approval',
      description: null,
      contact: null,
      created_at: now,
      version: 1,
    }),
  )
  const people: Array<{ cookie: string; clientId: string }> = []
  for (let i = 0; i < PEOPLE; i++) {
    const id = randomUUID()
    await db.transaction().execute((trx) =>
      insertUser(trx, {
        id,
        phone: `139${String(20_000 + i).padStart(8, '0')}`,
        name: `压测用户${i}`,
        password_hash: 'unused',
        ...BLANK_PROFILE,
        privacy_consent_at: now,
        created_at: now,
        updated_at: now,
      }),
    )
    const { token } = await createSession(db, id, new Date(), 12 * 3600_000, 'bench')
    people.push({ cookie: `sh_session=${token}`, clientId: randomUUID() })
  }
  const t = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  const activity = await db.transaction().execute((trx) =>
    insertActivity(trx, {
      id: randomUUID(),
      org_id: 'cast-national',
      kind: 'academic',
      title: '压测活动',
      description: '',
      venue_address: '线上',
      hub_id: null,
      region_code: null,
      starts_at: iso(t + 86_400_000),
      ends_at: iso(t + 90_000_000),
      registration_opens_at: iso(t - 3_600_000),
      registration_closes_at: iso(t + 80_000_000),
      capacity: PLACES,
      requires_approval: 0,
      audience: 'public',
      status: 'published',
      credit_hours: 2,
      created_by: null,
      created_at: iso(t),
      updated_at: iso(t),
    }),
  )
  return { people, activityId: activity.id }
}

async function startInstances(setup: Setup): Promise<{ urls: string[]; stop: () => void }> {
  const children: ChildProcess[] = []
  const urls: string[] = []
  for (let i = 0; i < setup.instances; i++) {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        ...setup.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        CLIENT_DIR: '',
        SCRYPT_N: '1024',
        MUTATION_BURST: '100000',
        MUTATIONS_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    children.push(child)
    const url = `http://127.0.0.1:${port}`
    for (let tries = 0; ; tries++) {
      const ok = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      if (tries > 300) throw new Error(`instance ${i} did not start`)
      await new Promise((r) => setTimeout(r, 100))
    }
    urls.push(url)
  }
  return { urls, stop: () => children.forEach((c) => c.kill('SIGTERM')) }
}

/** Requests per second over READ_SECONDS with READ_CONNECTIONS closed loops, spread over the instances. */
async function rate(urls: string[], path: string, headers: Record<string, string> = {}): Promise<number> {
  let done = 0
  let failed = 0
  const until = performance.now() + READ_SECONDS * 1000
  await Promise.all(
    Array.from({ length: READ_CONNECTIONS }, async (_, i) => {
      const url = urls[i % urls.length]!
      while (performance.now() < until) {
        const res = await fetch(url + path, { headers })
        await res.arrayBuffer()
        if (res.ok) done++
        else failed++
      }
    }),
  )
  if (failed > 0) throw new Error(`${failed} failed requests on ${path}`)
  return done / READ_SECONDS
}

async function registrations(urls: string[], db: DB, people: Array<{ cookie: string; clientId: string }>, activityId: string) {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENT_PUSHES }, async () => {
      while (next < people.length) {
        const i = next++
        const p = people[i]!
        const res = await fetch(`${urls[i % urls.length]}/api/sync/push`, {
          method: 'POST',
          headers: { cookie: p.cookie, 'content-type': 'application/json' },
          body: JSON.stringify({
            clientId: p.clientId,
            schemaVersion: SYNC_SCHEMA_VERSION,
            mutations: [
              {
                id: randomUUID(),
                name: 'activity.register',
                args: { registrationId: randomUUID(), activityId },
                createdAt: new Date().toISOString(),
              },
            ],
          }),
        })
        const body = (await res.json()) as { results: Array<{ status: string }> }
        if (body.results[0]?.status !== 'applied') throw new Error(`push ${res.status}: ${JSON.stringify(body)}`)
      }
    }),
  )
  const ms = performance.now() - started
  const rows = await db.selectFrom('registrations').select(['status', 'seq']).where('activity_id', '=', activityId).orderBy('seq').execute()
  const registered = rows.filter((r) => r.status === 'registered').length
  const waiting = rows.filter((r) => r.status === 'waitlisted').length
  // seq is the sync version a registration was stamped with: distinct, increasing in processing order
  const distinct = new Set(rows.map((r) => r.seq)).size === rows.length
  const fifo = rows.slice(0, PLACES).every((r) => r.status === 'registered')
  if (registered !== PLACES || waiting !== PEOPLE - PLACES || !distinct || !fifo) {
    throw new Error(`capacity or FIFO broken: ${registered} registered, ${waiting} waiting, distinct seq ${distinct}, fifo ${fifo}`)
  }
  return PEOPLE / (ms / 1000)
}

const results: Array<{ name: string; health: number; me: number; pull: number; register: number }> = []
for (const make of [sqliteSetup, () => postgresSetup(1), () => postgresSetup(2)]) {
  const setup = await make()
  const { people, activityId } = await prepare(setup.db)
  const { urls, stop } = await startInstances(setup)
  try {
    const someone = people[0]!
    const cursor = (
      (await (await fetch(`${urls[0]}/api/sync/pull?cursor=0&limit=500`, { headers: { cookie: someone.cookie } })).json()) as {
        cursor: number
      }
    ).cursor
    await rate(urls, '/api/health') // warm up
    const health = await rate(urls, '/api/health')
    const me = await rate(urls, '/api/me', { cookie: someone.cookie })
    const pull = await rate(urls, `/api/sync/pull?cursor=${cursor}&limit=500`, { cookie: someone.cookie })
    const register = await registrations(urls, setup.db, people, activityId)
    results.push({ name: setup.name, health, me, pull, register })
    console.error(`${setup.name}: done`)
  } finally {
    stop()
    await new Promise((r) => setTimeout(r, 500))
    await setup.cleanup()
  }
}

const base = results[0]!
console.log(
  `\n${READ_CONNECTIONS} connections × ${READ_SECONDS} s per read; ${PEOPLE} registrations for ${PLACES} places, ${CONCURRENT_PUSHES} pushes at a time\n`,
)
console.log('| set-up | /api/health req/s | /api/me req/s | pull, nothing new req/s | registrations/s | ×SQLite (me, pull, register) |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const r of results) {
  const x = (a: number, b: number) => (a / b).toFixed(2)
  console.log(
    `| ${r.name} | ${r.health.toFixed(0)} | ${r.me.toFixed(0)} | ${r.pull.toFixed(0)} | ${r.register.toFixed(0)} | ${x(r.me, base.me)}, ${x(r.pull, base.pull)}, ${x(r.register, base.register)} |`,
  )
}
