/**
 * The personal calendar feed (issue 10 should-fix): its token stops working on a password change
 * and on "end my other sessions", its own Referrer-Policy survives the global headers, and its
 * event links are absolute (configured PUBLIC_ORIGIN, else the request's own origin).
 */
import { describe, expect, it } from 'vitest'
import { beijingContext, makeActivity, makeBeijing, makeContext, person, register } from './fixtures'

const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n')

describe('calendar feed token', () => {
  it('stops working after a password change (audited)', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const issued = await p.a.post('/api/me/calendar-token')
    expect((await ctx.app.request(issued.body.path)).status).toBe(200)
    expect((await p.a.post('/api/auth/password', { currentPassword: p.user.password, newPassword: 'New-pass-2026' })).status).toBe(200)
    expect((await ctx.app.request(issued.body.path)).status).toBe(401)
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'calendar.token_revoke').execute()
    expect(audit).toHaveLength(1)
  })

  it('stops working after "end my other sessions"; a new one works', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const issued = await p.a.post('/api/me/calendar-token')
    expect((await p.a.post('/api/me/sessions/end-others')).status).toBe(200)
    expect((await ctx.app.request(issued.body.path)).status).toBe(401)
    const again = await p.a.post('/api/me/calendar-token')
    expect((await ctx.app.request(again.body.path)).status).toBe(200)
  })
})

describe('calendar feed answer', () => {
  it('keeps its own Referrer-Policy: no-referrer; other answers keep the global one', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const issued = await p.a.post('/api/me/calendar-token')
    const feed = await ctx.app.request(issued.body.path)
    expect(feed.headers.get('referrer-policy')).toBe('no-referrer')
    expect(feed.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await ctx.app.request('/api/health')).headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
  })

  it('links each event absolutely: the request origin by default, PUBLIC_ORIGIN when configured', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const act = await makeActivity(ctx.db, { title: '讲座' })
    await register(p, act.id)
    const issued = await p.a.post('/api/me/calendar-token')
    expect(unfold(await (await ctx.app.request(issued.body.path)).text())).toContain(`URL:http://localhost/activities/${act.id}`)
    const one = unfold(await (await ctx.app.request(`/api/activities/${act.id}/ics`, { headers: { host: 'kexie.test:8080' } })).text())
    expect(one).toContain(`URL:http://kexie.test:8080/activities/${act.id}`)

    const configured = await makeContext({ publicOrigin: 'https://kexie.example.cn' })
    await makeBeijing(configured.db)
    const row = await makeActivity(configured.db, { title: '讲座' })
    const text = await (await configured.app.request(`/api/activities/${row.id}/ics`, { headers: { host: 'evil.example' } })).text()
    expect(unfold(text)).toContain(`URL:https://kexie.example.cn/activities/${row.id}`)
  })
})
