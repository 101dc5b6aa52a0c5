/**
 * Two REAL server processes (`tsx server/main.ts`) on one PostgreSQL schema, as behind a load
 * balancer (issue 15): 500 people registering at once for 50 places through both, split between
 * them; the same mutation sent to both at once; a session and a login limit shared by both; and a
 * pull on the other instance that misses no registration. PostgreSQL only: one SQLite file has one
 * server process by design.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../server/db/database'
import { openPostgres } from '../../server/db/postgres.dialect'
import { migrateToLatest } from '../../server/db/migrate'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { onPostgres, TEST_SCHEMA_PREFIX } from './fixtures/database'
import { makeActivity, makeBeijing, makeUser, TEST_PASSWORD } from './fixtures'

const root = resolve(__dirname, '../..')
const PEOPLE = 500
const CAPACITY = 50
const DAY = 86_400_000
const BUDGET = 30

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => ok(port))
    })
  })
}

interface Instance {
  name: string
  base: string
  child: ChildProcess
  log: string[]
}

/** A cookie-keeping client over fetch, for one instance (its cookie can be shown to the other). */
function agent(cookie = '') {
  async function call(inst: Instance, method: string, path: string, body?: unknown) {
    const res = await fetch(inst.base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const set = res.headers.getSetCookie()[0]
    if (set) cookie = set.split(';')[0]!
    const text = await res.text()
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever fields the answer carries
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = text
    }
    return { status: res.status, body: json }
  }
  return {
    get: (inst: Instance, path: string) => call(inst, 'GET', path),
    post: (inst: Instance, path: string, body: unknown) => call(inst, 'POST', path, body),
    cookie: () => cookie,
  }
}
type Agent = ReturnType<typeof agent>

async function start(name: string, url: string, dataDir: string): Promise<Instance> {
  const port = await freePort()
  const log: string[] = []
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      PG_POOL_MAX: '6',
      PORT: String(port),
      HOST: '127.0.0.1',
      CLIENT_DIR: '',
      DATA_DIR: dataDir,
      SCRYPT_N: '1024',
      SMS_GATEWAY: 'dev',
      // a small sync budget that does not refill during the test, so the shared count is exact;
      // nobody below needs more than a handful of mutations, except the budget test
      MUTATION_BURST: String(BUDGET),
      MUTATIONS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()))
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()))
  return { name, base: `http://127.0.0.1:${port}`, child, log }
}

async function waitHealthy(inst: Instance) {
  for (let i = 0; i < 600; i++) {
    if (inst.child.exitCode !== null) throw new Error(`${inst.name} exited (${inst.child.exitCode}):\n${inst.log.join('')}`)
    try {
      if ((await fetch(inst.base + '/api/health')).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${inst.name} never answered /api/health:\n${inst.log.join('')}`)
}

function stop(inst: Instance | undefined): Promise<void> {
  if (!inst || inst.child.exitCode !== null || inst.child.signalCode !== null) return Promise.resolve()
  return new Promise((ok) => {
    const hard = setTimeout(() => inst.child.kill('SIGKILL'), 10_000)
    inst.child.once('exit', () => {
      clearTimeout(hard)
      ok()
    })
    inst.child.kill('SIGTERM')
  })
}

/** Logs in through `inst`, retrying while the hash gate is busy (503). */
async function login(inst: Instance, phone: string): Promise<Agent> {
  const a = agent()
  for (let i = 0; i < 200; i++) {
    const res = await a.post(inst, '/api/auth/login', { phone, password: TEST_PASSWORD })
    if (res.status === 200) return a
    if (res.status !== 503) throw new Error(`login on ${inst.name}: ${res.status} ${JSON.stringify(res.body)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('login: gate busy for too long')
}

const push = (a: Agent, inst: Instance, clientId: string, mutations: unknown[]) =>
  a.post(inst, '/api/sync/push', { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations })
const registerMutation = (activityId: string, registrationId: string, id: string = randomUUID()) => ({
  id,
  name: 'activity.register',
  args: { registrationId, activityId },
  createdAt: new Date().toISOString(),
})

/** Every upsert of `table` a person's pull from 0 returns, by id. */
async function pulledFrom(a: Agent, inst: Instance, table: string) {
  const rows = new Map<string, Record<string, unknown>>()
  let cursor = 0
  for (let i = 0; i < 1000; i++) {
    const res = await a.get(inst, `/api/sync/pull?cursor=${cursor}&limit=500&schemaVersion=${SYNC_SCHEMA_VERSION}`)
    expect(res.status).toBe(200)
    for (const ch of res.body.changes) if (ch.table === table && ch.op === 'upsert') rows.set(ch.id, ch.row)
    cursor = res.body.cursor
    if (!res.body.hasMore) return rows
  }
  throw new Error('pull never finished')
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!, i)
      }
    }),
  )
  return out
}

describe.skipIf(!onPostgres)('two server instances on one PostgreSQL', () => {
  const schema = `${TEST_SCHEMA_PREFIX}${process.pid}_multi_${randomBytes(4).toString('hex')}`
  let admin: DB
  let db: DB
  let A: Instance | undefined
  let B: Instance | undefined
  let dataDir = ''
  const inst = () => [A!, B!] as const

  beforeAll(async () => {
    const baseUrl = process.env.TEST_DATABASE_URL!
    admin = openPostgres({ url: baseUrl, max: 1 }).db
    await sql.raw(`create schema ${schema}`).execute(admin)
    db = openPostgres({ url: baseUrl, schema, max: 4 }).db
    await migrateToLatest(db)
    // a non-empty database: the instances find organisations and do not seed
    await makeBeijing(db)
    dataDir = mkdtempSync(join(tmpdir(), 'multi-instance-'))
    const url = `${baseUrl}?options=${encodeURIComponent(`-c search_path=${schema},public`)}`
    A = await start('A', url, join(dataDir, 'a'))
    B = await start('B', url, join(dataDir, 'b'))
    await Promise.all([waitHealthy(A), waitHealthy(B)])
  }, 120_000)

  afterAll(async () => {
    await Promise.all([stop(A), stop(B)])
    await db?.destroy()
    if (admin) {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(admin)
      await admin.destroy()
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  it(`${PEOPLE} registrations at once for ${CAPACITY} places through both: ${CAPACITY} registered, the rest waitlisted in one order; cancellations promote the head; a pull on B misses nothing`, async () => {
    const now = Date.now()
    const act = await makeActivity(db, {
      capacity: CAPACITY,
      opensAt: new Date(now - DAY).toISOString(),
      closesAt: new Date(now + 7 * DAY).toISOString(),
      startsAt: new Date(now + 8 * DAY).toISOString(),
      endsAt: new Date(now + 8 * DAY + 2 * 3_600_000).toISOString(),
    })
    const users = await pool(Array.from({ length: PEOPLE }), 8, () => makeUser(db))
    // person i lives on instance i % 2 (logged in there), two logins at a time on each instance
    const home = (i: number) => inst()[i % 2]!
    const agents = await pool(users, 4, (u, i) => login(home(i), u.phone))
    const clients = users.map(() => randomUUID())
    const regIds: string[] = users.map(() => randomUUID())

    const answers = await Promise.all(agents.map((a, i) => push(a, home(i), clients[i]!, [registerMutation(act.id, regIds[i]!)])))
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200))
    const results = answers.map((r) => r.body.results[0])
    expect(results.every((r) => r.status === 'applied')).toBe(true)

    const regs = await db.selectFrom('registrations').selectAll().where('activity_id', '=', act.id).orderBy('seq').execute()
    expect(regs).toHaveLength(PEOPLE)
    expect(new Set(regs.map((r) => r.user_id)).size).toBe(PEOPLE)
    expect(new Set(regs.map((r) => r.seq)).size).toBe(PEOPLE)
    expect(regs.filter((r) => r.status === 'registered')).toHaveLength(CAPACITY)
    expect((await db.selectFrom('activities').select('places_taken').where('id', '=', act.id).executeTakeFirstOrThrow()).places_taken).toBe(
      CAPACITY,
    )
    // one order for both instances: the order the results were recorded (sync versions) is the seq
    // order; the first 50 got the places, the other 450 were told places 1…450, none twice, no gap
    const processed = await db
      .selectFrom('sync_mutations')
      .select(['user_id', 'version'])
      .where('name', '=', 'activity.register')
      .orderBy('version')
      .execute()
    expect(processed.map((m) => m.user_id)).toEqual(regs.map((r) => r.user_id))
    expect(new Set(processed.map((m) => m.version)).size).toBe(PEOPLE)
    expect(regs.slice(0, CAPACITY).every((r) => r.status === 'registered')).toBe(true)
    expect(regs.slice(CAPACITY).every((r) => r.status === 'waitlisted')).toBe(true)
    const positionByReg = new Map(results.map((r, i) => [regIds[i]!, r.data.waitlistPosition as number | null]))
    expect(regs.slice(CAPACITY).map((r) => positionByReg.get(r.id))).toEqual(Array.from({ length: PEOPLE - CAPACITY }, (_, i) => i + 1))
    // both instances took part
    const servedBy = new Set(regs.slice(0, CAPACITY).map((r) => regIds.indexOf(r.id) % 2))
    expect(servedBy.size).toBe(2)

    // three people with places cancel at once, on either instance: the head of the waitlist is promoted, in seq order
    const index = new Map(regIds.map((id, i) => [id, i]))
    const cancelled = [regs[3]!, regs[20]!, regs[49]!]
    const cancels = await Promise.all(
      cancelled.map((r, k) => {
        const i = index.get(r.id)!
        return push(agents[i]!, inst()[k % 2]!, clients[i]!, [
          { id: randomUUID(), name: 'activity.cancel', args: { registrationId: r.id }, createdAt: new Date().toISOString() },
        ])
      }),
    )
    expect(cancels.map((r) => r.body.results[0].status)).toEqual(['applied', 'applied', 'applied'])
    const after = await db
      .selectFrom('registrations')
      .select(['id', 'status', 'seq', 'version'])
      .where('activity_id', '=', act.id)
      .orderBy('seq')
      .execute()
    const stillIn = after.filter((r) => r.status !== 'cancelled')
    expect(stillIn.filter((r) => r.status === 'registered')).toHaveLength(CAPACITY)
    // the registered are exactly the lowest seqs still in; the three promoted are the old waitlist's head
    expect(stillIn.slice(0, CAPACITY).every((r) => r.status === 'registered')).toBe(true)
    expect(stillIn.slice(CAPACITY).every((r) => r.status === 'waitlisted')).toBe(true)
    const promoted = after.filter((r) => regs.slice(CAPACITY, CAPACITY + 3).some((w) => w.id === r.id))
    expect(promoted.map((r) => r.status)).toEqual(['registered', 'registered', 'registered'])
    // promoted in seq order: each promotion stamped a later version than the one before
    expect([...promoted].sort((x, y) => x.version - y.version).map((r) => r.seq)).toEqual(promoted.map((r) => r.seq))

    // each of the 500, pulling from 0 on instance B (wherever they logged in), gets their registration as it is now
    const byId = new Map(after.map((r) => [r.id, r.status]))
    const pulledStatus = await pool(agents, 6, async (a, i) => (await pulledFrom(a, B!, 'registrations')).get(regIds[i]!)?.status)
    expect(pulledStatus).toEqual(regIds.map((id) => byId.get(id)))
    // the next waitlisted person learns their new place the same way
    const next = stillIn[CAPACITY]!
    const nextRow = (await pulledFrom(agents[index.get(next.id)!]!, B!, 'registrations')).get(next.id)
    expect(nextRow).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
  }, 180_000)

  it('the same mutation pushed to both instances at once is applied once, with one answer', async () => {
    const act = await makeActivity(db, {
      capacity: 5,
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 7 * DAY).toISOString(),
      startsAt: new Date(Date.now() + 8 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 8 * DAY + 3_600_000).toISOString(),
    })
    const user = await makeUser(db)
    const onA = await login(A!, user.phone)
    const onB = await login(B!, user.phone)
    for (let round = 0; round < 5; round++) {
      const clientId = randomUUID()
      const registrationId = randomUUID()
      const m = registerMutation(act.id, registrationId)
      const [a, b] = await Promise.all([push(onA, A!, clientId, [m]), push(onB, B!, clientId, [m])])
      expect(a.status).toBe(200)
      expect(b.status).toBe(200)
      expect(a.body).toEqual(b.body)
      expect(a.body.results[0].status).toBe('applied')
      const rows = await db.selectFrom('registrations').select('id').where('id', '=', registrationId).execute()
      expect(rows).toHaveLength(1)
      const records = await db.selectFrom('sync_mutations').select('mutation_id').where('client_id', '=', clientId).execute()
      expect(records).toHaveLength(1)
      // cancel it again, so the next round registers anew (one live registration per person)
      const c = await push(onA, A!, clientId, [
        { id: randomUUID(), name: 'activity.cancel', args: { registrationId }, createdAt: new Date().toISOString() },
      ])
      expect(c.body.results[0].status).toBe('applied')
    }
  }, 60_000)

  it('a session made on A works on B, and logging out on B ends it on A', async () => {
    const user = await makeUser(db)
    const onA = await login(A!, user.phone)
    const onB = agent(onA.cookie())
    const me = await onB.get(B!, '/api/me')
    expect(me.status).toBe(200)
    expect(JSON.stringify(me.body)).toContain(user.phone.slice(-4))
    expect((await onB.post(B!, '/api/auth/logout', {})).status).toBe(200)
    expect((await agent(onA.cookie()).get(A!, '/api/me')).status).toBe(401)
  })

  it('wrong passwords for one number, alternating between A and B, hit the limit after 5 in total', async () => {
    const user = await makeUser(db)
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      const res = await agent().post(inst()[i % 2]!, '/api/auth/login', { phone: user.phone, password: 'wrong-password-1' })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429])
    // the right password is refused too until the window ends, on either instance
    expect((await agent().post(B!, '/api/auth/login', { phone: user.phone, password: TEST_PASSWORD })).status).toBe(429)
  })

  it(`one account's sync budget is shared: ${BUDGET} mutations in all, however they are split between A and B`, async () => {
    const user = await makeUser(db)
    const onA = await login(A!, user.phone)
    const onB = await login(B!, user.phone)
    const edits = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: randomUUID(),
        name: 'profile.update',
        args: { bio: `第${i}版` },
        createdAt: new Date().toISOString(),
      }))
    // two devices, one on each instance, each sending more than the whole budget, in batches at once
    const send = async (a: Agent, on: Instance) => {
      const clientId = randomUUID()
      let applied = 0
      for (let batch = 0; batch < 4; batch++) {
        const res = await push(a, on, clientId, edits(10))
        expect(res.status).toBe(200)
        applied += res.body.results.length
        if (res.body.retry) expect(res.body.retry.code).toBe('rate_limited')
      }
      return applied
    }
    const [a, b] = await Promise.all([send(onA, A!), send(onB, B!)])
    expect(a + b).toBe(BUDGET)
    expect(await db.selectFrom('sync_mutations').select('mutation_id').where('user_id', '=', user.id).execute()).toHaveLength(BUDGET)
  }, 60_000)

  it('neither instance logged a failure (maintenance jobs at start included)', () => {
    for (const i of inst())
      expect(
        i.log
          .join('')
          .split('\n')
          .filter((l) => /fail|unhandled|error/i.test(l)),
      ).toEqual([])
  })
})
