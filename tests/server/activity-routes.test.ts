/** REST: publish / edit / cancel (organisers only, validated, audited), discovery and the activity page. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { admin, beijingContext, cancel, makeActivity, person, pulled, register } from './fixtures'

const input = (over: Record<string, unknown> = {}) => ({
  orgId: 'cast-110108',
  kind: 'popularization',
  title: '青少年科普开放日',
  description: '带孩子来看机器人',
  venueAddress: '海淀区科技馆',
  startsAt: '2026-12-12T02:00:00Z',
  endsAt: '2026-12-12T05:00:00Z',
  registrationOpensAt: '2026-11-28T00:00:00Z',
  registrationClosesAt: '2026-12-11T12:00:00Z',
  capacity: 2,
  creditHours: 1.5,
  ...over,
})

describe('POST /api/activities', () => {
  it('lets an admin of the organiser (or above) publish, audited; the region comes from the organiser', async () => {
    const ctx = await beijingContext()
    const county = await admin(ctx, 'cast-110108')
    const res = await county.a.post('/api/activities', input())
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      orgId: 'cast-110108',
      regionCode: '110108',
      status: 'published',
      placesLeft: 2,
      startsAt: '2026-12-12T02:00:00.000Z',
      orgName: '北京市海淀区科学技术协会',
    })
    const entry = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'activity.publish').executeTakeFirst()
    expect(entry).toMatchObject({ actor_id: county.user.id, org_id: 'cast-110108', target: res.body.id })
    const province = await admin(ctx, 'cast-11')
    expect((await province.a.post('/api/activities', input())).status).toBe(201)
  })

  it('refuses a logged-out caller (401), a member (403) and an admin of another organisation (403)', async () => {
    const ctx = await beijingContext()
    expect((await ctx.agent().post('/api/activities', input())).status).toBe(401)
    const member = await person(ctx)
    expect((await member.a.post('/api/activities', input())).body.error.code).toBe('forbidden')
    const chaoyang = await admin(ctx, 'cast-110105')
    const res = await chaoyang.a.post('/api/activities', input())
    expect(res.status).toBe(403)
    expect(await ctx.db.selectFrom('activities').select('id').execute()).toHaveLength(0)
  })

  it('answers bad input with 400 and instants out of order with 422', async () => {
    const ctx = await beijingContext()
    const a = await admin(ctx, 'cast-110108')
    for (const bad of [
      { capacity: 0 },
      { kind: 'party' },
      { title: '' },
      { startsAt: 'tomorrow' },
      { orgId: 'Not An Id' },
      { extra: true },
    ]) {
      const res = await a.a.post('/api/activities', input(bad))
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect((await a.a.post('/api/activities', '{not json')).status).toBe(400)
    const inverted = await a.a.post('/api/activities', input({ endsAt: '2026-12-12T01:00:00Z' }))
    expect(inverted).toMatchObject({ status: 422, body: { error: { code: 'ends_before_start' } } })
    expect((await a.a.post('/api/activities', input({ registrationClosesAt: '2026-12-13T00:00:00Z' }))).body.error.code).toBe(
      'registration_closes_after_end',
    )
    expect((await a.a.post('/api/activities', input({ orgId: 'no-such-org' }))).status).toBe(404)
    expect((await a.a.post('/api/activities', input({ regionCode: '990000' }))).body.error.code).toBe('unknown_region')
  })
})

describe('PATCH and cancel', () => {
  it('edits (organiser only); raising capacity lets the waitlist in; lowering below taken is refused', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { capacity: 1 })
    const [a, b] = [await person(ctx), await person(ctx)]
    const idb = randomUUID()
    await register(a, act.id)
    await register(b, act.id, idb)
    const other = await admin(ctx, 'cast-110105')
    expect((await other.a.request('PATCH', `/api/activities/${act.id}`, { capacity: 5 })).status).toBe(403)
    expect((await a.a.request('PATCH', `/api/activities/${act.id}`, { capacity: 5 })).status).toBe(403)
    expect((await ctx.agent().request('PATCH', `/api/activities/${act.id}`, { capacity: 5 })).status).toBe(401)
    const org = await admin(ctx, 'cast-110108')
    expect((await org.a.request('PATCH', `/api/activities/${act.id}`, {})).status).toBe(400)
    expect((await org.a.request('PATCH', `/api/activities/${act.id}`, { capacity: -1 })).status).toBe(400)
    expect((await org.a.request('PATCH', `/api/activities/not-a-uuid`, { capacity: 2 })).status).toBe(400)
    expect((await org.a.request('PATCH', `/api/activities/${randomUUID()}`, { capacity: 2 })).status).toBe(404)
    const res = await org.a.request('PATCH', `/api/activities/${act.id}`, { capacity: 2, title: '人工智能前沿讲座（扩容）' })
    expect(res).toMatchObject({ status: 200, body: { capacity: 2, placesTaken: 2, placesLeft: 0, waitlistCount: 0 } })
    // fields not sent stay as they were
    expect(res.body).toMatchObject({
      description: '主讲：某研究员；欢迎会员参加',
      creditHours: 2,
      audience: 'public',
      requiresApproval: false,
    })
    expect((await pulled(b, 'registrations')).get(idb)).toMatchObject({ status: 'registered' })
    expect((await pulled(b, 'activities')).get(act.id)).toMatchObject({ title: '人工智能前沿讲座（扩容）' })
    expect((await org.a.request('PATCH', `/api/activities/${act.id}`, { capacity: 1 })).body.error.code).toBe('capacity_below_taken')
  })

  it('cancels (organiser only, once); registrants see it on their next pull and cannot register any more', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db)
    const a = await person(ctx)
    await register(a, act.id)
    expect((await a.a.post(`/api/activities/${act.id}/cancel`)).status).toBe(403)
    const org = await admin(ctx, 'cast-11')
    expect((await org.a.post(`/api/activities/${act.id}/cancel`, { reason: 'x'.repeat(300) })).status).toBe(400)
    expect((await org.a.post(`/api/activities/${act.id}/cancel`, { reason: '场地检修' })).body).toMatchObject({
      status: 'cancelled',
      cancelReason: '场地检修',
    })
    const entry = await ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'activity.cancel').executeTakeFirstOrThrow()
    expect(JSON.parse(entry.detail!)).toEqual({ reason: '场地检修' })
    expect((await org.a.post(`/api/activities/${act.id}/cancel`)).status).toBe(409)
    expect((await org.a.request('PATCH', `/api/activities/${act.id}`, { capacity: 50 })).status).toBe(409)
    expect((await pulled(a, 'activities')).get(act.id)).toMatchObject({ status: 'cancelled', cancelReason: '场地检修' })
    expect(await register(await person(ctx), act.id)).toMatchObject({ status: 'rejected', code: 'activity_cancelled' })
  })
})

describe('GET /api/activities (public discovery)', () => {
  it('lists near a region: its chain of parents, its subtree and national; with places left; paged', async () => {
    const ctx = await beijingContext()
    const mk = (regionCode: string | null, startsAt: string, orgId = 'cast-110108') =>
      makeActivity(ctx.db, { regionCode, orgId, startsAt, endsAt: startsAt.replace('T06', 'T09') })
    const haidian = await mk('110108', '2026-12-03T06:00:00.000Z')
    const street = await mk('110108010', '2026-12-02T06:00:00.000Z', 'cast-110108010')
    const beijing = await mk('11', '2026-12-04T06:00:00.000Z', 'cast-11')
    const national = await mk(null, '2026-12-05T06:00:00.000Z', 'society-1')
    await mk('110105', '2026-12-01T06:00:00.000Z', 'cast-110105') // 朝阳: not near 海淀
    await mk('370783', '2026-12-01T06:00:00.000Z', 'cast-370783')
    await mk('110108', '2026-11-20T06:00:00.000Z') // over already
    const anon = ctx.agent()
    const res = await anon.get('/api/activities?near=1&region=110108')
    expect(res.status).toBe(200)
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([street.id, haidian.id, beijing.id, national.id])
    expect(res.body.items[0]).toMatchObject({ placesLeft: 30, orgName: '海淀区中关村街道科学技术协会' })
    // a person in a street sees the street, 海淀, 北京 and national (not a neighbouring street)
    const p = await person(ctx, { regionCode: '110108010' })
    const mine = await p.a.get('/api/activities?near=1&pageSize=2')
    expect(mine.body).toMatchObject({ hasMore: true, pageSize: 2 })
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([street.id, haidian.id])
    const page2 = await p.a.get('/api/activities?near=1&pageSize=2&page=2')
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([beijing.id, national.id])
    expect((await anon.get('/api/activities?org=society-1')).body.items).toHaveLength(1)
    expect((await anon.get('/api/activities?kind=training')).body.items).toHaveLength(0)
    expect(
      (await anon.get('/api/activities?from=2026-12-04T00:00:00Z&to=2026-12-05T00:00:00Z')).body.items.map((i: { id: string }) => i.id),
    ).toEqual([beijing.id])
  })

  it('answers bad queries with 400', async () => {
    const ctx = await beijingContext()
    const anon = ctx.agent()
    for (const q of ['near=yes', 'near=1', 'region=1', 'kind=party', 'from=yesterday', 'page=0', 'pageSize=1000', 'org=BAD ID']) {
      const res = await anon.get(`/api/activities?${q}`)
      expect(res.status, q).toBe(400)
      expect(res.body.error.code, q).toBe(q === 'near=1' ? 'region_required' : q.startsWith('region=') ? 'invalid_region' : 'invalid_input')
    }
    expect((await anon.get('/api/activities/not-a-uuid')).status).toBe(400)
    expect((await anon.get(`/api/activities/${randomUUID()}`)).status).toBe(404)
  })

  it('the activity page shows the caller’s own registration; cancelled ones drop out of discovery', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { capacity: 3 })
    const p = await person(ctx)
    const id = randomUUID()
    await register(p, act.id, id)
    expect((await p.a.get(`/api/activities/${act.id}`)).body).toMatchObject({ placesLeft: 2, myRegistration: { id, status: 'registered' } })
    expect((await ctx.agent().get(`/api/activities/${act.id}`)).body.myRegistration).toBeNull()
    await cancel(p, id)
    expect((await p.a.get(`/api/activities/${act.id}`)).body).toMatchObject({ placesLeft: 3, myRegistration: null })
    await ctx.db.updateTable('activities').set({ status: 'cancelled' }).where('id', '=', act.id).execute()
    expect((await ctx.agent().get('/api/activities')).body.items).toHaveLength(0)
  })

  it('is described in the OpenAPI document', async () => {
    const ctx = await beijingContext()
    const doc = (await ctx.agent().get('/api/openapi.json')).body
    for (const path of [
      '/api/activities',
      '/api/activities/{id}',
      '/api/activities/{id}/cancel',
      '/api/activities/{id}/ics',
      '/api/activities/{id}/attendance',
      '/api/activities/{id}/attendance.csv',
      '/api/me/activities',
      '/api/me/calendar.ics',
      '/api/me/calendar-token',
    ]) {
      expect(doc.paths[path], path).toBeDefined()
    }
  })
})
