/**
 * The service-request loop through the real routes: every (status × action) of the state machine,
 * who may call what, the conditional update under a race, the phone masked or shown, the resident's
 * follow-up (a wrong phone = an unknown number) and its rate limit, the rating window on the test
 * clock, and the shift an assignment makes.
 */
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  longSessionContext,
  makeHub,
  makeMembership,
  makeRequest,
  makeTeam,
  person,
  teamPerson,
  type Agent,
  type Ctx,
  type Person,
} from './fixtures'
import { nextStatus, type RequestAction } from '../../shared/rules/service-request'
import { REQUEST_STATUSES, type RequestStatus } from '../../shared/schemas/service-request'
import { moveRequest } from '../../server/domain/service-requests'
import { REQUEST_LOOKUP_LIMIT_PER_IP, REQUEST_LOOKUP_LIMIT_PER_NUMBER } from '../../server/routes/requests'
import { DomainError } from '../../server/errors'

const DAY = 86_400_000
const PHONE = '13912345678'
const MASKED = '139****5678'

async function world() {
  const ctx = await longSessionContext()
  const hub = await makeHub(ctx.db, { orgId: 'cast-110108', regionCode: '110108010' })
  const admin = await person(ctx)
  await makeMembership(ctx.db, { userId: admin.user.id, orgId: 'cast-110108', role: 'admin' })
  const otherAdmin = await person(ctx) // 朝阳区科协: another county
  await makeMembership(ctx.db, { userId: otherAdmin.user.id, orgId: 'cast-110105', role: 'admin' })
  const team = await makeTeam(ctx.db, {
    orgId: 'cast-110108',
    regionCode: '110108010',
    skills: ['health'],
    name: '海淀区医疗健康科技志愿服务队',
  })
  const leader = await teamPerson(ctx, team.id, 'leader')
  const coLeader = await teamPerson(ctx, team.id, 'co_leader')
  const member = await teamPerson(ctx, team.id, 'member')
  const otherTeam = await makeTeam(ctx.db, { orgId: 'cast-110105', regionCode: '110105', name: '朝阳区科普志愿服务队' })
  const otherLeader = await teamPerson(ctx, otherTeam.id, 'leader')
  const request = (status: RequestStatus = 'ordered', o: Partial<Parameters<typeof makeRequest>[1]> = {}) =>
    makeRequest(ctx.db, { hubId: hub.id, status, teamId: status === 'ordered' ? null : team.id, ...o })
  return { ctx, hub, admin, otherAdmin, team, leader, coLeader, member, otherTeam, otherLeader, request }
}
type World = Awaited<ReturnType<typeof world>>

const inTwoDays = (ctx: Ctx) => new Date(ctx.clock.now().getTime() + 2 * DAY).toISOString()
const shiftBody = (w: World, userIds = [w.member.user.id]) => ({
  startsAt: '2026-12-02T01:00:00.000Z',
  endsAt: '2026-12-02T03:00:00.000Z',
  userIds,
})

/** Each action through its route, by the person the contract gives it to. */
function act(w: World, action: RequestAction, r: { id: string; number: string }, by?: Agent) {
  switch (action) {
    case 'dispatch':
      return (by ?? w.admin.a).post(`/api/admin/requests/${r.id}/dispatch`, { teamId: w.team.id, completeBy: inTwoDays(w.ctx) })
    case 'close':
      return (by ?? w.admin.a).post(`/api/admin/requests/${r.id}/close`, { reason: '居民已自行解决' })
    case 'accept':
      return (by ?? w.leader.a).post(`/api/lead/requests/${r.id}/accept`)
    case 'decline':
      return (by ?? w.leader.a).post(`/api/lead/requests/${r.id}/decline`, { reason: '本周人手不足' })
    case 'assign':
      return (by ?? w.leader.a).post(`/api/lead/requests/${r.id}/shift`, shiftBody(w))
    case 'done':
      return (by ?? w.leader.a).post(`/api/lead/requests/${r.id}/done`, { report: '已上门讲解并测量血压' })
    case 'rate':
      return (by ?? w.ctx.agent()).post('/api/requests/rate', { number: r.number, phone: PHONE, rating: 5, comment: '很耐心' })
  }
}

/** The contract's state machine, written out here so the shared rule is checked against it, not against itself. */
const LEGAL: Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>> = {
  ordered: { dispatch: 'dispatched', close: 'closed' },
  dispatched: { dispatch: 'dispatched', accept: 'accepted', decline: 'ordered', close: 'closed' },
  accepted: { dispatch: 'dispatched', assign: 'accepted', done: 'done', close: 'closed' },
  done: { rate: 'rated' },
  rated: {},
  closed: {},
}
const ACTIONS: RequestAction[] = ['dispatch', 'accept', 'decline', 'assign', 'done', 'rate', 'close']

describe('the state machine through the routes', () => {
  let w: World
  beforeAll(async () => {
    w = await world()
  })

  const cases = REQUEST_STATUSES.flatMap((status) =>
    ACTIONS.map((action) => ({ status, action, to: LEGAL[status][action] ?? null, label: `${status} × ${action}` })),
  )

  it('agrees with shared/rules nextStatus on every cell', () => {
    for (const c of cases) expect(nextStatus(c.status, c.action), c.label).toBe(c.to)
  })

  it.each(cases)('$label', async ({ status, action, to }) => {
    // every fixture has the team (also 'ordered'), so the leader's actions reach the state machine
    const r = await w.request(status, { teamId: w.team.id })
    const res = await act(w, action, r)
    const row = await w.ctx.db.selectFrom('service_requests').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow()
    if (to === null) {
      expect(res.status, JSON.stringify(res.body)).toBe(409)
      expect(res.body.error.code).toBe('request_not_allowed')
      expect(row.status).toBe(status)
      expect(row.version).toBe(r.version)
    } else {
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.status).toBe(to)
      expect(row.status).toBe(to)
      if (action === 'assign') expect(row.shift_id).toBeTruthy()
      else {
        // a status move restarts the state's clock and clears the escalation flags
        expect(row.state_entered_at).toBe(w.ctx.clock.now().toISOString())
        expect(row.overdue_at).toBeNull()
      }
      const kinds = (
        await w.ctx.db.selectFrom('service_request_events').select('kind').where('request_id', '=', r.id).orderBy('seq').execute()
      ).map((e) => e.kind)
      const eventOf: Record<RequestAction, string> = {
        dispatch: 'dispatched',
        accept: 'accepted',
        decline: 'declined',
        assign: 'assigned',
        done: 'done',
        rate: 'rated',
        close: 'closed',
      }
      expect(kinds).toEqual(['ordered', eventOf[action]])
    }
  })
})

describe('who may call what', () => {
  it('refuses an admin of another county, a team member who does not lead, a leader of another team and the hub’s admin on the lead side', async () => {
    const w = await world()
    const r = await w.request('dispatched')
    for (const url of [`/api/admin/requests/${r.id}`, `/api/admin/requests/${r.id}/suggestions`])
      expect((await w.otherAdmin.a.get(url)).status, url).toBe(403)
    expect((await act(w, 'dispatch', r, w.otherAdmin.a)).status).toBe(403)
    expect((await act(w, 'close', r, w.otherAdmin.a)).status).toBe(403)
    expect((await w.otherAdmin.a.get('/api/admin/requests?orgId=cast-110108')).status).toBe(403)
    // leaders are not admins
    expect((await act(w, 'dispatch', r, w.leader.a)).status).toBe(403)
    for (const who of [w.member, w.otherLeader, w.admin]) {
      expect((await who.a.get(`/api/lead/requests/${r.id}`)).status).toBe(403)
      for (const action of ['accept', 'decline', 'assign', 'done'] as const) expect((await act(w, action, r, who.a)).status).toBe(403)
    }
    // nothing moved
    expect((await w.ctx.db.selectFrom('service_requests').select('status').where('id', '=', r.id).executeTakeFirstOrThrow()).status).toBe(
      'dispatched',
    )
    // the other team's leader does not see it in their list; the co-leader does
    expect((await w.otherLeader.a.get('/api/lead/requests')).body.items).toEqual([])
    expect((await w.coLeader.a.get('/api/lead/requests')).body.items.map((i: { id: string }) => i.id)).toEqual([r.id])
  })

  it('answers 404 request_not_found for an unknown id, and a leader on a request with no team is refused', async () => {
    const w = await world()
    const unknown = randomUUID()
    expect((await w.admin.a.get(`/api/admin/requests/${unknown}`)).body.error.code).toBe('request_not_found')
    expect((await w.leader.a.post(`/api/lead/requests/${unknown}/accept`)).status).toBe(404)
    const ordered = await w.request('ordered')
    expect((await act(w, 'accept', ordered)).status).toBe(403)
  })

  it('lets an admin of an organisation above the hub’s in (北京市科协), and a system admin', async () => {
    const w = await world()
    const r = await w.request('ordered')
    const above = await person(w.ctx)
    await makeMembership(w.ctx.db, { userId: above.user.id, orgId: 'cast-11', role: 'admin' })
    expect((await above.a.get(`/api/admin/requests/${r.id}`)).status).toBe(200)
    const sys = await person(w.ctx, { systemRole: 'system_admin' })
    expect((await act(w, 'dispatch', r, sys.a)).status).toBe(200)
  })
})

describe('conditional updates', () => {
  it('two leaders accepting at once: one wins, the other is refused', async () => {
    const w = await world()
    const r = await w.request('dispatched')
    const answers = await Promise.all([act(w, 'accept', r, w.leader.a), act(w, 'accept', r, w.coLeader.a)])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const events = await w.ctx.db.selectFrom('service_request_events').select('kind').where('request_id', '=', r.id).execute()
    expect(events.filter((e) => e.kind === 'accepted')).toHaveLength(1)
  })

  it('an accept and a decline at once: exactly one happens', async () => {
    const w = await world()
    const r = await w.request('dispatched')
    const answers = await Promise.all([act(w, 'accept', r, w.leader.a), act(w, 'decline', r, w.coLeader.a)])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const row = await w.ctx.db.selectFrom('service_requests').select('status').where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(['accepted', 'ordered']).toContain(row.status)
    const kinds = (
      await w.ctx.db.selectFrom('service_request_events').select('kind').where('request_id', '=', r.id).orderBy('seq').execute()
    ).map((e) => e.kind)
    expect(kinds.filter((k) => k === 'accepted' || k === 'declined')).toHaveLength(1)
  })

  it('two dispatches at once: both land in order, the last team wins (re-dispatch is legal), one event each', async () => {
    const w = await world()
    const r = await w.request('ordered')
    const second = await makeTeam(w.ctx.db, { orgId: 'cast-110108', regionCode: '110108' })
    const answers = await Promise.all([
      act(w, 'dispatch', r),
      w.admin.a.post(`/api/admin/requests/${r.id}/dispatch`, { teamId: second.id, completeBy: inTwoDays(w.ctx) }),
    ])
    expect(answers.map((a) => a.status)).toEqual([200, 200])
    const events = await w.ctx.db.selectFrom('service_request_events').select('kind').where('request_id', '=', r.id).execute()
    expect(events.filter((e) => e.kind === 'dispatched')).toHaveLength(2)
  })

  it('a move decided on a stale read changes nothing (the update is conditional on the status read)', async () => {
    const w = await world()
    const r = await w.request('dispatched')
    expect((await act(w, 'accept', r)).status).toBe(200)
    // r still says 'dispatched': as if a second server read it before the accept committed
    const stale = w.ctx.db.transaction().execute((trx) => moveRequest(trx, r, 'decline', { team_id: null }, w.ctx.clock.now()))
    await expect(stale).rejects.toThrow(DomainError)
    await expect(stale).rejects.toMatchObject({ code: 'request_not_allowed' })
    const row = await w.ctx.db.selectFrom('service_requests').select(['status', 'team_id']).where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'accepted', team_id: w.team.id })
  })
})

describe('dispatch, decline and the notices they owe', () => {
  it('dispatch checks the deadline and the team, tells the team’s leaders (not its members), audits', async () => {
    const w = await world()
    const r = await w.request('ordered')
    const url = `/api/admin/requests/${r.id}/dispatch`
    const soon = new Date(w.ctx.clock.now().getTime() + 30 * 60_000).toISOString()
    const far = new Date(w.ctx.clock.now().getTime() + 91 * DAY).toISOString()
    for (const completeBy of [soon, far]) {
      const res = await w.admin.a.post(url, { teamId: w.team.id, completeBy })
      expect([res.status, res.body.error.code]).toEqual([422, 'deadline_invalid'])
    }
    expect((await w.admin.a.post(url, { teamId: randomUUID(), completeBy: inTwoDays(w.ctx) })).body.error.code).toBe('team_not_found')
    const closedTeam = await makeTeam(w.ctx.db, { status: 'closed' })
    expect((await w.admin.a.post(url, { teamId: closedTeam.id, completeBy: inTwoDays(w.ctx) })).body.error.code).toBe('team_not_active')

    const res = await act(w, 'dispatch', r)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'dispatched', teamId: w.team.id, teamName: '海淀区医疗健康科技志愿服务队' })
    // due within 24 h (sooner than the deadline two days out)
    expect(res.body.stateDueAt).toBe(new Date(w.ctx.clock.now().getTime() + DAY).toISOString())
    const told = await w.ctx.db
      .selectFrom('notices')
      .select(['user_id', 'title', 'subject_id'])
      .where('kind', '=', 'request_dispatched')
      .execute()
    expect(told.map((n) => n.user_id).sort()).toEqual([w.leader.user.id, w.coLeader.user.id].sort())
    expect(told[0]).toMatchObject({ title: r.number, subject_id: r.id })
    const entry = await w.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'request.dispatch').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actor_id: w.admin.user.id, org_id: 'cast-110108', target: r.id })
  })

  it('a decline sends it back to the queue without a team and tells the hub organisation’s admins with the reason', async () => {
    const w = await world()
    const r = await w.request('dispatched')
    const res = await act(w, 'decline', r)
    expect(res.body).toMatchObject({ status: 'ordered', teamId: null, declineReason: '本周人手不足', completeBy: null })
    const told = await w.ctx.db.selectFrom('notices').select(['user_id', 'reason']).where('kind', '=', 'request_declined').execute()
    expect(told).toEqual([{ user_id: w.admin.user.id, reason: '本周人手不足' }])
    expect(res.body.events.at(-1)).toMatchObject({ kind: 'declined', actor: 'leader', teamName: '海淀区医疗健康科技志愿服务队' })
  })

  it('the admin queue lists the subtree newest first, filters by status and overdue; the phone is masked', async () => {
    const w = await world()
    const a = await w.request('ordered', { at: '2026-11-27T01:00:00.000Z' })
    const b = await w.request('dispatched', { at: '2026-11-28T01:00:00.000Z' })
    await w.ctx.db.updateTable('service_requests').set({ overdue_at: '2026-11-28T02:00:00.000Z' }).where('id', '=', a.id).execute()
    const all = await w.admin.a.get('/api/admin/requests')
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id])
    expect(all.body.total).toBe(2)
    expect(all.body.items[0].contactPhone).toBe(MASKED)
    expect((await w.admin.a.get('/api/admin/requests?status=dispatched')).body.items.map((i: { id: string }) => i.id)).toEqual([b.id])
    expect((await w.admin.a.get('/api/admin/requests?overdue=true')).body.items.map((i: { id: string }) => i.id)).toEqual([a.id])
    // an admin of a township elsewhere sees none of them
    const township = await person(w.ctx)
    await makeMembership(w.ctx.db, { userId: township.user.id, orgId: 'cast-110108011', role: 'admin' })
    expect((await township.a.get('/api/admin/requests')).body.items).toEqual([])
  })
})

describe('the contact phone', () => {
  it('masked for admins and for the leaders until their team accepts; full for them after; never in notices, audit or events', async () => {
    const w = await world()
    const r = await w.request('ordered')
    expect((await w.admin.a.get(`/api/admin/requests/${r.id}`)).body).toMatchObject({ contactPhone: MASKED, phoneVisible: false })
    await act(w, 'dispatch', r)
    expect((await w.leader.a.get(`/api/lead/requests/${r.id}`)).body).toMatchObject({ contactPhone: MASKED, phoneVisible: false })
    expect((await w.leader.a.get('/api/lead/requests')).body.items[0].contactPhone).toBe(MASKED)
    expect((await act(w, 'accept', r)).body).toMatchObject({ contactPhone: PHONE, phoneVisible: true })
    expect((await w.coLeader.a.get(`/api/lead/requests/${r.id}`)).body.contactPhone).toBe(PHONE)
    expect((await w.leader.a.get('/api/lead/requests')).body.items[0].contactPhone).toBe(PHONE)
    expect((await w.admin.a.get(`/api/admin/requests/${r.id}`)).body.contactPhone).toBe(MASKED)
    await act(w, 'assign', r)
    await act(w, 'done', r)
    expect((await w.leader.a.get(`/api/lead/requests/${r.id}`)).body.contactPhone).toBe(PHONE)
    const track = await act(w, 'rate', r)
    expect(track.status).toBe(200)
    expect(JSON.stringify(track.body)).not.toContain(PHONE)
    // a re-dispatch (here to the same team) hides it again until the team accepts anew
    const r2 = await w.request('accepted')
    await act(w, 'dispatch', r2)
    expect((await w.leader.a.get(`/api/lead/requests/${r2.id}`)).body.contactPhone).toBe(MASKED)

    const db = w.ctx.db
    const texts = [
      ...(await db.selectFrom('notices').selectAll().execute()),
      ...(await db.selectFrom('audit_log').selectAll().execute()),
      ...(await db.selectFrom('service_request_events').selectAll().execute()),
    ].map((row) => JSON.stringify(row))
    expect(texts.length).toBeGreaterThan(10)
    for (const t of texts) expect(t).not.toContain(PHONE)
  })
})

describe('the resident’s follow-up', () => {
  it('number + phone shows the timeline without staff names or the phone; a wrong phone answers exactly like an unknown number', async () => {
    const w = await world()
    const r = await w.request('ordered')
    await act(w, 'dispatch', r)
    await act(w, 'decline', r)
    const anon = w.ctx.agent()
    const ok = await anon.post('/api/requests/lookup', { number: r.number, phone: PHONE })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ number: r.number, hubName: '中关村街道新时代文明实践所', status: 'ordered', canRate: false })
    expect(ok.body.events.map((e: { kind: string }) => e.kind)).toEqual(['ordered', 'dispatched', 'declined'])
    // the team's reason stays with the staff
    expect(ok.body.events[2].note).toBeNull()
    const text = JSON.stringify(ok.body)
    expect(text).not.toContain(PHONE)
    expect(text).not.toContain(w.leader.user.id)

    const wrongPhone = await anon.post('/api/requests/lookup', { number: r.number, phone: '13900000000' })
    const unknown = await anon.post('/api/requests/lookup', { number: '999-9999', phone: PHONE })
    expect(wrongPhone.status).toBe(404)
    expect(wrongPhone.body).toEqual(unknown.body)
    expect(wrongPhone.body.error.code).toBe('request_not_found')
    // the same number typed with a full-width dash or spaces is still found
    expect((await anon.post('/api/requests/lookup', { number: ` ${r.number.replace('-', '－')} `, phone: PHONE })).status).toBe(200)
  })

  it('rate-limits failed guesses per number and per address (429 too_many_attempts with Retry-After); matches give their attempt back', async () => {
    const w = await world()
    const r = await w.request('done')
    const anon = w.ctx.agent()
    for (let i = 0; i < 3; i++) expect((await anon.post('/api/requests/lookup', { number: r.number, phone: PHONE })).status).toBe(200)
    for (let i = 0; i < REQUEST_LOOKUP_LIMIT_PER_NUMBER; i++)
      expect((await anon.post('/api/requests/lookup', { number: r.number, phone: `1390000${String(i).padStart(4, '0')}` })).status).toBe(
        404,
      )
    const limited = await anon.post('/api/requests/lookup', { number: r.number, phone: PHONE })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('too_many_attempts')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await anon.post('/api/requests/rate', { number: r.number, phone: PHONE, rating: 5 })).status).toBe(429)

    // per address: failures over many numbers
    const w2 = await world()
    const other = await w2.request('ordered')
    const guesser = w2.ctx.agent()
    for (let i = 0; i < REQUEST_LOOKUP_LIMIT_PER_IP; i++)
      expect((await guesser.post('/api/requests/lookup', { number: `77-${String(i).padStart(4, '0')}`, phone: PHONE })).status).toBe(404)
    expect((await guesser.post('/api/requests/lookup', { number: other.number, phone: PHONE })).status).toBe(429)
    // the window passes
    w2.ctx.clock.advance(w2.ctx.config.loginWindowMs)
    expect((await guesser.post('/api/requests/lookup', { number: other.number, phone: PHONE })).status).toBe(200)
  })

  it('rates once, within 30 days of done (the injected clock), and tells the team’s leaders', async () => {
    const w = await world()
    const [late, onTime] = [await w.request('accepted'), await w.request('accepted')]
    await act(w, 'done', late)
    await act(w, 'done', onTime)
    const anon = w.ctx.agent()
    expect((await anon.post('/api/requests/lookup', { number: late.number, phone: PHONE })).body.canRate).toBe(true)

    w.ctx.clock.advance(29 * DAY)
    const ok = await act(w, 'rate', onTime)
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ status: 'rated', rating: 5, ratingComment: '很耐心', canRate: false })
    expect(ok.body.events.at(-1)).toMatchObject({ kind: 'rated', actor: 'resident' })
    const told = await w.ctx.db.selectFrom('notices').select('user_id').where('kind', '=', 'request_rated').execute()
    expect(told.map((n) => n.user_id).sort()).toEqual([w.leader.user.id, w.coLeader.user.id].sort())
    const again = await act(w, 'rate', onTime)
    expect([again.status, again.body.error.code]).toEqual([409, 'request_not_allowed'])

    w.ctx.clock.advance(DAY + 60_000)
    expect((await anon.post('/api/requests/lookup', { number: late.number, phone: PHONE })).body.canRate).toBe(false)
    const closed = await act(w, 'rate', late)
    expect([closed.status, closed.body.error.code]).toEqual([409, 'rating_closed'])
    const row = await w.ctx.db
      .selectFrom('service_requests')
      .select(['status', 'rating'])
      .where('id', '=', late.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'done', rating: null })
  })
})

describe('assigning volunteers makes a shift', () => {
  it('a service at the hub, one shift with a slot per person, each assigned and told; once only', async () => {
    const w = await world()
    const r = await w.request('accepted')
    const stranger: Person = await person(w.ctx)
    const notOnTeam = await w.leader.a.post(`/api/lead/requests/${r.id}/shift`, shiftBody(w, [w.member.user.id, stranger.user.id]))
    expect([notOnTeam.status, notOnTeam.body.error.code]).toEqual([403, 'not_team_member'])
    const tooShort = await w.leader.a.post(`/api/lead/requests/${r.id}/shift`, {
      ...shiftBody(w),
      endsAt: '2026-12-02T01:05:00.000Z',
    })
    expect([tooShort.status, tooShort.body.error.code]).toEqual([422, 'shift_too_short'])
    expect(await w.ctx.db.selectFrom('volunteer_services').select('id').execute()).toEqual([])

    const res = await w.leader.a.post(
      `/api/lead/requests/${r.id}/shift`,
      shiftBody(w, [w.member.user.id, w.coLeader.user.id, w.leader.user.id]),
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.status).toBe('accepted')
    expect(res.body.events.at(-1)).toMatchObject({ kind: 'assigned', actor: 'leader' })
    const shift = await w.ctx.db.selectFrom('shifts').selectAll().where('id', '=', res.body.shiftId).executeTakeFirstOrThrow()
    expect(shift).toMatchObject({
      team_id: w.team.id,
      slots: 3,
      places_taken: 3,
      required_skills_mask: 0,
      status: 'open',
      region_code: '110108010',
    })
    expect(shift.starts_at).toBe('2026-12-02T01:00:00.000Z')
    const service = await w.ctx.db.selectFrom('volunteer_services').selectAll().where('id', '=', shift.service_id).executeTakeFirstOrThrow()
    expect(service).toMatchObject({
      title: `居民点单 ${r.number}`,
      description: '想请医生讲讲高血压的日常管理',
      hub_id: w.hub.id,
      venue_address: w.hub.address,
      region_code: '110108010',
      team_id: w.team.id,
    })
    const signups = await w.ctx.db.selectFrom('shift_signups').selectAll().where('shift_id', '=', shift.id).execute()
    expect(signups.map((s) => s.user_id).sort()).toEqual([w.member.user.id, w.coLeader.user.id, w.leader.user.id].sort())
    for (const s of signups) expect(s).toMatchObject({ status: 'signed_up', source: 'assigned', assigned_by: w.leader.user.id })
    // told like a leader's assignment: everyone but the leader who assigned
    const told = await w.ctx.db.selectFrom('notices').select('user_id').where('kind', '=', 'shift_assigned').execute()
    expect(told.map((n) => n.user_id).sort()).toEqual([w.member.user.id, w.coLeader.user.id].sort())
    // the resident sees when
    const track = await w.ctx.agent().post('/api/requests/lookup', { number: r.number, phone: PHONE })
    expect(track.body).toMatchObject({ scheduledStartsAt: shift.starts_at, scheduledEndsAt: shift.ends_at })

    const second = await w.leader.a.post(`/api/lead/requests/${r.id}/shift`, shiftBody(w))
    expect([second.status, second.body.error.code]).toEqual([409, 'request_not_allowed'])
    // a re-dispatch clears the shift link
    const again = await act(w, 'dispatch', r)
    expect(again.body.shiftId).toBeNull()
  })
})

describe('dispatch suggestions', () => {
  it('ranks the hub’s city teams and its organisation’s by skill, then distance; inactive teams and other cities are left out', async () => {
    const w = await world()
    const db = w.ctx.db
    const county = await makeTeam(db, { orgId: 'cast-110108', regionCode: '110108', skills: ['health'], name: '海淀区健康队' })
    const city = await makeTeam(db, { orgId: 'cast-110105', regionCode: '110105', skills: ['health', 'first_aid'], name: '朝阳区健康队' })
    await makeTeam(db, { orgId: 'cast-110108', regionCode: '110108010', skills: ['health'], status: 'closed', name: '已关闭队' })
    await makeTeam(db, { orgId: 'cast-370783', regionCode: '370783', skills: ['health'], name: '寿光市健康队' })
    const r = await w.request('ordered', { category: 'health' })
    const res = await w.admin.a.get(`/api/admin/requests/${r.id}/suggestions`)
    expect(res.status).toBe(200)
    const ids = res.body.items.map((i: { teamId: string }) => i.teamId)
    // health teams: township (w.team), county, city; then those without the skill (朝阳区科普 in the city)
    expect(ids).toEqual([w.team.id, county.id, city.id, w.otherTeam.id])
    expect(res.body.items[0]).toMatchObject({ matchedSkills: ['health'], wantedSkills: ['health'], distance: 'township', memberCount: 3 })
    expect(res.body.items[2]).toMatchObject({ distance: 'city', orgName: expect.stringContaining('朝阳') })
  })
})
