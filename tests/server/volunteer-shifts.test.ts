/**
 * Planning shifts (the lead routes): services, weekly series (created, edited and cancelled as a
 * series), the week view, "open shifts near me", and the scope of a leader: a leader of team A is
 * refused (403) on every lead route of team B.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  beijingContext,
  makeService,
  makeShift,
  makeTeam,
  makeTeamMember,
  makeTeamWithShift,
  person,
  signUp,
  teamPerson,
  type Agent,
  type Ctx,
} from './fixtures'
import { MAX_WEEKLY_REPEATS } from '../../shared/schemas/volunteer'

const WEEK = 7 * 86_400_000
const patch = (p: { a: Agent }, url: string, body: unknown) => p.a.request('PATCH', url, body)

async function leaderWithService(ctx: Ctx) {
  const team = await makeTeam(ctx.db)
  const leader = await teamPerson(ctx, team.id, 'leader')
  const res = await leader.a.post(`/api/lead/teams/${team.id}/services`, {
    title: '社区健康科普讲解',
    venueAddress: '中关村街道新时代文明实践站',
  })
  expect(res.status).toBe(201)
  return { team, leader, service: res.body as { id: string; regionCode: string | null } }
}

/** A leader's service with a weekly series of one-slot shifts from Saturday 5 December 09:00 Beijing time; their ids. */
async function weeklySeries(ctx: Ctx, repeatWeeks: number) {
  const { leader, service, team } = await leaderWithService(ctx)
  const body = { startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T05:00:00Z', slots: 1, repeatWeeks }
  const created = await leader.a.post(`/api/lead/services/${service.id}/shifts`, body)
  return { leader, service, team, ids: created.body.items.map((s: { id: string }) => s.id) as string[] }
}

describe('services and shifts', () => {
  it('creates a service in the team’s region and a weekly series of 26 at most, one series id', async () => {
    const ctx = await beijingContext()
    const { leader, service, team } = await leaderWithService(ctx)
    expect(service.regionCode).toBe('110108')
    const list = await leader.a.get(`/api/lead/teams/${team.id}/services`)
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([service.id])

    const body = { startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T05:00:00Z', slots: 4, repeatWeeks: MAX_WEEKLY_REPEATS }
    const res = await leader.a.post(`/api/lead/services/${service.id}/shifts`, body)
    expect(res.status).toBe(201)
    const items = res.body.items as Array<{ startsAt: string; endsAt: string; seriesId: string; regionCode: string; serviceTitle: string }>
    expect(items).toHaveLength(26)
    expect(new Set(items.map((s) => s.seriesId)).size).toBe(1)
    expect(items[0]!.seriesId).toBeTruthy()
    expect(Date.parse(items[25]!.startsAt) - Date.parse(items[0]!.startsAt)).toBe(25 * WEEK)
    expect(items.every((s) => s.regionCode === '110108' && s.serviceTitle === '社区健康科普讲解')).toBe(true)

    const tooMany = await leader.a.post(`/api/lead/services/${service.id}/shifts`, { ...body, repeatWeeks: 27 })
    expect(tooMany.status).toBe(400)
    const single = await leader.a.post(`/api/lead/services/${service.id}/shifts`, { ...body, repeatWeeks: 1 })
    expect(single.body.items).toHaveLength(1)
    expect(single.body.items[0].seriesId).toBeNull()
    const audited = await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', leader.user.id).execute()
    expect(audited.map((a) => a.action)).toEqual(['volunteer.service.create', 'volunteer.shift.create', 'volunteer.shift.create'])
  })

  it('refuses shifts that end before they start, are shorter than 15 minutes or longer than 24 hours', async () => {
    const ctx = await beijingContext()
    const { leader, service } = await leaderWithService(ctx)
    const at = (startsAt: string, endsAt: string) =>
      leader.a.post(`/api/lead/services/${service.id}/shifts`, { startsAt, endsAt, slots: 2 })
    expect((await at('2026-12-05T05:00:00Z', '2026-12-05T01:00:00Z')).body.error.code).toBe('ends_before_start')
    expect((await at('2026-12-05T01:00:00Z', '2026-12-05T01:10:00Z')).body.error.code).toBe('shift_too_short')
    const long = await at('2026-12-05T01:00:00Z', '2026-12-06T02:00:00Z')
    expect([long.status, long.body.error.code]).toEqual([422, 'shift_too_long'])
    // overnight, across midnight Beijing time: fine
    expect((await at('2026-12-05T14:00:00Z', '2026-12-05T22:00:00Z')).status).toBe(201)
  })

  it('edits a series from one occurrence on (times moved alike), leaving earlier ones; more slots promote the waitlist', async () => {
    const ctx = await beijingContext()
    const { leader, team, ids } = await weeklySeries(ctx, 4)
    const moved = await patch(leader, `/api/lead/shifts/${ids[1]}`, {
      startsAt: '2026-12-12T02:00:00Z',
      endsAt: '2026-12-12T06:00:00Z',
      requiredSkills: ['first_aid'],
      series: true,
    })
    expect(moved.status).toBe(200)
    expect(moved.body.items.map((s: { id: string }) => s.id)).toEqual(ids.slice(1))
    expect(moved.body.items.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2026-12-12T02:00:00.000Z',
      '2026-12-19T02:00:00.000Z',
      '2026-12-26T02:00:00.000Z',
    ])
    expect(moved.body.items.every((s: { requiredSkills: string[] }) => s.requiredSkills.join() === 'first_aid')).toBe(true)
    const first = await ctx.db.selectFrom('shifts').selectAll().where('id', '=', ids[0]!).executeTakeFirstOrThrow()
    expect([first.starts_at, first.required_skills_mask]).toEqual(['2026-12-05T01:00:00.000Z', 0])

    // one shift alone; a shift too long after the move is refused and nothing changes
    const one = await patch(leader, `/api/lead/shifts/${ids[3]}`, { endsAt: '2026-12-27T03:00:00Z' })
    expect(one.body.error.code).toBe('shift_too_long')

    // lowering below the taken places is allowed; raising lets the waitlist in (FIFO), each told
    const a = await teamPerson(ctx, team.id, 'member')
    const b = await teamPerson(ctx, team.id, 'member')
    const c = await teamPerson(ctx, team.id, 'member')
    for (const p of [a, b, c]) expect((await signUp(p, ids[0]!)).status).toBe('applied')
    const raised = await patch(leader, `/api/lead/shifts/${ids[0]}`, { slots: 2 })
    expect(raised.body.items[0]).toMatchObject({ slots: 2, placesTaken: 2, placesLeft: 0 })
    const statuses = await ctx.db
      .selectFrom('shift_signups')
      .select(['user_id', 'status'])
      .where('shift_id', '=', ids[0]!)
      .orderBy('seq')
      .execute()
    expect(statuses.map((s) => s.status)).toEqual(['signed_up', 'signed_up', 'waitlisted'])
    expect(statuses[1]!.user_id).toBe(b.user.id)
    const notices = await ctx.db.selectFrom('notices').select(['user_id', 'kind']).where('kind', '=', 'shift_promoted').execute()
    expect(notices).toEqual([{ user_id: b.user.id, kind: 'shift_promoted' }])
    const lowered = await patch(leader, `/api/lead/shifts/${ids[0]}`, { slots: 1 })
    expect(lowered.body.items[0]).toMatchObject({ slots: 1, placesTaken: 2, placesLeft: 0 })
  })

  it('cancels one shift or the rest of a series: sign-ups end, places freed, everyone told with the reason', async () => {
    const ctx = await beijingContext()
    const { leader, team, ids } = await weeklySeries(ctx, 3)
    const a = await teamPerson(ctx, team.id, 'member')
    const b = await teamPerson(ctx, team.id, 'member')
    await signUp(a, ids[1]!)
    await signUp(b, ids[1]!)
    await signUp(a, ids[2]!)

    const res = await leader.a.post(`/api/lead/shifts/${ids[1]}/cancel`, { reason: '场地临时检修', series: true })
    expect(res.status).toBe(200)
    expect(
      res.body.items.map((s: { id: string; status: string; placesTaken: number; cancelReason: string }) => [
        s.id,
        s.status,
        s.placesTaken,
        s.cancelReason,
      ]),
    ).toEqual([
      [ids[1], 'cancelled', 0, '场地临时检修'],
      [ids[2], 'cancelled', 0, '场地临时检修'],
    ])
    const first = await ctx.db.selectFrom('shifts').select('status').where('id', '=', ids[0]!).executeTakeFirstOrThrow()
    expect(first.status).toBe('open')
    const live = await ctx.db.selectFrom('shift_signups').select('status').where('status', 'in', ['signed_up', 'waitlisted']).execute()
    expect(live).toEqual([])
    const told = await ctx.db.selectFrom('notices').select(['user_id', 'reason']).where('kind', '=', 'shift_cancelled').execute()
    expect(told).toHaveLength(3)
    expect(told.every((n) => n.reason === '场地临时检修')).toBe(true)
    const again = await leader.a.post(`/api/lead/shifts/${ids[1]}/cancel`, {})
    expect(again.body.error.code).toBe('shift_cancelled')
    expect((await signUp(b, ids[2]!)).code).toBe('shift_cancelled')
  })

  it('re-stamps a service’s shifts when its title, venue or region changes (the region copied)', async () => {
    const ctx = await beijingContext()
    const { leader, service, team } = await leaderWithService(ctx)
    const s = await makeShift(ctx.db, { serviceId: service.id, teamId: team.id })
    const res = await patch(leader, `/api/lead/services/${service.id}`, { title: '青少年科普讲解', regionCode: '110108010' })
    expect(res.status).toBe(200)
    const after = await ctx.db.selectFrom('shifts').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow()
    expect(after.version).toBeGreaterThan(s.version)
    expect(after.region_code).toBe('110108010')
    expect((await patch(leader, `/api/lead/services/${service.id}`, { regionCode: '999999' })).body.error.code).toBe('unknown_region')
  })
})

describe('the week view', () => {
  it('shows the Beijing week’s shifts with people, confirmations, check-ins, waitlist and skills nobody brings', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    const leader = await teamPerson(ctx, team.id, 'leader')
    const service = await makeService(ctx.db, { teamId: team.id })
    // Monday 30 Nov 00:00 Beijing = 29 Nov 16:00Z; Sunday 6 Dec 23:30 Beijing is in, Monday 7 Dec 00:00 is not
    const inWeek = await makeShift(ctx.db, { serviceId: service.id, teamId: team.id, slots: 1, requiredSkills: ['health', 'first_aid'] })
    const lastMinute = await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-12-06T15:30:00.000Z',
      endsAt: '2026-12-06T17:00:00.000Z',
    })
    await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-12-06T16:00:00.000Z',
      endsAt: '2026-12-06T18:00:00.000Z',
    })
    await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-11-29T15:00:00.000Z',
      endsAt: '2026-11-29T17:00:00.000Z',
    })
    const medic = await teamPerson(ctx, team.id, 'member', ['health'])
    const waiting = await teamPerson(ctx, team.id, 'member', ['first_aid'])
    const signupId = randomUUID()
    await signUp(medic, inWeek.id, signupId)
    await medic.mutate('shift.confirm', { signupId })
    await signUp(waiting, inWeek.id)

    const res = await leader.a.get(`/api/lead/teams/${team.id}/week?start=2026-12-02T10:00:00Z`)
    expect(res.status).toBe(200)
    expect([res.body.start, res.body.end]).toEqual(['2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z'])
    expect(res.body.shifts.map((s: { id: string }) => s.id)).toEqual([inWeek.id, lastMinute.id])
    const first = res.body.shifts[0]
    const name = (await ctx.db.selectFrom('users').select('name').where('id', '=', medic.user.id).executeTakeFirstOrThrow()).name
    expect(first.people[0]).toEqual({ signupId, name, status: 'signed_up', confirmed: true, checkedIn: false })
    expect(first.people[1]).toMatchObject({ status: 'waitlisted', confirmed: false })
    expect(first.waitlistCount).toBe(1)
    // the waiting first-aider does not cover the shift: only people holding a slot do
    expect(first.missingSkills).toEqual(['first_aid'])
    // no start: the week of now (Saturday 28 Nov → Monday 23 Nov)
    expect((await leader.a.get(`/api/lead/teams/${team.id}/week`)).body.start).toBe('2026-11-22T16:00:00.000Z')
  })
})

describe('open shifts near me', () => {
  it('lists open shifts not started with places left of active teams, near the caller, under a region, by skills', async () => {
    const ctx = await beijingContext()
    const { team, service, shift: plain } = await makeTeamWithShift(ctx.db)
    const at = (over: Parameters<typeof makeShift>[1] extends infer S ? Partial<S & object> : never) =>
      makeShift(ctx.db, { serviceId: service.id, teamId: team.id, ...over })
    const medical = await at({ startsAt: '2026-12-02T01:00:00.000Z', endsAt: '2026-12-02T03:00:00.000Z', requiredSkills: ['health'] })
    const township = await at({ startsAt: '2026-12-03T01:00:00.000Z', endsAt: '2026-12-03T03:00:00.000Z', regionCode: '110108010' })
    const chaoyang = await at({ startsAt: '2026-12-04T01:00:00.000Z', endsAt: '2026-12-04T03:00:00.000Z', regionCode: '110105' })
    const full = await at({ startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', slots: 1 })
    await ctx.db.updateTable('shifts').set({ places_taken: 1 }).where('id', '=', full.id).execute()
    await at({ startsAt: '2026-11-28T07:00:00.000Z', endsAt: '2026-11-28T10:00:00.000Z' }) // started
    await at({ startsAt: '2026-12-06T01:00:00.000Z', endsAt: '2026-12-06T03:00:00.000Z', status: 'cancelled' })
    const closed = await makeTeam(ctx.db, { status: 'closed' })
    const closedService = await makeService(ctx.db, { teamId: closed.id })
    await makeShift(ctx.db, { serviceId: closedService.id, teamId: closed.id })

    const ids = async (query: string, agent = ctx.agent()) => {
      const res = await agent.get(`/api/shifts/open?${query}`)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body.items.map((s: { id: string }) => s.id)
    }
    // anonymous, near 中关村街道: its chain (110108 …) and below; not 朝阳区
    expect(await ids('near=1&region=110108010')).toEqual([plain.id, medical.id, township.id])
    expect(await ids('region=110105')).toEqual([chaoyang.id])
    expect(await ids('region=110108')).toEqual([plain.id, medical.id, township.id])
    // skills: shifts requiring none, or one of mine
    expect(await ids('region=110108&skills=it')).toEqual([plain.id, township.id])
    expect(await ids('region=110108&skills=it,health')).toEqual([plain.id, medical.id, township.id])
    expect(await ids('region=1101&from=2026-12-02T12:00:00Z')).toEqual([township.id, chaoyang.id])
    // near the signed-in caller's profile region; no region at all answers region_required
    const local = await person(ctx, { regionCode: '110105001' })
    expect(await ids('near=1', local.a)).toEqual([chaoyang.id])
    expect((await ctx.agent().get('/api/shifts/open?near=1')).body.error.code).toBe('region_required')
    const page = await ctx.agent().get('/api/shifts/open?region=11&pageSize=2')
    expect([page.body.items.length, page.body.hasMore]).toEqual([2, true])
    const item = page.body.items[0]
    expect(item).toMatchObject({ teamName: team.name, orgName: '北京市海淀区科学技术协会', placesLeft: 5 })
  })
})

describe('a leader of team A on team B', () => {
  it('is refused (403) on every lead route of team B, and an unknown team is 404', async () => {
    const ctx = await beijingContext()
    const teamA = await makeTeam(ctx.db)
    const leaderA = await teamPerson(ctx, teamA.id, 'leader')
    const b = await makeTeamWithShift(ctx.db)
    const bMember = await teamPerson(ctx, b.team.id, 'member')
    // leader A is even an ordinary member of team B: still not a leader there
    await makeTeamMember(ctx.db, { teamId: b.team.id, userId: leaderA.user.id })
    const asker = await teamPerson(ctx, b.team.id, 'member')
    const signupId = randomUUID()
    await signUp(asker, b.shift.id, signupId)
    const swapId = randomUUID()
    expect((await asker.mutate('shift.swapRequest', { swapId, signupId, toUserId: bMember.user.id })).status).toBe('applied')
    expect((await bMember.mutate('shift.swapRespond', { swapId, answer: 'accept' })).status).toBe('applied')

    const shiftBody = { startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T05:00:00Z', slots: 2 }
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/lead/teams/${b.team.id}/services`],
      ['POST', `/api/lead/teams/${b.team.id}/services`, { title: '科普讲解', venueAddress: '朝阳区某社区' }],
      ['PATCH', `/api/lead/services/${b.service.id}`, { title: '改名' }],
      ['POST', `/api/lead/services/${b.service.id}/shifts`, shiftBody],
      ['PATCH', `/api/lead/shifts/${b.shift.id}`, { slots: 9 }],
      ['POST', `/api/lead/shifts/${b.shift.id}/cancel`, {}],
      ['GET', `/api/lead/teams/${b.team.id}/week`],
      ['POST', `/api/lead/shifts/${b.shift.id}/assignments`, { memberId: bMember.member.id }],
      ['GET', `/api/lead/teams/${b.team.id}/swaps`],
      ['POST', `/api/lead/swaps/${swapId}/decision`, { decision: 'approve' }],
    ]
    for (const [method, url, body] of calls) {
      const res = await leaderA.a.request(method, url, body)
      expect([url, res.status]).toEqual([url, 403])
    }
    const unchanged = await ctx.db.selectFrom('shifts').select(['slots', 'status']).where('id', '=', b.shift.id).executeTakeFirstOrThrow()
    expect(unchanged).toEqual({ slots: 5, status: 'open' })
    expect((await leaderA.a.get(`/api/lead/teams/${randomUUID()}/week`)).body.error.code).toBe('team_not_found')
    expect((await leaderA.a.get(`/api/lead/teams/${teamA.id}/week`)).status).toBe(200)
  })
})
