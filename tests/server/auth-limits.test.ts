/**
 * Issue 10 items 2–4: every password limit is taken before hashing, atomically (concurrent requests
 * cannot overshoot it), a throttled attempt never reaches scrypt, unknown numbers cost a real-cost
 * hash, and the hash gate refuses overflow at once. Concurrency here is real (Promise.all over
 * app.request interleaves at every await); tests/server/auth-limits-server.test.ts does the same
 * over HTTP against the real server process.
 */
import { describe, expect, it } from 'vitest'
import { makeContext, makeUser, TEST_PASSWORD } from './fixtures'
import { hashGateOf } from '../../server/domain/attempts'
import { dummyHashFor, hashParams, hashPassword, verifyPassword } from '../../server/domain/passwords'
import { bumpCounter, purgeRateLimits } from '../../server/db/rate-limit.repository'

// a gate wide enough that only the rate limits decide
const wideGate = { hashConcurrency: 4, hashQueue: 500 }
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length

describe('limits are taken before the work, atomically', () => {
  it('40 concurrent wrong passwords for one number: at most 5 are checked, the rest 429 with Retry-After', async () => {
    const ctx = await makeContext(wideGate)
    const u = await makeUser(ctx.db)
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => ctx.agent().post('/api/auth/login', { phone: u.phone, password: 'wrong-pass-1' })),
    )
    const statuses = answers.map((a) => a.status)
    expect(count(statuses, 401)).toBe(5)
    expect(count(statuses, 429)).toBe(35)
    const refused = answers.find((a) => a.status === 429)!
    expect(refused.body.error.code).toBe('too_many_attempts')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(hashGateOf(ctx).stats.started).toBe(5)
  })

  it('per address: 30 concurrent wrong logins for 30 numbers from one address check at most the address limit', async () => {
    const ctx = await makeContext({ ...wideGate, loginLimitPerIp: 10 })
    const statuses = (
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          ctx.agent().post('/api/auth/login', { phone: `137${String(i).padStart(8, '0')}`, password: 'wrong-pass-1' }),
        ),
      )
    ).map((a) => a.status)
    expect(count(statuses, 401)).toBe(10)
    expect(count(statuses, 429)).toBe(20)
  })

  it('registration per address: 12 concurrent registrations, at most the limit hashed', async () => {
    const ctx = await makeContext({ ...wideGate, loginLimitPerIp: 4 })
    const bodies = []
    for (let i = 0; i < 12; i++)
      bodies.push(
        await ctx.withCode({ phone: `136${String(i).padStart(8, '0')}`, password: 'Kexie-2026!', name: `人${i}`, acceptPrivacy: true }),
      )
    const statuses = (await Promise.all(bodies.map((body) => ctx.agent().post('/api/auth/register', body)))).map((a) => a.status)
    expect(count(statuses, 201)).toBe(4)
    expect(count(statuses, 429)).toBe(8)
    expect(await ctx.db.selectFrom('users').select('id').execute()).toHaveLength(4)
  })

  it('password change and account deletion: 20 concurrent wrong passwords, at most 5 checked each', async () => {
    const ctx = await makeContext(wideGate)
    const u = await makeUser(ctx.db)
    const a = ctx.agent()
    expect((await a.post('/api/auth/login', { phone: u.phone, password: u.password })).status).toBe(200)
    const changes = await Promise.all(
      Array.from({ length: 20 }, () => a.post('/api/auth/password', { currentPassword: 'wrong-pass-1', newPassword: 'New-pass-2026' })),
    )
    expect(
      count(
        changes.map((r) => r.status),
        401,
      ),
    ).toBe(5)
    expect(
      count(
        changes.map((r) => r.status),
        429,
      ),
    ).toBe(15)
    const deletes = await Promise.all(Array.from({ length: 20 }, () => a.post('/api/me/delete', { password: 'wrong-pass-1' })))
    expect(
      count(
        deletes.map((r) => r.status),
        401,
      ),
    ).toBe(5)
    expect(
      count(
        deletes.map((r) => r.status),
        429,
      ),
    ).toBe(15)
    expect(hashGateOf(ctx).stats.started).toBe(1 + 5 + 5) // the login, then only the counted attempts
  })

  it('a throttled attempt never reaches scrypt; a right password after failures clears the number', async () => {
    const ctx = await makeContext()
    const u = await makeUser(ctx.db)
    for (let i = 0; i < 4; i++)
      expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: 'wrong-pass-1' })).status).toBe(401)
    expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: TEST_PASSWORD })).status).toBe(200)
    for (let i = 0; i < 5; i++)
      expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: 'wrong-pass-1' })).status).toBe(401)
    const gate = hashGateOf(ctx)
    const before = gate.stats.started
    for (let i = 0; i < 5; i++)
      expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: TEST_PASSWORD })).status).toBe(429)
    expect(gate.stats.started).toBe(before)
  })
})

describe('unknown numbers cost a real hash', () => {
  it('the dummy hash has exactly the parameters of a real one, and never verifies', async () => {
    for (const N of [1024, 2 ** 14]) {
      const real = await hashPassword('Kexie-2026!', N)
      expect(hashParams(dummyHashFor(N))).toEqual(hashParams(real))
      expect(
        dummyHashFor(N)
          .split('$')
          .map((p) => p.length),
      ).toEqual(real.split('$').map((p) => p.length))
      expect((await verifyPassword('Kexie-2026!', dummyHashFor(N), N)).ok).toBe(false)
    }
  })

  it('a login for an unknown number goes through the gate (hashes) and answers like a wrong password', async () => {
    const ctx = await makeContext()
    const gate = hashGateOf(ctx)
    const res = await ctx.agent().post('/api/auth/login', { phone: '13900000009', password: 'whatever-1' })
    expect(res.status).toBe(401)
    expect(gate.stats.started).toBe(1)
  })
})

describe('the hash gate under a burst', () => {
  it('never runs more than its concurrency; overflow answers 503 busy with Retry-After at once and is not counted', async () => {
    const ctx = await makeContext({ hashConcurrency: 2, hashQueue: 3, hashReservedForKnown: 0 })
    const gate = hashGateOf(ctx)
    // the test holds both places, so the burst meets a busy gate whatever the machine's speed
    let release = () => {}
    const held = new Promise<void>((ok) => (release = ok))
    const holders = [gate.run('test-1', 'other', () => held), gate.run('test-2', 'other', () => held)]
    let answered = 0
    const burst = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx
          .agent()
          .post('/api/auth/login', { phone: `135${String(i).padStart(8, '0')}`, password: 'wrong-pass-1' })
          .finally(() => answered++),
      ),
    )
    // the 17 refused answer while the gate is still held: refusal does not wait for hashing
    await expect.poll(() => answered, { timeout: 30_000 }).toBe(17)
    release()
    await Promise.all(holders)
    const answers = await burst
    const statuses = answers.map((a) => a.status)
    expect(count(statuses, 401)).toBe(3)
    expect(count(statuses, 503)).toBe(17)
    expect(gate.stats.maxRunning).toBeLessThanOrEqual(2)
    expect(gate.stats.started).toBe(2 + 3)
    const busy = answers.find((r) => r.status === 503)!
    expect(busy.body.error).toMatchObject({ code: 'busy' })
    expect(busy.headers.get('retry-after')).toBe('1')
    // refused by the gate: the address got those attempts back
    const row = await ctx.db.selectFrom('rate_limits').select('count').where('key', '=', 'login:ip:local').executeTakeFirst()
    expect(row?.count).toBe(3)
  })
})

describe('rate_limits purge', () => {
  it('deletes counters whose window is over and keeps the current ones', async () => {
    const ctx = await makeContext()
    const window = 15 * 60_000
    const now = Date.parse('2026-11-28T08:00:00Z')
    await bumpCounter(ctx.db, 'login:phone:old', window, now - 2 * window)
    await bumpCounter(ctx.db, 'login:phone:last', window, now - window)
    await bumpCounter(ctx.db, 'login:phone:now', window, now)
    expect(await purgeRateLimits(ctx.db, window, now)).toBe(2)
    expect((await ctx.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual(['login:phone:now'])
  })
})
