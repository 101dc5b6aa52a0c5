/**
 * Floods from one account (issue 10 item 6) and one client's overlapping pushes: the caps on what a
 * person may have pending and hold, the per-account mutation budget (a retry, never a refusal),
 * GET /api/cards signing a bounded number of cards, and pushes of one client never interleaving.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeContext, makeMembership, makeOrg, makeRegions, mutation, person, pushBody } from './fixtures'
import type { DB } from '../../server/db/database'
import { MAX_LIVE_MEMBERSHIPS, MAX_PENDING_APPLICATIONS } from '../../shared/rules/membership'
import type { MembershipStatus } from '../../shared/schemas/membership'
import { MUTATION_BURST } from '../../shared/rules/sync-budget'

const apply = (orgId: string) => mutation('membership.apply', { orgId, membershipId: randomUUID() })

async function insertMemberships(db: DB, userId: string, status: 'pending' | 'active', n: number) {
  for (let i = 0; i < n; i++) {
    const orgId = await makeOrg(db, {})
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()
    const active = status === 'active'
    await makeMembership(db, {
      userId,
      orgId,
      status,
      createdAt: now,
      memberNo: active ? `M${String(i).padStart(8, '0')}` : null,
      validUntil: active ? '2027-06-01T00:00:00.000Z' : null,
    })
  }
}

async function liveCount(db: DB, userId: string, status: MembershipStatus) {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('caps on what one person may have pending and hold', () => {
  it(`refuses the application after ${MAX_PENDING_APPLICATIONS} pending ones, with a reason code; the ones before go through`, async () => {
    const ctx = await makeContext()
    await makeRegions(ctx.db)
    const { user, a } = await person(ctx)
    const orgs = []
    for (let i = 0; i < MAX_PENDING_APPLICATIONS + 3; i++) orgs.push(await makeOrg(ctx.db, {}))
    const res = await a.post('/api/sync/push', pushBody(randomUUID(), orgs.map(apply)))
    expect(res.status).toBe(200)
    const statuses = res.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)
    expect(statuses.slice(0, MAX_PENDING_APPLICATIONS)).toEqual(Array(MAX_PENDING_APPLICATIONS).fill('applied'))
    expect(statuses.slice(MAX_PENDING_APPLICATIONS)).toEqual(['too_many_pending', 'too_many_pending', 'too_many_pending'])
    expect(res.body.results.at(-1).message).toMatch(/20 applications waiting/)
    expect(await liveCount(ctx.db, user.id, 'pending')).toBe(MAX_PENDING_APPLICATIONS)
  })

  it(`refuses joining once pending + active reach ${MAX_LIVE_MEMBERSHIPS}; leaving one makes room`, async () => {
    const ctx = await makeContext()
    await makeRegions(ctx.db)
    const { user, a } = await person(ctx)
    await insertMemberships(ctx.db, user.id, 'active', MAX_LIVE_MEMBERSHIPS - 1)
    const clientId = randomUUID()
    const first = await a.post('/api/sync/push', pushBody(clientId, [apply(await makeOrg(ctx.db, {})), apply(await makeOrg(ctx.db, {}))]))
    expect(first.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'applied',
      'too_many_memberships',
    ])

    const held = await ctx.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', user.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow()
    const again = await a.post(
      '/api/sync/push',
      pushBody(clientId, [mutation('membership.leave', { membershipId: held.id }), apply(await makeOrg(ctx.db, {}))]),
    )
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied'])
  })

  it(`GET /api/cards signs at most ${MAX_LIVE_MEMBERSHIPS} cards, however many an account collected before the cap`, async () => {
    const ctx = await makeContext()
    const { user, a } = await person(ctx)
    await insertMemberships(ctx.db, user.id, 'active', MAX_LIVE_MEMBERSHIPS + 30)
    const res = await a.get('/api/cards')
    expect(res.status).toBe(200)
    expect(res.body.cards).toHaveLength(MAX_LIVE_MEMBERSHIPS)
    expect(res.body.cards[0].memberNo).toBe('M00000000') // the oldest first
  })
})

describe('the per-account mutation budget', () => {
  it('answers what fits the budget, then asks for the rest later (rate_limited), across clients; the bucket refills with time', async () => {
    const ctx = await makeContext({ mutationBudget: { burst: 5, perMinute: 60 } })
    await makeRegions(ctx.db)
    const { a } = await person(ctx)
    const edits = Array.from({ length: 8 }, (_, i) => mutation('profile.update', { bio: `第${i}版` }))
    const first = await a.post('/api/sync/push', pushBody(randomUUID(), edits.slice(0, 3)))
    expect(first.body.results).toHaveLength(3)
    const phone2 = randomUUID() // the same person's second device shares the budget
    const second = await a.post('/api/sync/push', pushBody(phone2, edits.slice(3)))
    expect(second.status).toBe(200)
    expect(second.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied'])
    expect(second.body.retry).toEqual({ id: edits[5]!.id, code: 'rate_limited', message: expect.stringMatching(/later/) })

    // nothing was spent by the refusal; one second later there is one more
    expect((await a.post('/api/sync/push', pushBody(phone2, edits.slice(5)))).body.results).toHaveLength(0)
    ctx.clock.advance(1_000)
    const later = await a.post('/api/sync/push', pushBody(phone2, edits.slice(5)))
    expect(later.body.results.map((r: { id: string }) => r.id)).toEqual([edits[5]!.id])
    expect(later.body.retry.code).toBe('rate_limited')

    // another person is not affected
    const other = await person(ctx)
    expect(
      (await other.a.post('/api/sync/push', pushBody(randomUUID(), [mutation('profile.update', { bio: '我' })]))).body.retry,
    ).toBeUndefined()
  })

  it(`lets an honest offline device through: a burst of ${MUTATION_BURST} with the default budget`, async () => {
    const ctx = await makeContext()
    await makeRegions(ctx.db)
    const { a } = await person(ctx)
    const clientId = randomUUID()
    let applied = 0
    for (let batch = 0; batch < MUTATION_BURST / 100; batch++) {
      const res = await a.post(
        '/api/sync/push',
        pushBody(
          clientId,
          Array.from({ length: 100 }, (_, i) => mutation('profile.update', { bio: `${batch}-${i}` })),
        ),
      )
      expect(res.body.retry).toBeUndefined()
      applied += res.body.results.length
    }
    expect(applied).toBe(MUTATION_BURST)
    const over = await a.post('/api/sync/push', pushBody(clientId, [mutation('profile.update', { bio: 'one more' })]))
    expect(over.body.retry?.code).toBe('rate_limited')
  })
})

describe('overlapping pushes of one client', () => {
  it('run one after another: each mutation applied once, in order, both answered with the same results', async () => {
    const ctx = await makeContext()
    await makeRegions(ctx.db)
    const { user, a } = await person(ctx)
    const clientId = randomUUID()
    const edits = Array.from({ length: 60 }, (_, i) => mutation('profile.update', { bio: `第${i}版` }))
    // while the batch is being applied: a retry of its first 40, and (out of order) its last one alone
    const [all, retry, last] = await Promise.all([
      a.post('/api/sync/push', pushBody(clientId, edits)),
      a.post('/api/sync/push', pushBody(clientId, edits.slice(0, 40))),
      a.post('/api/sync/push', pushBody(clientId, edits.slice(59))),
    ])
    expect(all.body.results).toHaveLength(60)
    expect(retry.body.results).toEqual(all.body.results.slice(0, 40))
    expect(last.body.results).toEqual(all.body.results.slice(59))
    const versions = all.body.results.map((r: { data: { version: number } }) => r.data.version)
    expect([...versions].sort((x, y) => x - y)).toEqual(versions) // applied in the client's order
    const records = await ctx.db
      .selectFrom('sync_mutations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow()
    expect(Number(records.n)).toBe(60)
    const profile = await ctx.db.selectFrom('users').select('bio').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(profile.bio).toBe('第59版')
  })
})
