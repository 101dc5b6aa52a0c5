/**
 * The whole sync loop under faults: ≥1,000 random mutations (a seeded fast-check plan) from four
 * simulated clients (three people; one of them on two devices) through a network that loses
 * requests, loses answers after the server applied them, duplicates and reorders deliveries; the
 * push answers of one client are lost for 17 minutes while its pulls go through; the
 * server also crashes inside some transactions (between apply and record) and restarts mid-way on
 * its database file. Afterwards the server equals a model that applied each mutation exactly once
 * in each client's order, and every client's replica equals what a fresh pull gives.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import type { Kysely, KyselyPlugin } from 'kysely'
import { createApp } from '../../../server/app'
import { defaultConfig } from '../../../server/deps'
import type { Database } from '../../../server/db/database'
import { openSqlite } from '../../../server/db/sqlite.dialect'
import { migrateToLatest } from '../../../server/db/migrate'
import { currentVersion } from '../../../server/db/version'
import { ProfilePatch } from '../../../shared/schemas/user'
import { deleteMembership, makeMembership, makeOrg, makeRegions, makeUser, TestClock } from '../fixtures'
import { seededRng, SimNetwork, type Rng } from './sim-network'
import { SimClient, type Answer, type Outgoing, type Planned } from './sim-client'

const SEED = 20261128
const PER_CLIENT = 260
const REGIONS = new Set(['11', '1101', '110108', '110108001', '110105'])
const dir = mkdtempSync(join(tmpdir(), 'sync-faults-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Throws inside the push transaction just before the idempotency record is written: a crash between apply and record. */
function crashPlugin(rng: Rng, counter: { crashes: number }): KyselyPlugin {
  return {
    transformQuery({ node }) {
      if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'sync_mutations' && rng() < 0.04) {
        counter.crashes++
        throw new Error('simulated crash before the record was written')
      }
      return node
    },
    async transformResult({ result }) {
      return result
    },
  }
}

class SimServer {
  base!: Kysely<Database>
  app!: ReturnType<typeof createApp>
  restarts = 0
  constructor(
    private file: string,
    readonly clock: TestClock,
    private rng: Rng,
    readonly counter = { crashes: 0 },
  ) {}
  async open() {
    this.base = openSqlite({ file: this.file }).db
    await migrateToLatest(this.base)
    const config = { ...defaultConfig, scryptN: 1024, sessionIdleMs: 7 * 24 * 3600_000, sessionAbsoluteMs: 30 * 24 * 3600_000 }
    this.app = createApp({ db: this.base.withPlugin(crashPlugin(this.rng, this.counter)), clock: this.clock, config })
  }
  async restart() {
    await this.base.destroy()
    this.restarts++
    await this.open()
  }
  async serve(req: Outgoing): Promise<Answer> {
    const res = await this.app.request(req.path, {
      method: req.kind === 'push' ? 'POST' : 'GET',
      headers: { cookie: req.cookie, ...(req.body ? { 'content-type': 'application/json' } : {}) },
      body: req.body ? JSON.stringify(req.body) : undefined,
    })
    return { status: res.status, body: await res.json() }
  }
  async login(phone: string, password: string) {
    const res = await this.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, password }),
    })
    return res.headers.get('set-cookie')!.split(';')[0]!
  }
}

const uuidFrom = (rng: Rng) => {
  const h = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16))
  h[12] = '4'
  h[16] = '89ab'[Math.floor(rng() * 4)]!
  const s = h.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

const patchArb = fc.record(
  {
    name: fc.constantFrom('张三', '李四', ' 王五 ', '赵六'),
    regionCode: fc.constantFrom('110108', '110105', '11', '110108001', '999999', null),
    discipline: fc.constantFrom('理科', '工科', '农科', null),
    employer: fc.constantFrom('中国科学院', '清华大学', '县农技站', null),
    title: fc.constantFrom('研究员', '教授', null),
    bio: fc.string({ maxLength: 12 }),
  },
  { requiredKeys: [] },
)
const mutationArb = fc.oneof(
  { weight: 16, arbitrary: patchArb.map((args) => ({ name: 'profile.update', args: args as unknown })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<unknown>({ name: '' }, { discipline: '文科' }, { age: 3 }, 'not an object')
      .map((args) => ({ name: 'profile.update', args })),
  },
  { weight: 1, arbitrary: fc.constant({ name: 'profile.delete', args: {} as unknown }) },
)

/** What the model says each mutation must get: the same rules, from the shared schema. */
function expectedOutcome(m: Planned): { status: string; code?: string } {
  if (m.name !== 'profile.update') return { status: 'rejected', code: 'unknown_mutation' }
  const parsed = ProfilePatch.safeParse(m.args)
  if (!parsed.success) return { status: 'rejected', code: 'invalid_args' }
  if (parsed.data.regionCode && !REGIONS.has(parsed.data.regionCode)) return { status: 'rejected', code: 'unknown_region' }
  return { status: 'applied' }
}

describe('sync under faults', () => {
  it('applies 1,040 mutations exactly once in each client’s order and converges every replica', { timeout: 120_000 }, async () => {
    const rng = seededRng(SEED)
    const clock = new TestClock()
    const server = new SimServer(join(dir, 'app.db'), clock, seededRng(SEED + 1))
    await server.open()
    await makeRegions(server.base)
    const people = [await makeUser(server.base), await makeUser(server.base), await makeUser(server.base)]
    const orgs = [] as string[]
    for (let i = 0; i < 6; i++) orgs.push(await makeOrg(server.base, { kind: 'society' }))
    const clients = [
      new SimClient('A1', uuidFrom(rng), people[0]!.id, await server.login(people[0]!.phone, people[0]!.password)),
      new SimClient('A2', uuidFrom(rng), people[0]!.id, await server.login(people[0]!.phone, people[0]!.password)),
      new SimClient('B', uuidFrom(rng), people[1]!.id, await server.login(people[1]!.phone, people[1]!.password)),
      new SimClient('C', uuidFrom(rng), people[2]!.id, await server.login(people[2]!.phone, people[2]!.password)),
    ]
    const initial = new Map((await server.base.selectFrom('users').selectAll().execute()).map((u) => [u.id, u]))
    const versionAtStart = await currentVersion(server.base)
    let adminVersions = 0

    const plans: Planned[][] = fc
      .sample(fc.array(mutationArb, { minLength: PER_CLIENT, maxLength: PER_CLIENT }), { seed: SEED, numRuns: clients.length })
      .map((plan) => plan.map((m) => ({ id: uuidFrom(rng), name: m.name, args: m.args, createdAt: '2026-11-28T08:00:00.000Z' })))
    const next = plans.map(() => 0)
    const total = plans.flat().length
    expect(total).toBeGreaterThanOrEqual(1000)

    const net = new SimNetwork<Outgoing, Answer>(rng, { dropRequest: 0.1, dropResponse: 0.15, duplicate: 0.15, maxDelay: 30 })
    const TIMEOUT = 40
    // a broken proxy in front of A2 for ~17 minutes: its pushes reach the server but no answer comes
    // back, while its pulls work — the results must reach it through pulls
    const pushBlackout = { client: 'A2', from: 150, to: 650 }
    const liveMemberships: Array<{ id: string; userId: string }> = []
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    let tick = 0
    let restartedAt = -1
    const synced = new Set<SimClient>()
    const allPlanned = () => next.every((n, i) => n >= plans[i]!.length)

    for (; tick < 20_000; tick++) {
      clock.advance(2_000)
      const finalPhase = allPlanned() && clients.every((c) => c.outbox.length === 0)
      if (finalPhase && synced.size === clients.length && net.idle) break
      if (restartedAt < 0 && next.reduce((a, b) => a + b, 0) >= total / 2) {
        await server.restart()
        restartedAt = tick
      }
      clients.forEach((c, i) => {
        if (next[i]! < plans[i]!.length && rng() < 0.5) c.outbox.push(plans[i]![next[i]!++]!)
      })
      if (!finalPhase && rng() < 0.03) {
        // the office changes memberships meanwhile: replicas must follow inserts and deletes
        const person = people[Math.floor(rng() * people.length)]!
        if (liveMemberships.length && rng() < 0.4) {
          const [gone] = liveMemberships.splice(Math.floor(rng() * liveMemberships.length), 1)
          await deleteMembership(server.base, gone!.id, clock.now().toISOString())
        } else {
          liveMemberships.push({
            id: await makeMembership(server.base, { userId: person.id, orgId: orgs[Math.floor(rng() * orgs.length)]!, status: 'lapsed' }),
            userId: person.id,
          })
        }
        adminVersions++
      }
      for (const c of clients) {
        // a client that has pulled everything in the final phase rests, so the network can fall idle
        // (else the run ends only when all four happen to have nothing in flight at the same tick)
        if (finalPhase && synced.has(c)) continue
        if (tick < c.busyUntil || rng() > 0.6) continue
        // pulls also run while the outbox waits (periodic sync): answers lost to pushes then arrive by pull
        const req = tick >= c.backoffUntil && rng() < 0.6 && c.nextPush(1 + Math.floor(rng() * 10))
        const out = req || (rng() < 0.5 || finalPhase ? c.nextPull(5 + Math.floor(rng() * 40)) : null)
        if (!out) continue
        c.busyUntil = tick + TIMEOUT
        const blackedOut = out.kind === 'push' && c.name === pushBlackout.client && tick >= pushBlackout.from && tick < pushBlackout.to
        net.send(tick, out, (res) => {
          if (blackedOut) return // the server applied it; the answer never comes back
          const more = c.receive(out, res, tick)
          c.busyUntil = Math.min(c.busyUntil, tick) // an answer frees the client at once
          if (out.kind === 'pull' && out.cursor === c.cursor && !more && finalPhase) synced.add(c)
          if (out.kind === 'pull' && more) synced.delete(c)
        })
      }
      await net.deliver(tick, (req) => server.serve(req))
    }
    error.mockRestore()

    // the run did what it claims: faults happened, the server restarted, old records were forgotten
    expect(tick).toBeLessThan(20_000)
    expect(restartedAt).toBeGreaterThan(0)
    expect(server.counter.crashes).toBeGreaterThan(5)
    expect(net.stats.droppedRequests).toBeGreaterThan(20)
    expect(net.stats.droppedResponses).toBeGreaterThan(20)
    expect(net.stats.duplicated).toBeGreaterThan(20)
    expect(clients.find((c) => c.name === 'A2')!.settledByPull).toBeGreaterThan(10)
    const recordsLeft = (await server.base.selectFrom('sync_mutations').select('mutation_id').execute()).length
    expect(recordsLeft).toBeLessThan(total)

    // 1. every mutation has one answer, the one the model predicts
    for (const [i, c] of clients.entries()) {
      expect(c.conflicts).toEqual([])
      for (const m of plans[i]!) {
        const got = c.results.get(m.id)
        expect(got, `${c.name} ${m.id} unanswered`).toBeDefined()
        expect({ status: got!.status, code: got!.code }).toEqual(expectedOutcome(m))
      }
    }

    // 2. each client's applied mutations took effect in its own order
    const applied: Array<{ userId: string; version: number; args: unknown }> = []
    for (const [i, c] of clients.entries()) {
      const versions = plans[i]!.map((m) => c.results.get(m.id)!)
        .filter((r) => r.status === 'applied')
        .map((r) => (r.data as { version: number }).version)
      for (let k = 1; k < versions.length; k++) expect(versions[k]!).toBeGreaterThan(versions[k - 1]!)
      plans[i]!.forEach((m) => {
        const r = c.results.get(m.id)!
        if (r.status === 'applied') applied.push({ userId: c.userId, version: (r.data as { version: number }).version, args: m.args })
      })
    }
    expect(new Set(applied.map((a) => a.version)).size).toBe(applied.length)

    // 3. exactly once: every processed mutation took one version for its record, every applied one one more
    // for its write; a second application anywhere would have taken more
    const rejectedCount = total - applied.length
    expect(await currentVersion(server.base)).toBe(versionAtStart + 2 * applied.length + rejectedCount + adminVersions)

    // 4. the server's rows equal the model: each person's applied patches replayed in server order
    for (const person of people) {
      const model = { ...initial.get(person.id)! }
      const mine = applied.filter((a) => a.userId === person.id).sort((a, b) => a.version - b.version)
      for (const a of mine) {
        const p = ProfilePatch.parse(a.args)
        if (p.name !== undefined) model.name = p.name
        if (p.regionCode !== undefined) model.region_code = p.regionCode
        if (p.discipline !== undefined) model.discipline = p.discipline
        if (p.employer !== undefined) model.employer = p.employer
        if (p.title !== undefined) model.title = p.title
        if (p.bio !== undefined) model.bio = p.bio
      }
      const row = await server.base.selectFrom('users').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow()
      const fields = ['name', 'region_code', 'discipline', 'employer', 'title', 'bio'] as const
      for (const f of fields) expect(row[f], `${person.id}.${f}`).toEqual(model[f])
      expect(row.version).toBe(mine.at(-1)!.version)
    }

    // 5. every replica converged to what a fresh, fault-free pull of the same person gives
    for (const c of clients) {
      const reference = new Map<string, unknown>()
      let cursor = 0
      for (;;) {
        const res = await server.serve({ kind: 'pull', cookie: c.cookie, path: `/api/sync/pull?cursor=${cursor}&limit=1000` })
        for (const ch of res.body.changes) {
          if (ch.op === 'delete') reference.delete(`${ch.table}/${ch.id}`)
          else reference.set(`${ch.table}/${ch.id}`, ch.row)
        }
        cursor = res.body.cursor
        if (!res.body.hasMore) break
      }
      expect(c.cursor).toBe(cursor)
      expect(Object.fromEntries(c.replica)).toEqual(Object.fromEntries(reference))
      expect([...c.replica.keys()].filter((k) => k.startsWith('memberships/')).sort()).toEqual(
        liveMemberships
          .filter((m) => m.userId === c.userId)
          .map((m) => `memberships/${m.id}`)
          .sort(),
      )
    }
    await server.base.destroy()
    console.log('fault injection:', {
      ticks: tick,
      mutations: total,
      applied: applied.length,
      crashes: server.counter.crashes,
      restartedAt,
      recordsLeft,
      ...net.stats,
      resets: clients.map((c) => c.resets),
      settledByPull: clients.map((c) => c.settledByPull),
    })
  })
})
