/** iCalendar: RFC 5545 basics for one activity, and the personal feed behind a revocable token. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { escapeText, foldLine, renderCalendar } from '../../server/domain/ics'
import { beijingContext, makeActivity, person, register } from './fixtures'

/** Unfolds (CRLF + space) and splits into content lines. */
const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n')

describe('ics rendering', () => {
  it('escapes TEXT, writes UTC times and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne')
    const long = `SUMMARY:${'科'.repeat(60)}`
    const folded = foldLine(long)
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(folded.replace(/\r\n /g, '')).toBe(long)
    const text = renderCalendar(
      [
        {
          uid: 'u1',
          title: '讲座: AI, 未来; 展望',
          description: '第一行\n第二行',
          location: '海淀',
          startsAt: '2026-12-10T14:00:00+08:00',
          endsAt: '2026-12-10T16:00:00+08:00',
          updatedAt: '2026-11-20T00:00:00Z',
          cancelled: false,
          sequence: 3,
        },
      ],
      { now: new Date('2026-11-28T08:00:00Z') },
    )
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/) // every line break is a CRLF
    const lines = unfold(text)
    expect(lines).toContain('DTSTART:20261210T060000Z')
    expect(lines).toContain('DTEND:20261210T080000Z')
    expect(lines).toContain('SUMMARY:讲座: AI\\, 未来\\; 展望')
    expect(lines).toContain('DESCRIPTION:第一行\\n第二行')
    expect(lines).toContain('DTSTAMP:20261128T080000Z')
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0'])
  })
})

describe('GET /api/activities/:id/ics', () => {
  it('serves one activity as text/calendar; cancelled shows STATUS:CANCELLED', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { title: '科普讲座, 第1期' })
    const res = await ctx.app.request(`/api/activities/${act.id}/ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/calendar')
    const lines = unfold(await res.text())
    expect(lines).toContain(`UID:activity-${act.id}@scientists-home`)
    expect(lines).toContain('SUMMARY:科普讲座\\, 第1期')
    expect(lines).toContain('DTSTART:20261210T060000Z')
    expect(lines).toContain('STATUS:CONFIRMED')
    await ctx.db.updateTable('activities').set({ status: 'cancelled' }).where('id', '=', act.id).execute()
    expect(unfold(await (await ctx.app.request(`/api/activities/${act.id}/ics`)).text())).toContain('STATUS:CANCELLED')
    expect((await ctx.app.request(`/api/activities/${randomUUID()}/ics`)).status).toBe(404)
    expect((await ctx.app.request('/api/activities/x/ics')).status).toBe(400)
  })
})

describe('personal calendar feed', () => {
  it('works with the token and no cookie, never carries the phone, and stops when revoked or replaced', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const a1 = await makeActivity(ctx.db, { title: '活动一', capacity: 1 })
    const a2 = await makeActivity(ctx.db, { title: '活动二', capacity: 0 + 1 })
    const other = await person(ctx)
    await register(other, a2.id)
    await register(p, a1.id)
    await register(p, a2.id) // waitlisted
    await makeActivity(ctx.db, { title: '未报名的活动' })
    expect((await ctx.agent().post('/api/me/calendar-token')).status).toBe(401)
    const issued = await p.a.post('/api/me/calendar-token')
    expect(issued.status).toBe(201)
    const feed = await ctx.app.request(issued.body.path)
    expect(feed.status).toBe(200)
    const text = await feed.text()
    const lines = unfold(text)
    expect(lines).toContain('SUMMARY:活动一')
    expect(lines).toContain('SUMMARY:[候补] 活动二')
    expect(text).not.toContain('未报名的活动')
    expect(text).not.toContain(p.user.phone)
    expect(feed.headers.get('cache-control')).toContain('no-store')
    // bad and unknown tokens
    expect((await ctx.app.request('/api/me/calendar.ics?token=short')).status).toBe(400)
    expect((await ctx.app.request('/api/me/calendar.ics')).status).toBe(400)
    expect((await ctx.app.request(`/api/me/calendar.ics?token=${'x'.repeat(32)}`)).status).toBe(401)
    // a new token replaces the old one; revoking ends it
    const again = await p.a.post('/api/me/calendar-token')
    expect((await ctx.app.request(issued.body.path)).status).toBe(401)
    expect((await ctx.app.request(again.body.path)).status).toBe(200)
    expect((await p.a.request('DELETE', '/api/me/calendar-token')).status).toBe(204)
    expect((await ctx.app.request(again.body.path)).status).toBe(401)
  })
})
