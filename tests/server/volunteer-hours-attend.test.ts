/**
 * shift.attend, the leader's desk: check in by card, member number, phone or the desk's own list,
 * only among the shift's sign-ups and the team's active members (else not_on_list, or a walk-in by
 * name); the window (2 h before the start to the end; check-out until 12 h after); check-out; and
 * the minutes the team's rule gives (missing check-out, overnight, below the share), through the API.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  attend,
  longSessionContext,
  makeMembership,
  makeShift,
  makeTeamMember,
  makeTeamWithShift,
  person,
  placeOnShift,
  teamPerson,
} from './fixtures'

const START = '2026-12-01T01:00:00.000Z' // the fixture shift: 01:00–05:00Z, 240 minutes
const at = (iso: string) => new Date(iso)

async function desk(shift: Parameters<typeof makeTeamWithShift>[1] = {}) {
  const ctx = await longSessionContext()
  const { team, service, shift: s } = await makeTeamWithShift(ctx.db, shift)
  const leader = await teamPerson(ctx, team.id, 'leader')
  /** a team member signed up for the shift */
  const volunteer = async (name: string) => {
    const v = await teamPerson(ctx, team.id, 'member')
    await ctx.db.updateTable('users').set({ name }).where('id', '=', v.user.id).execute()
    const signup = await placeOnShift(ctx.db, { shiftId: s.id, teamId: team.id, userId: v.user.id })
    return { ...v, signup }
  }
  const signup = (id: string) => ctx.db.selectFrom('shift_signups').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const places = async () =>
    (await ctx.db.selectFrom('shifts').select('places_taken').where('id', '=', s.id).executeTakeFirstOrThrow()).places_taken
  return { ctx, team, service, shift: s, leader, volunteer, signup, places }
}

describe('shift.attend: who can be found', () => {
  it('checks in by card, member number, phone and signupId; the answer is the desk line', async () => {
    const d = await desk()
    const byCard = await d.volunteer('甲持卡')
    await makeMembership(d.ctx.db, { userId: byCard.user.id, orgId: 'cast-110108' })
    const card = (await byCard.a.get('/api/cards')).body.cards[0].qr as string
    const byNo = await d.volunteer('乙会员号')
    await makeMembership(d.ctx.db, { userId: byNo.user.id, orgId: 'cast-110108', memberNo: 'KX202600004321' })
    const byPhone = await d.volunteer('丙手机')
    const byList = await d.volunteer('丁名单')
    d.ctx.clock.current = at('2026-12-01T00:30:00.000Z')

    const roster = await d.leader.a.get(`/api/lead/shifts/${d.shift.id}/roster`)
    expect(roster.status).toBe(200)
    expect(roster.body.items).toHaveLength(4)
    const line = roster.body.items.find((i: { userId: string }) => i.userId === byNo.user.id)
    expect(line).toMatchObject({ name: '乙会员号', memberNos: ['KX202600004321'], status: 'signed_up', checkedInAt: null })
    expect(line.phone).not.toBe(byNo.user.phone)
    expect(line.phone).toContain('****')

    const card1 = await attend(d.leader, d.shift.id, { card })
    expect(card1).toMatchObject({
      status: 'applied',
      data: { signupId: byCard.signup.id, userId: byCard.user.id, name: '甲持卡', hoursStatus: 'pending', creditedMinutes: 240 },
    })
    expect(card1.data.checkedInAt).toBe('2026-12-01T00:30:00.000Z')
    expect(await attend(d.leader, d.shift.id, { memberNo: 'KX202600004321' })).toMatchObject({
      status: 'applied',
      data: { signupId: byNo.signup.id },
    })
    expect(await attend(d.leader, d.shift.id, { phone: byPhone.user.phone })).toMatchObject({
      status: 'applied',
      data: { signupId: byPhone.signup.id },
    })
    expect(await attend(d.leader, d.shift.id, { signupId: byList.signup.id })).toMatchObject({
      status: 'applied',
      data: { signupId: byList.signup.id },
    })
    const rows = await d.ctx.db.selectFrom('shift_signups').selectAll().where('shift_id', '=', d.shift.id).execute()
    expect(rows.map((r) => r.check_in_method).sort()).toEqual(['card', 'member_no', 'phone', null].sort())
    expect(rows.every((r) => r.checked_in_by === d.leader.user.id && r.hours_status === 'pending')).toBe(true)
    expect(await d.places()).toBe(4) // nobody new: the same places
    // a second time is refused, with the first time in the message
    const again = await attend(d.leader, d.shift.id, { phone: byPhone.user.phone })
    expect(again).toMatchObject({ status: 'rejected', code: 'already_checked_in' })
  })

  it('finds only the shift’s sign-ups and the team’s active members; anyone else is not_on_list or a walk-in by name', async () => {
    const d = await desk()
    const stranger = await person(d.ctx, { name: '路人甲' })
    await makeMembership(d.ctx.db, { userId: stranger.user.id, orgId: 'cast-110108', memberNo: 'KX202600009999' })
    const strangerCard = (await stranger.a.get('/api/cards')).body.cards[0].qr as string
    const leftMember = await person(d.ctx)
    await makeTeamMember(d.ctx.db, { teamId: d.team.id, userId: leftMember.user.id, status: 'left' })
    d.ctx.clock.current = at('2026-12-01T00:30:00.000Z')

    for (const who of [
      { phone: stranger.user.phone },
      { memberNo: 'KX202600009999' },
      { card: strangerCard },
      { phone: leftMember.user.phone },
    ] as Array<Record<string, string>>) {
      const r = await attend(d.leader, d.shift.id, who)
      expect(r).toMatchObject({ status: 'rejected', code: 'not_on_list' })
      expect(JSON.stringify(r)).not.toContain('路人甲')
    }
    // a sign-up of another shift is not on this list
    const other = await makeShift(d.ctx.db, {
      serviceId: d.service.id,
      teamId: d.team.id,
      startsAt: '2026-12-02T01:00:00.000Z',
      endsAt: '2026-12-02T05:00:00.000Z',
    })
    const elsewhere = await placeOnShift(d.ctx.db, { shiftId: other.id, teamId: d.team.id, userId: leftMember.user.id })
    expect(await attend(d.leader, d.shift.id, { signupId: elsewhere.id })).toMatchObject({ status: 'rejected', code: 'not_on_list' })
    // refused attempts are audited, without the phone
    const refused = await d.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'volunteer.check_in_refused').execute()
    expect(refused).toHaveLength(5)
    expect(JSON.stringify(refused)).not.toContain(stranger.user.phone)

    // with a name: a walk-in without an account, holding a place
    const before = await d.places()
    const walkInId = randomUUID()
    const walkIn = await attend(d.leader, d.shift.id, { phone: stranger.user.phone, name: '现场志愿者' }, 'in', walkInId)
    expect(walkIn).toMatchObject({ status: 'applied', data: { signupId: walkInId, userId: null, name: '现场志愿者', source: 'walk_in' } })
    expect(await d.places()).toBe(before + 1)
    expect((await d.signup(walkInId)).user_id).toBeNull()
  })

  it('a team member who came without signing up gets a walk-in sign-up of their own', async () => {
    const d = await desk()
    const member = await teamPerson(d.ctx, d.team.id, 'member')
    d.ctx.clock.current = at('2026-12-01T01:20:00.000Z')
    const id = randomUUID()
    const r = await attend(d.leader, d.shift.id, { phone: member.user.phone }, 'in', id)
    expect(r).toMatchObject({ status: 'applied', data: { signupId: id, userId: member.user.id, source: 'walk_in', status: 'signed_up' } })
    expect(await d.places()).toBe(1)
    // a waitlisted person who comes holds a place
    const waiting = await teamPerson(d.ctx, d.team.id, 'member')
    const w = await placeOnShift(d.ctx.db, { shiftId: d.shift.id, teamId: d.team.id, userId: waiting.user.id, status: 'waitlisted' })
    expect(await attend(d.leader, d.shift.id, { signupId: w.id })).toMatchObject({ status: 'applied', data: { status: 'signed_up' } })
    expect(await d.places()).toBe(2)
  })

  it('only a leader of the shift’s team (or an admin of its organisation) runs the desk', async () => {
    const d = await desk()
    const v = await d.volunteer('戊')
    const member = await teamPerson(d.ctx, d.team.id, 'member')
    const coLeader = await teamPerson(d.ctx, d.team.id, 'co_leader')
    const other = await makeTeamWithShift(d.ctx.db)
    const otherLeader = await teamPerson(d.ctx, other.team.id, 'leader')
    d.ctx.clock.current = at('2026-12-01T00:30:00.000Z')
    expect(await attend(member, d.shift.id, { signupId: v.signup.id })).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect(await attend(otherLeader, d.shift.id, { signupId: v.signup.id })).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect(await attend(otherLeader, randomUUID(), { signupId: v.signup.id })).toMatchObject({
      status: 'rejected',
      code: 'shift_not_found',
    })
    expect((await d.signup(v.signup.id)).checked_in_at).toBeNull()
    expect(await attend(coLeader, d.shift.id, { signupId: v.signup.id })).toMatchObject({ status: 'applied' })
  })
})

describe('shift.attend: the window and check-out', () => {
  it('check-in opens 2 h before the start and closes at the end; check-out stays open 12 h after it', async () => {
    const d = await desk()
    const early = await d.volunteer('早')
    const late = await d.volunteer('晚')
    d.ctx.clock.current = at('2026-11-30T22:59:00.000Z')
    expect(await attend(d.leader, d.shift.id, { signupId: early.signup.id })).toMatchObject({
      status: 'rejected',
      code: 'check_in_not_open',
    })
    d.ctx.clock.current = at('2026-11-30T23:00:00.000Z')
    expect(await attend(d.leader, d.shift.id, { signupId: early.signup.id })).toMatchObject({ status: 'applied' })
    // out before in; out; out twice
    expect(await attend(d.leader, d.shift.id, { signupId: late.signup.id }, 'out')).toMatchObject({
      status: 'rejected',
      code: 'not_checked_in',
    })
    d.ctx.clock.current = at('2026-12-01T05:00:01.000Z')
    expect(await attend(d.leader, d.shift.id, { signupId: late.signup.id })).toMatchObject({ status: 'rejected', code: 'check_in_closed' })
    d.ctx.clock.current = at('2026-12-01T17:00:00.000Z')
    expect(await attend(d.leader, d.shift.id, { signupId: early.signup.id }, 'out')).toMatchObject({
      status: 'applied',
      data: { checkedOutAt: '2026-12-01T17:00:00.000Z', creditedMinutes: 240 },
    })
    expect(await attend(d.leader, d.shift.id, { signupId: early.signup.id }, 'out')).toMatchObject({
      status: 'rejected',
      code: 'already_checked_out',
    })
    d.ctx.clock.current = at('2026-12-01T17:00:01.000Z')
    expect(await attend(d.leader, d.shift.id, { signupId: late.signup.id }, 'out')).toMatchObject({
      status: 'rejected',
      code: 'check_in_closed',
    })
    const audited = await d.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'volunteer.check_%').execute()
    expect(audited.filter((a) => a.action === 'volunteer.check_in')).toHaveLength(1)
    expect(audited.filter((a) => a.action === 'volunteer.check_out')).toHaveLength(1)
    expect(audited.filter((a) => a.action === 'volunteer.check_in_refused')).toHaveLength(5)
  })

  it('computes the minutes: missing check-out, a partial stay, below the share, an overnight shift', async () => {
    const d = await desk()
    const full = await d.volunteer('整班')
    const part = await d.volunteer('部分')
    const short = await d.volunteer('太短')
    d.ctx.clock.current = at(START)
    for (const v of [full, part, short]) expect((await attend(d.leader, d.shift.id, { signupId: v.signup.id })).status).toBe('applied')
    d.ctx.clock.current = at('2026-12-01T03:00:00.000Z') // 2 h of 4: 50% < 60%
    expect(await attend(d.leader, d.shift.id, { signupId: short.signup.id }, 'out')).toMatchObject({
      status: 'applied',
      data: { creditedMinutes: 0, computedMinutes: 0, hoursStatus: 'pending' },
    })
    d.ctx.clock.current = at('2026-12-01T04:00:00.000Z') // 3 h of 4: 75%
    expect(await attend(d.leader, d.shift.id, { signupId: part.signup.id }, 'out')).toMatchObject({
      status: 'applied',
      data: { creditedMinutes: 180, computedMinutes: 180 },
    })
    // no check-out: the whole shift
    const roster = (await d.leader.a.get(`/api/lead/shifts/${d.shift.id}/roster`)).body
    expect(roster.items.find((i: { signupId: string }) => i.signupId === full.signup.id)).toMatchObject({
      creditedMinutes: 240,
      computedMinutes: 240,
      checkedOutAt: null,
    })

    // overnight: 22:00–06:00 Beijing (14:00–22:00Z), checked in late at 23:00, out at 05:30 next morning
    const night = await makeShift(d.ctx.db, {
      serviceId: d.service.id,
      teamId: d.team.id,
      startsAt: '2026-12-01T14:00:00.000Z',
      endsAt: '2026-12-01T22:00:00.000Z',
    })
    const owl = await teamPerson(d.ctx, d.team.id, 'member')
    const s = await placeOnShift(d.ctx.db, { shiftId: night.id, teamId: d.team.id, userId: owl.user.id })
    d.ctx.clock.current = at('2026-12-01T15:00:00.000Z')
    expect(await attend(d.leader, night.id, { signupId: s.id })).toMatchObject({ status: 'applied', data: { creditedMinutes: 480 } })
    d.ctx.clock.current = at('2026-12-01T21:30:00.000Z')
    expect(await attend(d.leader, night.id, { signupId: s.id }, 'out')).toMatchObject({ status: 'applied', data: { creditedMinutes: 390 } })
  })

  it('refuses a cancelled shift', async () => {
    const d = await desk({ status: 'cancelled' })
    const v = await teamPerson(d.ctx, d.team.id, 'member')
    d.ctx.clock.current = at(START)
    expect(await attend(d.leader, d.shift.id, { phone: v.user.phone })).toMatchObject({ status: 'rejected', code: 'shift_cancelled' })
  })
})
