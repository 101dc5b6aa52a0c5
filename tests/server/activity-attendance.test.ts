/** The organiser's attendance list and CSV (masked phones unless an explicit right), and 我的活动. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { csvField } from '../../server/domain/csv'
import { maskPhone } from '../../shared/schemas/common'
import {
  admin,
  beijingContext,
  cancel,
  checkIn,
  longSessionContext,
  makeActivity,
  makeMembership,
  person,
  register,
  STARTS_SOON,
} from './fixtures'

describe('attendance', () => {
  it('lists registrants and walk-ins with masked phones; CSV masks too and is audited', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { ...STARTS_SOON, capacity: 1 })
    const a = await person(ctx, { name: '张三' })
    const b = await person(ctx, { name: '李四' })
    const ra = randomUUID()
    await register(a, act.id, ra)
    await register(b, act.id)
    const org = await admin(ctx, 'cast-110108')
    await checkIn(org, act.id, { phone: a.user.phone })
    await checkIn(org, act.id, { name: '=HYPERLINK("x")' })
    const res = await org.a.get(`/api/activities/${act.id}/attendance`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ registered: 1, waitlisted: 1, checkedIn: 2 })
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(['张三', '李四', '=HYPERLINK("x")'])
    expect(res.body.items[0]).toMatchObject({
      registrationId: ra,
      phone: maskPhone(a.user.phone),
      registrationStatus: 'registered',
      method: 'phone',
    })
    expect(res.body.items[2].registrationId).toBeNull() // a walk-in has no registration to decide on
    expect(JSON.stringify(res.body)).not.toContain(a.user.phone)

    const csv = await org.a.get(`/api/activities/${act.id}/attendance.csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    // Response.text() drops a BOM, so read the bytes: Excel needs EF BB BF to open Chinese UTF-8 right
    const raw = await ctx.app.request(`/api/activities/${act.id}/attendance.csv`, { headers: { cookie: org.a.cookie } })
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = csv.body as string
    const lines = text.split('\r\n')
    expect(lines).toHaveLength(5) // header, 3 people, trailing empty
    expect(lines[1]).toContain(`张三,${maskPhone(a.user.phone)}`)
    expect(text).not.toContain(a.user.phone)
    expect(text).toContain(`"'=HYPERLINK(""x"")"`) // a formula is neutralised and quoted
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', act.id)
      .where('action', 'like', 'activity.attendance%')
      .execute()
    expect(audits.map((x) => x.action)).toEqual(['activity.attendance.read', 'activity.attendance.export', 'activity.attendance.export'])
  })

  it('full phones only for a system admin; others are refused', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db)
    const a = await person(ctx)
    await register(a, act.id)
    const org = await admin(ctx, 'cast-110108')
    expect((await org.a.get(`/api/activities/${act.id}/attendance.csv?phones=full`)).status).toBe(403)
    expect((await org.a.get(`/api/activities/${act.id}/attendance.csv?phones=all`)).status).toBe(400)
    const sys = await person(ctx, { systemRole: 'system_admin' })
    const full = await sys.a.get(`/api/activities/${act.id}/attendance.csv?phones=full`)
    expect(full.status).toBe(200)
    expect(full.body).toContain(a.user.phone)
  })

  it('refuses logged-out callers, members and admins of other organisations', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db)
    const member = await person(ctx)
    await register(member, act.id)
    const other = await admin(ctx, 'cast-110105')
    for (const path of [`/api/activities/${act.id}/attendance`, `/api/activities/${act.id}/attendance.csv`]) {
      expect((await ctx.agent().get(path)).status).toBe(401)
      expect((await member.a.get(path)).status).toBe(403)
      expect((await other.a.get(path)).status).toBe(403)
    }
    const org = await admin(ctx, 'cast-110108')
    expect((await org.a.get('/api/activities/bad/attendance')).status).toBe(400)
    expect((await org.a.get(`/api/activities/${randomUUID()}/attendance`)).status).toBe(404)
  })

  it('csv fields are quoted when needed', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('+86')).toBe("'+86")
    expect(csvField(null)).toBe('')
  })
})

describe('GET /api/me/activities', () => {
  it('sorts into upcoming, waitlisted, attended (with hours) and cancelled', async () => {
    const ctx = await longSessionContext()
    const p = await person(ctx)
    const filler = await person(ctx)
    const upcoming = await makeActivity(ctx.db, { title: '将来' })
    const full = await makeActivity(ctx.db, { title: '满员', capacity: 1 })
    const attended = await makeActivity(ctx.db, {
      title: '已参加',
      creditHours: 3,
      startsAt: '2026-11-28T09:00:00.000Z',
      endsAt: '2026-11-28T11:00:00.000Z',
      closesAt: '2026-11-28T08:30:00.000Z',
    })
    const dropped = await makeActivity(ctx.db, { title: '取消报名' })
    const called = await makeActivity(ctx.db, { title: '活动取消' })
    await register(filler, full.id)
    for (const a of [upcoming, full, attended, called]) await register(p, a.id)
    const dropId = randomUUID()
    await register(p, dropped.id, dropId)
    await cancel(p, dropId)
    const org = await admin(ctx, 'cast-110108')
    await org.a.post(`/api/activities/${called.id}/cancel`)
    ctx.clock.advance(3600_000)
    await checkIn(org, attended.id, { phone: p.user.phone })
    // not registered there: shown their own member card at the door, which checks them in (hours included)
    const walkIn = await makeActivity(ctx.db, {
      title: '现场参加',
      creditHours: 1.5,
      startsAt: '2026-11-28T09:30:00.000Z',
      endsAt: '2026-11-28T10:30:00.000Z',
      closesAt: '2026-11-28T09:30:00.000Z',
    })
    await makeMembership(ctx.db, { userId: p.user.id, orgId: 'cast-110108' })
    const card = (await p.a.get('/api/cards')).body.cards[0]
    expect(await checkIn(org, walkIn.id, { card: card.qr })).toMatchObject({ status: 'applied' })
    expect((await ctx.agent().get('/api/me/activities')).status).toBe(401)
    const res = await p.a.get('/api/me/activities')
    expect(res.status).toBe(200)
    const titles = (k: string) => res.body[k].map((i: { activity: { title: string } }) => i.activity.title)
    expect(titles('upcoming')).toEqual(['将来'])
    expect(titles('waitlisted')).toEqual(['满员'])
    expect(titles('attended').sort()).toEqual(['已参加', '现场参加'].sort())
    expect(titles('cancelled').sort()).toEqual(['取消报名', '活动取消'].sort())
    expect(res.body.attendedHours).toBe(4.5)
  })
})
