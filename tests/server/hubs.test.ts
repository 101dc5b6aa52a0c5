/**
 * Hubs (issue 14): admins of the hub's organisation or above register, edit and close hubs (inside
 * the organisation's region), see them with their kiosks and issue enrolment codes; everyone reads
 * active hubs and a hub's page; activities and volunteer services take a hub (hubId).
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  admin,
  beijingContext,
  makeActivity,
  makeHub,
  makeKiosk,
  makeService,
  makeShift,
  makeTeam,
  person,
  teamPerson,
  type Ctx,
} from './fixtures'

const hubInput = (over: Record<string, unknown> = {}) => ({
  orgId: 'cast-110108010',
  kind: 'practice_institute',
  name: '中关村街道新时代文明实践所',
  address: '北京市海淀区中关村大街 27 号',
  regionCode: '110108010',
  openingHours: '周一至周五 9:00–17:00',
  ...over,
})

const activityInput = (over: Record<string, unknown> = {}) => ({
  orgId: 'cast-110108',
  kind: 'training',
  title: '科技志愿者服务能力培训',
  venueAddress: '海淀区科技馆',
  startsAt: '2026-12-12T02:00:00Z',
  endsAt: '2026-12-12T05:00:00Z',
  registrationOpensAt: '2026-11-28T00:00:00Z',
  registrationClosesAt: '2026-12-11T12:00:00Z',
  capacity: 20,
  ...over,
})

const patch = (a: ReturnType<Ctx['agent']>, path: string, body: unknown) => a.request('PATCH', path, body)

describe('admin hubs', () => {
  it('an admin of the organisation or above creates, reads, edits and closes a hub; each write is audited', async () => {
    const ctx = await beijingContext()
    const county = await admin(ctx, 'cast-110108')
    const created = await county.a.post('/api/admin/hubs', hubInput())
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({
      orgId: 'cast-110108010',
      name: '中关村街道新时代文明实践所',
      regionName: '北京市海淀区中关村街道',
      status: 'active',
    })
    const id = created.body.id as string

    const view = await county.a.get(`/api/admin/hubs/${id}`)
    expect(view.status).toBe(200)
    expect(view.body).toMatchObject({ hub: { id }, devices: [], liveCodes: 0, canManage: true })

    const edited = await patch(county.a, `/api/admin/hubs/${id}`, { openingHours: '每天 8:30–20:00' })
    expect(edited.status).toBe(200)
    expect(edited.body.openingHours).toBe('每天 8:30–20:00')
    expect(edited.body.version).toBeGreaterThan(created.body.version)
    const closed = await patch(county.a, `/api/admin/hubs/${id}`, { status: 'closed' })
    expect(closed.body.status).toBe('closed')

    const entries = await ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'target']).where('action', 'like', 'hub.%').execute()
    expect(entries).toEqual([
      { action: 'hub.create', actor_id: county.user.id, target: id },
      { action: 'hub.update', actor_id: county.user.id, target: id },
      { action: 'hub.update', actor_id: county.user.id, target: id },
    ])
  })

  it('refuses strangers, admins elsewhere and admins below; a hub outside the organisation’s region; an unknown region', async () => {
    const ctx = await beijingContext()
    const stranger = await person(ctx)
    const chaoyang = await admin(ctx, 'cast-110105')
    const street = await admin(ctx, 'cast-110108010')
    expect((await stranger.a.post('/api/admin/hubs', hubInput())).status).toBe(403)
    expect((await chaoyang.a.post('/api/admin/hubs', hubInput())).status).toBe(403)
    // a street admin cannot register a hub for the county above
    expect((await street.a.post('/api/admin/hubs', hubInput({ orgId: 'cast-110108', regionCode: '110108' }))).status).toBe(403)

    const outside = await street.a.post('/api/admin/hubs', hubInput({ regionCode: '110108011' }))
    expect(outside.status).toBe(422)
    expect(outside.body.error.code).toBe('region_outside_org')
    const unknown = await street.a.post('/api/admin/hubs', hubInput({ regionCode: '110108999' }))
    expect(unknown.body.error.code).toBe('unknown_region')

    const hub = await makeHub(ctx.db, { orgId: 'cast-110108010' })
    expect((await chaoyang.a.get(`/api/admin/hubs/${hub.id}`)).status).toBe(403)
    expect((await patch(chaoyang.a, `/api/admin/hubs/${hub.id}`, { name: '改名字试试' })).status).toBe(403)
    expect((await chaoyang.a.post(`/api/admin/hubs/${hub.id}/enrolment-codes`)).status).toBe(403)
    const moved = await patch(street.a, `/api/admin/hubs/${hub.id}`, { regionCode: '110105001' })
    expect(moved.body.error.code).toBe('region_outside_org')
    expect((await street.a.get(`/api/admin/hubs/${randomUUID()}`)).body.error.code).toBe('hub_not_found')
  })

  it('lists the hubs of an organisation’s subtree, or of the caller’s admin roots; a system admin sees all', async () => {
    const ctx = await beijingContext()
    const street = await makeHub(ctx.db, { orgId: 'cast-110108010', name: '中关村街道新时代文明实践所' })
    const county = await makeHub(ctx.db, {
      orgId: 'cast-110108',
      kind: 'practice_center',
      name: '海淀区新时代文明实践中心',
      regionCode: '110108',
    })
    const closed = await makeHub(ctx.db, { orgId: 'cast-110108', name: '已关闭的党群服务中心', status: 'closed', regionCode: '110108' })
    const other = await makeHub(ctx.db, { orgId: 'cast-110105', name: '朝阳区新时代文明实践中心', regionCode: '110105' })
    const haidian = await admin(ctx, 'cast-110108')
    const names = (body: { items: { id: string }[] }) => body.items.map((h) => h.id).sort()

    const mine = await haidian.a.get('/api/admin/hubs')
    expect(mine.status).toBe(200)
    expect(names(mine.body)).toEqual([street.id, county.id, closed.id].sort())
    expect(mine.body.total).toBe(3)
    const below = await haidian.a.get('/api/admin/hubs?orgId=cast-110108010')
    expect(names(below.body)).toEqual([street.id])
    expect((await haidian.a.get('/api/admin/hubs?orgId=cast-110105')).status).toBe(403)
    const byName = await haidian.a.get(`/api/admin/hubs?q=${encodeURIComponent('实践中心')}`)
    expect(names(byName.body)).toEqual([county.id])
    const byRegion = await haidian.a.get('/api/admin/hubs?regionCode=110108010')
    expect(names(byRegion.body)).toEqual([street.id])

    expect((await (await person(ctx)).a.get('/api/admin/hubs')).status).toBe(403)
    const root = await person(ctx, { systemRole: 'system_admin' })
    expect((await root.a.get('/api/admin/hubs')).body.total).toBe(4)
    expect(other.id).toBeTruthy()
  })

  it('shows a hub’s kiosks and its live codes to its admins', async () => {
    const ctx = await beijingContext()
    const hub = await makeHub(ctx.db)
    const kiosk = await makeKiosk(ctx, hub.id, { name: '一楼大厅' })
    const county = await admin(ctx, 'cast-110108')
    const code = await county.a.post(`/api/admin/hubs/${hub.id}/enrolment-codes`)
    expect(code.status).toBe(201)
    expect(code.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(code.body.expiresAt).toBe('2026-11-29T08:00:00.000Z')
    const view = await county.a.get(`/api/admin/hubs/${hub.id}`)
    expect(view.body.liveCodes).toBe(1)
    expect(view.body.devices).toEqual([
      { id: kiosk.id, name: '一楼大厅', deviceNo: kiosk.deviceNo, createdAt: expect.any(String), lastSeenAt: null, revokedAt: null },
    ])
    // the code itself is never stored
    const stored = await ctx.db.selectFrom('device_enrolment_codes').select('code_hash').executeTakeFirstOrThrow()
    expect(stored.code_hash).not.toContain(code.body.code.replace('-', ''))
    const entry = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'device.enrolment_code').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actor_id: county.user.id, target: hub.id })
    // a closed hub takes no new kiosks
    await patch(county.a, `/api/admin/hubs/${hub.id}`, { status: 'closed' })
    expect((await county.a.post(`/api/admin/hubs/${hub.id}/enrolment-codes`)).body.error.code).toBe('hub_closed')
  })
})

describe('public hub reads', () => {
  it('lists active hubs only, by organisation subtree, region or name; a closed hub’s page is 404', async () => {
    const ctx = await beijingContext()
    const open = await makeHub(ctx.db, { orgId: 'cast-110108010' })
    const closed = await makeHub(ctx.db, { orgId: 'cast-110108010', name: '旧实践站', status: 'closed' })
    const guest = ctx.agent()
    const list = await guest.get('/api/hubs?orgId=cast-110108')
    expect(list.status).toBe(200)
    expect(list.body.items.map((h: { id: string }) => h.id)).toEqual([open.id])
    expect((await guest.get('/api/hubs?regionCode=110105')).body.items).toEqual([])
    expect((await guest.get(`/api/hubs/${closed.id}`)).body.error.code).toBe('hub_not_found')
    expect((await guest.get(`/api/hubs/${randomUUID()}`)).status).toBe(404)
  })

  it('a hub’s page lists its published activities and open shifts of active teams that have not ended, soonest first', async () => {
    const ctx = await beijingContext()
    const hub = await makeHub(ctx.db)
    const setHub = (table: 'activities' | 'volunteer_services', id: string) =>
      ctx.db.updateTable(table).set({ hub_id: hub.id }).where('id', '=', id).execute()
    const later = await makeActivity(ctx.db, {
      title: '晚些的讲座',
      startsAt: '2026-12-20T06:00:00.000Z',
      endsAt: '2026-12-20T08:00:00.000Z',
    })
    const sooner = await makeActivity(ctx.db, { title: '早些的讲座' })
    const ended = await makeActivity(ctx.db, { title: '已结束', startsAt: '2026-11-20T06:00:00.000Z', endsAt: '2026-11-20T08:00:00.000Z' })
    const cancelled = await makeActivity(ctx.db, { title: '已取消', status: 'cancelled' })
    const elsewhere = await makeActivity(ctx.db, { title: '别处的讲座' })
    for (const a of [later, sooner, ended, cancelled]) await setHub('activities', a.id)

    const team = await makeTeam(ctx.db)
    const service = await makeService(ctx.db, { teamId: team.id, title: '社区健康科普讲解' })
    await setHub('volunteer_services', service.id)
    const shift = await makeShift(ctx.db, { serviceId: service.id, teamId: team.id, slots: 4 })
    await makeShift(ctx.db, { serviceId: service.id, teamId: team.id, status: 'cancelled' })
    const closedTeam = await makeTeam(ctx.db, { status: 'closed', name: '已关闭的队' })
    const closedService = await makeService(ctx.db, { teamId: closedTeam.id })
    await setHub('volunteer_services', closedService.id)
    await makeShift(ctx.db, { serviceId: closedService.id, teamId: closedTeam.id })

    const page = await ctx.agent().get(`/api/hubs/${hub.id}`)
    expect(page.status).toBe(200)
    expect(page.body.hub).toMatchObject({ id: hub.id, name: hub.name })
    expect(page.body.activities.map((a: { title: string }) => a.title)).toEqual(['早些的讲座', '晚些的讲座'])
    expect(page.body.shifts).toEqual([
      {
        id: shift.id,
        serviceTitle: '社区健康科普讲解',
        teamId: team.id,
        teamName: team.name,
        startsAt: shift.starts_at,
        endsAt: shift.ends_at,
        placesLeft: 4,
      },
    ])
    expect(elsewhere.id).toBeTruthy()
  })
})

describe('activities and volunteer services at a hub', () => {
  it('an activity takes an active hub inside the organiser’s region; else region_outside_org, hub_closed, hub_not_found', async () => {
    const ctx = await beijingContext()
    const hub = await makeHub(ctx.db)
    const chaoyangHub = await makeHub(ctx.db, { orgId: 'cast-110105', regionCode: '110105', name: '朝阳区新时代文明实践中心' })
    const closed = await makeHub(ctx.db, { status: 'closed', name: '关闭的实践站' })
    const organiser = await admin(ctx, 'cast-110108')

    const created = await organiser.a.post('/api/activities', activityInput({ hubId: hub.id }))
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.hubId).toBe(hub.id)
    expect((await organiser.a.post('/api/activities', activityInput({ hubId: chaoyangHub.id }))).body.error.code).toBe('region_outside_org')
    expect((await organiser.a.post('/api/activities', activityInput({ hubId: closed.id }))).body.error.code).toBe('hub_closed')
    expect((await organiser.a.post('/api/activities', activityInput({ hubId: randomUUID() }))).body.error.code).toBe('hub_not_found')

    const id = created.body.id as string
    expect((await patch(organiser.a, `/api/activities/${id}`, { hubId: chaoyangHub.id })).body.error.code).toBe('region_outside_org')
    const off = await patch(organiser.a, `/api/activities/${id}`, { hubId: null })
    expect(off.status).toBe(200)
    expect(off.body.hubId).toBeNull()
  })

  it('a volunteer service takes a hub inside its team’s organisation’s region, on create and on edit', async () => {
    const ctx = await beijingContext()
    const hub = await makeHub(ctx.db)
    const chaoyangHub = await makeHub(ctx.db, { orgId: 'cast-110105', regionCode: '110105', name: '朝阳区新时代文明实践中心' })
    const team = await makeTeam(ctx.db)
    const leader = await teamPerson(ctx, team.id, 'leader')
    const body = { title: '社区健康科普讲解', venueAddress: '中关村街道文明实践所二楼' }
    const created = await leader.a.post(`/api/lead/teams/${team.id}/services`, { ...body, hubId: hub.id })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.hubId).toBe(hub.id)
    const refused = await leader.a.post(`/api/lead/teams/${team.id}/services`, { ...body, hubId: chaoyangHub.id })
    expect(refused.body.error.code).toBe('region_outside_org')

    const plain = await leader.a.post(`/api/lead/teams/${team.id}/services`, body)
    expect(plain.body.hubId).toBeNull()
    const shift = await makeShift(ctx.db, { serviceId: plain.body.id, teamId: team.id })
    const moved = await patch(leader.a, `/api/lead/services/${plain.body.id}`, { hubId: hub.id })
    expect(moved.status).toBe(200)
    expect(moved.body.hubId).toBe(hub.id)
    // its shifts are re-stamped, so a kiosk of the hub hears of them
    const after = await ctx.db.selectFrom('shifts').select('version').where('id', '=', shift.id).executeTakeFirstOrThrow()
    expect(after.version).toBeGreaterThan(shift.version)
  })
})
