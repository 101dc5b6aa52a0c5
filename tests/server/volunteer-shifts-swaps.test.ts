/**
 * Swaps (A asks teammate B → B accepts or declines, A may withdraw → a leader approves or rejects)
 * and what the sync engine gives a volunteer: their team's shifts (also ones that entered the scope
 * late, when they joined), their own sign-ups with the waitlist position, and their swaps.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  beijingContext,
  makeShift,
  makeTeam,
  makeTeamMember,
  makeTeamWithShift,
  person,
  pulled,
  signUp,
  teamPerson,
  type Ctx,
} from './fixtures'

async function swapWorld(ctx: Ctx) {
  const { team, service, shift } = await makeTeamWithShift(ctx.db)
  const leader = await teamPerson(ctx, team.id, 'leader')
  const a = await teamPerson(ctx, team.id, 'member')
  const b = await teamPerson(ctx, team.id, 'member', ['health'])
  const signupId = randomUUID()
  await signUp(a, shift.id, signupId)
  return { team, service, shift, leader, a, b, signupId }
}
const swapStatus = async (ctx: Ctx, id: string) =>
  (await ctx.db.selectFrom('shift_swaps').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

describe('swaps', () => {
  it('A asks B, B accepts, a leader approves: A’s sign-up removed, B holds the slot (source swap), both told', async () => {
    const ctx = await beijingContext()
    const { team, service, shift, leader, a, b, signupId } = await swapWorld(ctx)
    // B has an overlapping shift elsewhere on the team: the leader is warned
    const overlapping = await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-12-01T04:00:00.000Z',
      endsAt: '2026-12-01T06:00:00.000Z',
    })
    await signUp(b, overlapping.id)
    const swapId = randomUUID()
    const asked = await a.mutate('shift.swapRequest', { swapId, signupId, toUserId: b.user.id })
    expect(asked).toMatchObject({ status: 'applied', data: { id: swapId, status: 'requested', askedOfMe: false, fromSignupId: signupId } })
    const toldB = await ctx.db.selectFrom('notices').select(['user_id', 'kind']).where('subject_id', '=', swapId).execute()
    expect(toldB).toEqual([{ user_id: b.user.id, kind: 'swap_requested' }])
    // the leader sees only swaps the teammate accepted
    expect((await leader.a.get(`/api/lead/teams/${team.id}/swaps`)).body.items).toEqual([])
    expect(await b.mutate('shift.swapRespond', { swapId, answer: 'accept' })).toMatchObject({
      status: 'applied',
      data: { status: 'accepted', askedOfMe: true },
    })

    const waiting = await leader.a.get(`/api/lead/teams/${team.id}/swaps`)
    expect(waiting.body.items).toHaveLength(1)
    expect(waiting.body.items[0]).toMatchObject({
      id: swapId,
      shiftId: shift.id,
      status: 'accepted',
      warnings: [{ kind: 'overlap', shiftId: overlapping.id }],
    })

    const decided = await leader.a.post(`/api/lead/swaps/${swapId}/decision`, { decision: 'approve' })
    expect(decided.status).toBe(200)
    expect(decided.body.status).toBe('approved')
    const rows = await ctx.db.selectFrom('shift_signups').selectAll().where('shift_id', '=', shift.id).orderBy('seq').execute()
    expect(rows.map((r) => [r.user_id, r.status, r.source])).toEqual([
      [a.user.id, 'removed', 'self'],
      [b.user.id, 'signed_up', 'swap'],
    ])
    const places = await ctx.db.selectFrom('shifts').select('places_taken').where('id', '=', shift.id).executeTakeFirstOrThrow()
    expect(places.places_taken).toBe(1)
    const told = await ctx.db.selectFrom('notices').select('user_id').where('kind', '=', 'swap_approved').execute()
    expect(told.map((n) => n.user_id).sort()).toEqual([a.user.id, b.user.id].sort())
    expect(await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'volunteer.swap.approve').execute()).toHaveLength(1)
    expect((await leader.a.post(`/api/lead/swaps/${swapId}/decision`, { decision: 'reject' })).body.error.code).toBe('swap_not_pending')
  })

  it('refuses swaps that cannot be: not one’s own, to oneself, to a non-member, to someone on the shift, twice; answers only by the right person', async () => {
    const ctx = await beijingContext()
    const { team, shift, a, b, signupId } = await swapWorld(ctx)
    const ask = (p: typeof a, toUserId: string, sid = signupId, swapId = randomUUID()) =>
      p.mutate('shift.swapRequest', { swapId, signupId: sid, toUserId })
    expect((await ask(b, a.user.id)).code).toBe('not_found')
    expect((await ask(a, a.user.id)).code).toBe('swap_not_possible')
    const outsider = await person(ctx)
    expect((await ask(a, outsider.user.id)).code).toBe('swap_not_possible')
    const onShift = await teamPerson(ctx, team.id, 'member')
    await signUp(onShift, shift.id)
    expect((await ask(a, onShift.user.id)).code).toBe('swap_not_possible')

    const swapId = randomUUID()
    expect((await ask(a, b.user.id, signupId, swapId)).status).toBe('applied')
    expect((await ask(a, b.user.id)).code).toBe('swap_not_possible')
    // only B answers; only A withdraws; a stranger is told there is no such swap
    expect((await a.mutate('shift.swapRespond', { swapId, answer: 'accept' })).code).toBe('swap_not_possible')
    expect((await b.mutate('shift.swapRespond', { swapId, answer: 'withdraw' })).code).toBe('swap_not_possible')
    expect((await outsider.mutate('shift.swapRespond', { swapId, answer: 'accept' })).code).toBe('not_found')
    expect((await b.mutate('shift.swapRespond', { swapId, answer: 'decline' })).data.status).toBe('declined')
    expect((await b.mutate('shift.swapRespond', { swapId, answer: 'accept' })).code).toBe('swap_not_pending')

    // A withdraws an accepted one; a leader's rejection tells both; cancelling the sign-up ends an open swap
    const second = randomUUID()
    await ask(a, b.user.id, signupId, second)
    await b.mutate('shift.swapRespond', { swapId: second, answer: 'accept' })
    expect((await a.mutate('shift.swapRespond', { swapId: second, answer: 'withdraw' })).data.status).toBe('withdrawn')
    const third = randomUUID()
    await ask(a, b.user.id, signupId, third)
    await b.mutate('shift.swapRespond', { swapId: third, answer: 'accept' })
    const leader = await teamPerson(ctx, team.id, 'co_leader')
    expect((await leader.a.post(`/api/lead/swaps/${third}/decision`, { decision: 'reject' })).body.status).toBe('rejected')
    expect(await ctx.db.selectFrom('notices').select('user_id').where('kind', '=', 'swap_rejected').execute()).toHaveLength(2)
    const fourth = randomUUID()
    await ask(a, b.user.id, signupId, fourth)
    expect((await a.mutate('shift.cancel', { signupId })).status).toBe('applied')
    expect(await swapStatus(ctx, fourth)).toBe('withdrawn')
    expect((await leader.a.post(`/api/lead/swaps/${randomUUID()}/decision`, { decision: 'approve' })).status).toBe(404)
  })
})

describe('sync of shifts, sign-ups and swaps', () => {
  it('gives a member their team’s shifts, a joiner the shifts already there, their own sign-ups and swaps', async () => {
    const ctx = await beijingContext()
    const { team, service, shift, a, b, signupId } = await swapWorld(ctx)
    const elsewhere = await makeTeamWithShift(ctx.db, { startsAt: '2026-12-02T01:00:00.000Z', endsAt: '2026-12-02T03:00:00.000Z' })
    // an old shift of the team (ended more than 60 days ago) is not sent to members
    await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-08-01T01:00:00.000Z',
      endsAt: '2026-08-01T03:00:00.000Z',
    })

    const aShifts = await pulled(a, 'shifts')
    expect([...aShifts.keys()]).toEqual([shift.id])
    expect(aShifts.get(shift.id)).toMatchObject({ serviceTitle: '社区健康科普讲解', placesTaken: 1, placesLeft: 4, teamId: team.id })
    expect((await pulled(a, 'shift_signups')).get(signupId)).toMatchObject({
      shiftId: shift.id,
      status: 'signed_up',
      waitlistPosition: null,
    })

    const swapId = randomUUID()
    await a.mutate('shift.swapRequest', { swapId, signupId, toUserId: b.user.id })
    expect((await pulled(b, 'shift_swaps')).get(swapId)).toMatchObject({ askedOfMe: true, status: 'requested', fromSignupId: signupId })
    expect((await pulled(a, 'shift_swaps')).get(swapId)).toMatchObject({ askedOfMe: false })
    const outsider = await person(ctx)
    expect((await pulled(outsider, 'shift_swaps')).size).toBe(0)
    expect((await pulled(outsider, 'shifts')).size).toBe(0)

    // a person joining the team late still receives the shifts made before (riding on their membership's version)
    const joiner = await person(ctx)
    const { cursor } = await (async () => {
      const res = await joiner.a.get('/api/sync/pull?cursor=0')
      return res.body as { cursor: number }
    })()
    await makeTeamMember(ctx.db, { teamId: elsewhere.team.id, userId: joiner.user.id })
    const later = await joiner.a.get(`/api/sync/pull?cursor=${cursor}`)
    const got = later.body.changes.filter((c: { table: string }) => c.table === 'shifts').map((c: { id: string }) => c.id)
    expect(got).toEqual([elsewhere.shift.id])

    // a waitlisted sign-up carries its place; leaving the team keeps one's own shift history
    const small = await makeShift(ctx.db, { serviceId: elsewhere.service.id, teamId: elsewhere.team.id, slots: 1 })
    const first = await teamPerson(ctx, elsewhere.team.id, 'member')
    await signUp(first, small.id)
    const waitId = randomUUID()
    await signUp(joiner, small.id, waitId)
    expect((await pulled(joiner, 'shift_signups')).get(waitId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect((await pulled(joiner, 'shifts')).has(small.id)).toBe(true)
    const other = await makeTeam(ctx.db)
    expect((await pulled(await teamPerson(ctx, other.id, 'member'), 'shifts')).size).toBe(0)
  })
})
