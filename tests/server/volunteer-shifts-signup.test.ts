/**
 * Signing up for shifts through sync: active team members only, slots then the FIFO waitlist (exact
 * under concurrent pushes), cancel before the team's cut-off with the waitlist's head promoted and
 * told, confirm; a leader's assignment with warnings (overlap, an overnight shift across midnight
 * included; missing skills; full) that must be acknowledged.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  beijingContext,
  longSessionContext,
  makeService,
  makeShift,
  makeTeam,
  makeTeamWithShift,
  person,
  signUp,
  teamPerson,
  type Agent,
  type Ctx,
} from './fixtures'

async function teamShift(ctx: Ctx, shift: Parameters<typeof makeTeamWithShift>[1] = {}, cancelCutoffHours = 24) {
  const team = await makeTeam(ctx.db, { cancelCutoffHours })
  const service = await makeService(ctx.db, { teamId: team.id })
  const s = await makeShift(ctx.db, { serviceId: service.id, teamId: team.id, ...shift })
  return { team, service, shift: s }
}
const placesTaken = async (ctx: Ctx, id: string) =>
  (await ctx.db.selectFrom('shifts').select('places_taken').where('id', '=', id).executeTakeFirstOrThrow()).places_taken

describe('shift.signUp', () => {
  it('is for active members of the shift’s team, once, for an open shift that has not started', async () => {
    const ctx = await beijingContext()
    const { team, shift } = await teamShift(ctx)
    const outsider = await person(ctx)
    expect(await signUp(outsider, shift.id)).toMatchObject({ status: 'rejected', code: 'not_team_member' })
    const pending = await person(ctx)
    await ctx.db
      .insertInto('team_members')
      .values({
        id: randomUUID(),
        team_id: team.id,
        user_id: pending.user.id,
        role: 'member',
        status: 'pending',
        created_at: '',
        updated_at: '',
      })
      .execute()
    expect((await signUp(pending, shift.id)).code).toBe('not_team_member')

    const m = await teamPerson(ctx, team.id, 'member')
    const id = randomUUID()
    const first = await signUp(m, shift.id, id)
    expect(first).toMatchObject({ status: 'applied', data: { id, status: 'signed_up', source: 'self', waitlistPosition: null } })
    expect((await signUp(m, shift.id)).code).toBe('already_signed_up')
    const other = await teamPerson(ctx, team.id, 'member')
    expect((await signUp(other, shift.id, id)).code).toBe('signup_id_taken')
    expect((await signUp(m, randomUUID())).code).toBe('shift_not_found')
    expect(await placesTaken(ctx, shift.id)).toBe(1)

    const started = await makeShift(ctx.db, {
      serviceId: shift.service_id,
      teamId: team.id,
      startsAt: '2026-11-28T07:00:00.000Z',
      endsAt: '2026-11-28T10:00:00.000Z',
    })
    expect((await signUp(m, started.id)).code).toBe('shift_started')
    const cancelled = await makeShift(ctx.db, { serviceId: shift.service_id, teamId: team.id, status: 'cancelled' })
    expect((await signUp(m, cancelled.id)).code).toBe('shift_cancelled')
    await ctx.db.updateTable('volunteer_teams').set({ status: 'closed' }).where('id', '=', team.id).execute()
    const later = await makeShift(ctx.db, { serviceId: shift.service_id, teamId: team.id })
    expect((await signUp(m, later.id)).code).toBe('team_not_active')
  })

  it('under 60 concurrent pushes for 10 slots: exactly 10 get one, 50 wait in processing order, places exact', async () => {
    const ctx = await beijingContext()
    const { team, shift } = await teamShift(ctx, { slots: 10 })
    const people = []
    for (let i = 0; i < 60; i++) people.push(await teamPerson(ctx, team.id, 'member'))
    const ids: string[] = people.map(() => randomUUID())
    const results = await Promise.all(people.map((p, i) => signUp(p, shift.id, ids[i])))
    expect(results.every((r) => r.status === 'applied')).toBe(true)

    const rows = await ctx.db.selectFrom('shift_signups').selectAll().where('shift_id', '=', shift.id).orderBy('seq').execute()
    expect(rows).toHaveLength(60)
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(60)
    expect(rows.slice(0, 10).every((r) => r.status === 'signed_up')).toBe(true)
    expect(rows.slice(10).every((r) => r.status === 'waitlisted')).toBe(true)
    expect(await placesTaken(ctx, shift.id)).toBe(10)
    // processing order, read from the idempotency records, is the queue order
    const processed = await ctx.db
      .selectFrom('sync_mutations')
      .select('user_id')
      .where('name', '=', 'shift.signUp')
      .orderBy('version')
      .execute()
    expect(processed.map((m) => m.user_id)).toEqual(rows.map((r) => r.user_id))
    const position = new Map(results.map((r, i) => [ids[i], r.data.waitlistPosition]))
    expect(rows.slice(10).map((r) => position.get(r.id))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  }, 60_000)
})

describe('shift.cancel and shift.confirm', () => {
  it('gives a slot up before the cut-off: the waitlist’s head gets it (FIFO) and is told; after the cut-off it is refused', async () => {
    const ctx = await longSessionContext()
    // 1 Dec 01:00Z, cut-off 48 h: until 29 Nov 01:00Z (the clock is 28 Nov 08:00Z)
    const { team, shift } = await teamShift(ctx, { slots: 1 }, 48)
    const [a, b, c] = [
      await teamPerson(ctx, team.id, 'member'),
      await teamPerson(ctx, team.id, 'member'),
      await teamPerson(ctx, team.id, 'member'),
    ]
    const [ia, ib, ic] = [randomUUID(), randomUUID(), randomUUID()]
    await signUp(a, shift.id, ia)
    expect((await signUp(b, shift.id, ib)).data).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect((await signUp(c, shift.id, ic)).data).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 })

    expect((await b.mutate('shift.cancel', { signupId: ia })).code).toBe('not_found')
    expect(await a.mutate('shift.cancel', { signupId: ia })).toMatchObject({ status: 'applied', data: { status: 'cancelled' } })
    const status = async (id: string) =>
      (await ctx.db.selectFrom('shift_signups').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
    expect([await status(ib), await status(ic)]).toEqual(['signed_up', 'waitlisted'])
    expect(await placesTaken(ctx, shift.id)).toBe(1)
    const notices = await ctx.db.selectFrom('notices').selectAll().where('kind', '=', 'shift_promoted').execute()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ user_id: b.user.id, subject_id: ib, title: '社区健康科普讲解', starts_at: shift.starts_at })
    expect((await a.mutate('shift.cancel', { signupId: ia })).code).toBe('not_live')

    // past the cut-off: a held slot stays (ask a leader); a place in the waitlist can still be left
    ctx.clock.advance(18 * 3_600_000)
    expect((await b.mutate('shift.cancel', { signupId: ib })).code).toBe('cancel_cutoff_passed')
    expect((await c.mutate('shift.cancel', { signupId: ic })).status).toBe('applied')
    expect(await placesTaken(ctx, shift.id)).toBe(1)
  })

  it('confirms a held slot once (again changes nothing), never a place in the waitlist', async () => {
    const ctx = await beijingContext()
    const { team, shift } = await teamShift(ctx, { slots: 1 })
    const a = await teamPerson(ctx, team.id, 'member')
    const b = await teamPerson(ctx, team.id, 'member')
    const [ia, ib] = [randomUUID(), randomUUID()]
    await signUp(a, shift.id, ia)
    await signUp(b, shift.id, ib)
    const first = await a.mutate('shift.confirm', { signupId: ia })
    expect(first.data.confirmedAt).toBe('2026-11-28T08:00:00.000Z')
    ctx.clock.advance(60_000)
    const again = await a.mutate('shift.confirm', { signupId: ia })
    expect(again.data).toEqual(first.data)
    expect((await b.mutate('shift.confirm', { signupId: ib })).code).toBe('not_live')
    expect((await b.mutate('shift.confirm', { signupId: ia })).code).toBe('not_found')
  })
})

describe('a leader’s assignment', () => {
  async function world(ctx: Ctx) {
    const { team, service, shift } = await teamShift(ctx, { slots: 1, requiredSkills: ['health', 'first_aid'] })
    const leader = await teamPerson(ctx, team.id, 'leader')
    const member = await teamPerson(ctx, team.id, 'member', ['health'])
    return { team, service, shift, leader, member }
  }
  const assign = (leader: { a: Agent }, shiftId: string, body: object) => leader.a.post(`/api/lead/shifts/${shiftId}/assignments`, body)

  it('warns of an overlapping shift (overnight, across midnight), missing skills and a full shift; writes only when acknowledged', async () => {
    const ctx = await beijingContext()
    const { team, service, shift, leader, member } = await world(ctx)
    // a night shift 30 Nov 22:00 → 1 Dec 10:00 Beijing (14:00Z → 02:00Z) overlaps the 1 Dec 01:00–05:00Z shift
    const night = await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-11-30T14:00:00.000Z',
      endsAt: '2026-12-01T02:00:00.000Z',
    })
    // touching ends do not overlap
    const before = await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-11-30T23:00:00.000Z',
      endsAt: '2026-12-01T01:00:00.000Z',
    })
    await signUp(member, night.id)
    await signUp(member, before.id)
    const filler = await teamPerson(ctx, team.id, 'member')
    await signUp(filler, shift.id)

    const checked = await assign(leader, shift.id, { memberId: member.member.id, check: true })
    expect(checked.status).toBe(200)
    expect(checked.body).toEqual({
      warnings: [
        { kind: 'overlap', shiftId: night.id, serviceTitle: '社区健康科普讲解', startsAt: night.starts_at, endsAt: night.ends_at },
        { kind: 'missing_skills', skills: ['first_aid'] },
        { kind: 'full' },
      ],
      signupId: null,
    })
    const unacknowledged = await assign(leader, shift.id, { memberId: member.member.id })
    expect(unacknowledged.body.signupId).toBeNull()
    expect(await placesTaken(ctx, shift.id)).toBe(1)

    const done = await assign(leader, shift.id, { memberId: member.member.id, acknowledge: true })
    expect(done.body.warnings).toHaveLength(3)
    const row = await ctx.db.selectFrom('shift_signups').selectAll().where('id', '=', done.body.signupId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'signed_up', source: 'assigned', assigned_by: leader.user.id, user_id: member.user.id })
    // places may exceed the slots; none are left
    expect(await placesTaken(ctx, shift.id)).toBe(2)
    const told = await ctx.db.selectFrom('notices').select(['user_id', 'subject_id']).where('kind', '=', 'shift_assigned').execute()
    expect(told).toEqual([{ user_id: member.user.id, subject_id: row.id }])
    const audited = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'volunteer.shift.assign').execute()
    expect(audited).toHaveLength(1)
    expect(JSON.parse(audited[0]!.detail!).warnings).toEqual(['overlap', 'missing_skills', 'full'])
    expect((await assign(leader, shift.id, { memberId: member.member.id, acknowledge: true })).body.error.code).toBe('already_signed_up')
  })

  it('assigns at once without warnings; refuses people who are not active members', async () => {
    const ctx = await beijingContext()
    const { team, service, leader } = await world(ctx)
    const easy = await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-12-03T01:00:00.000Z',
      endsAt: '2026-12-03T03:00:00.000Z',
    })
    const m = await teamPerson(ctx, team.id, 'member')
    const res = await assign(leader, easy.id, { memberId: m.member.id })
    expect(res.body.warnings).toEqual([])
    expect(res.body.signupId).toBeTruthy()
    const other = await makeTeam(ctx.db)
    const stranger = await teamPerson(ctx, other.id, 'member')
    expect((await assign(leader, easy.id, { memberId: stranger.member.id })).body.error.code).toBe('not_team_member')
    expect((await assign(leader, randomUUID(), { memberId: m.member.id })).body.error.code).toBe('shift_not_found')
  })
})
