import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { nextMembershipStatus, initialMembershipStatus, applyProblem } from '../../shared/rules/membership'
import { beijingContext, person } from './fixtures'

describe('membership state machine (shared rules)', () => {
  it('allows only the documented transitions', () => {
    expect(initialMembershipStatus('open')).toBe('active')
    expect(initialMembershipStatus('approval')).toBe('pending')
    expect(nextMembershipStatus('pending', 'approve')).toBe('active')
    expect(nextMembershipStatus('pending', 'reject')).toBe('rejected')
    expect(nextMembershipStatus('pending', 'leave')).toBe('left')
    expect(nextMembershipStatus('active', 'leave')).toBe('left')
    expect(nextMembershipStatus('active', 'approve')).toBeNull()
    expect(nextMembershipStatus('rejected', 'approve')).toBeNull()
    expect(nextMembershipStatus('left', 'leave')).toBeNull()
    expect(nextMembershipStatus('left', 'approve')).toBeNull()
    expect(applyProblem(undefined, [])).toBe('org_not_found')
    expect(applyProblem({ status: 'not_established' }, [])).toBe('org_not_established')
    expect(applyProblem({ status: 'established' }, ['left', 'rejected'])).toBeNull()
    expect(applyProblem({ status: 'established' }, ['left', 'pending'])).toBe('already_member')
  })
})

describe('membership.apply / membership.leave through the sync engine', () => {
  it('joins an open organisation at once, with a member number valid for a year', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const id = randomUUID()
    const r = await p.apply('cast-110108010', id)
    expect(r.status).toBe('applied')
    expect(r.data).toMatchObject({ id, orgId: 'cast-110108010', status: 'active', role: 'member' })
    expect(r.data.memberNo).toMatch(/^KX2026\d{8}$/)
    expect(r.data.validUntil).toBe('2027-11-28T08:00:00.000Z')
    const row = await ctx.db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.user_id).toBe(p.user.id)
    expect(row.version).toBeGreaterThan(0)
  })

  it('leaves an approval organisation’s application pending, and shows it in the person’s pull', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const id = randomUUID()
    const r = await p.apply('cast-110108', id)
    expect(r).toMatchObject({ status: 'applied', data: { status: 'pending', memberNo: null, validUntil: null } })
    const pull = await p.a.get('/api/sync/pull?cursor=0')
    const change = pull.body.changes.find((c: { table: string; id: string }) => c.table === 'memberships' && c.id === id)
    expect(change.row.status).toBe('pending')
  })

  it('refuses joining twice, unknown and not-established organisations, and never writes', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    expect((await p.apply('cast-110108')).status).toBe('applied')
    expect(await p.apply('cast-110108')).toMatchObject({ status: 'rejected', code: 'already_member' })
    expect((await p.apply('cast-110108010')).status).toBe('applied')
    expect(await p.apply('cast-110108010')).toMatchObject({ status: 'rejected', code: 'already_member' })
    expect(await p.apply('cast-999999')).toMatchObject({ status: 'rejected', code: 'org_not_found' })
    expect(await p.apply('cast-110108011')).toMatchObject({ status: 'rejected', code: 'org_not_established' })
    const rows = await ctx.db.selectFrom('memberships').select('org_id').where('user_id', '=', p.user.id).execute()
    expect(rows.map((r) => r.org_id).sort()).toEqual(['cast-110108', 'cast-110108010'])
  })

  it('refuses a membership id that is already used', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const q = await person(ctx)
    const id = randomUUID()
    expect((await p.apply('cast-110108', id)).status).toBe('applied')
    expect(await q.apply('cast-110105', id)).toMatchObject({ status: 'rejected', code: 'membership_id_taken' })
  })

  it('leaves (active or pending), refuses leaving twice or someone else’s, and allows rejoining with a new id', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const other = await person(ctx)
    const active = randomUUID()
    const pending = randomUUID()
    await p.apply('cast-110108010', active)
    await p.apply('cast-110108', pending)
    expect(await other.leave(active)).toMatchObject({ status: 'rejected', code: 'not_found' })
    expect(await p.leave(randomUUID())).toMatchObject({ status: 'rejected', code: 'not_found' })
    expect(await p.leave(active)).toMatchObject({ status: 'applied', data: { status: 'left' } })
    expect(await p.leave(pending)).toMatchObject({ status: 'applied', data: { status: 'left' } })
    expect(await p.leave(active)).toMatchObject({ status: 'rejected', code: 'not_live' })
    const again = await p.apply('cast-110108010')
    expect(again).toMatchObject({ status: 'applied', data: { status: 'active' } })
    expect(again.data.memberNo).not.toBeNull()
  })

  it('rejects malformed arguments without writing', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    for (const args of [
      {},
      { membershipId: 'nope', orgId: 'cast-110108' },
      { membershipId: randomUUID(), orgId: 'Bad Id' },
      { membershipId: randomUUID(), orgId: 'cast-110108', extra: 1 },
      null,
    ]) {
      expect(await p.mutate('membership.apply', args)).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    }
    expect(await p.mutate('membership.leave', { membershipId: 42 })).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await ctx.db.selectFrom('memberships').select('id').execute()).toEqual([])
  })

  it('applies a replayed apply once (same mutation id sent twice)', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const mutation = {
      id: randomUUID(),
      name: 'membership.apply',
      args: { membershipId: randomUUID(), orgId: 'cast-110108010' },
      createdAt: 'x',
    }
    const body = { clientId: randomUUID(), schemaVersion: SYNC_SCHEMA_VERSION, mutations: [mutation] }
    const first = await p.a.post('/api/sync/push', body)
    const second = await p.a.post('/api/sync/push', body)
    expect(second.body.results[0]).toEqual(first.body.results[0])
    expect(await ctx.db.selectFrom('memberships').select('id').execute()).toHaveLength(1)
  })
})
