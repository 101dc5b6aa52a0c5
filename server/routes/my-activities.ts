/**
 * The person's own side of activities: "我的活动" (upcoming, waitlisted, attended with hours,
 * cancelled) and the personal calendar feed. The feed is read by calendar apps, which cannot send
 * our cookie, so it is authorised by a revocable secret token in its URL instead of a session
 * (its route declares `access.calendarToken`; the others `access.member`).
 */
import { createRoute, z } from '@hono/zod-openapi'
import { CalendarFeedQuery, CalendarToken, MyActivities, type RegistrationStatus } from '../../shared/schemas/activity'
import { creditedHours } from '../../shared/rules/activity'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { DomainError } from '../errors'
import { currentUser } from '../middleware/session'
import { renderCalendar } from '../domain/ics'
import { publicOrigin } from '../public-origin'
import { audit } from '../domain/audit'
import { toActivityListItem } from '../db/activity.repository'
import { toRegistration } from '../db/activity-registration.repository'
import { myActivityRows, registrationOf } from '../db/activity-attendance.repository'
import { feedActivities, issueCalendarToken, userIdByCalendarToken } from '../db/activity-calendar.repository'
import { revokeCalendarFeed } from '../domain/calendar-feed'
import { activityEvent } from './activities'

const FEED_PREFIX: Partial<Record<RegistrationStatus, string>> = { waitlisted: '[候补] ', pending_approval: '[待审核] ' }

export function myActivityRoutes({ db, clock, config }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listMyActivities',
      method: 'get',
      path: '/activities',
      tags: ['activities', 'me'],
      summary: '我的活动: upcoming, waitlisted, attended (with hours), cancelled',
      responses: { 200: { description: 'the lists', ...json(MyActivities) }, 401: refusal('not logged in') },
    }),
    async (c) => {
      const user = currentUser(c)
      const now = clock.now().toISOString()
      const { registrations, walkIns } = await myActivityRows(db, user.id)
      const out: MyActivities = { upcoming: [], waitlisted: [], attended: [], cancelled: [], attendedHours: 0 }
      for (const r of registrations) {
        const item = {
          activity: toActivityListItem(r),
          registration: toRegistration(registrationOf(r, user.id), null),
          checkedInAt: r.checked_in_at,
        }
        if (r.checked_in_at) out.attended.push(item)
        else if (r.status === 'cancelled' || r.r_status === 'cancelled' || r.r_status === 'rejected') out.cancelled.push(item)
        else if (r.r_status === 'waitlisted') out.waitlisted.push(item)
        else if (r.ends_at >= now) out.upcoming.push(item)
      }
      for (const w of walkIns) out.attended.push({ activity: toActivityListItem(w), registration: null, checkedInAt: w.checked_in_at })
      // credit hours only for a check-in inside the check-in window (shared/rules/activity.ts)
      out.attendedHours = out.attended.reduce((sum, i) => sum + creditedHours(i.activity, i.checkedInAt), 0)
      return c.json(out, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'issueCalendarToken',
      method: 'post',
      path: '/calendar-token',
      tags: ['activities', 'me'],
      summary:
        'Issue the personal calendar feed token (shown once; any earlier token stops working, as it does after a password change or ending my other sessions)',
      responses: { 201: { description: 'the token and the feed path', ...json(CalendarToken) }, 401: refusal('not logged in') },
    }),
    async (c) => {
      const user = currentUser(c)
      const token = await issueCalendarToken(db, user.id, clock.now())
      await audit(db, { actorId: user.id, action: 'calendar.token_issue', target: user.id, at: clock.now() })
      return c.json({ token, path: `/api/me/calendar.ics?token=${token}` }, 201)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'revokeCalendarToken',
      method: 'delete',
      path: '/calendar-token',
      tags: ['activities', 'me'],
      summary: 'Revoke the personal calendar feed token',
      responses: { 204: { description: 'revoked (or there was none)' }, 401: refusal('not logged in') },
    }),
    async (c) => {
      const user = currentUser(c)
      await revokeCalendarFeed(db, user.id, clock.now())
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      ...access.calendarToken,
      operationId: 'getMyCalendarFeed',
      method: 'get',
      path: '/calendar.ics',
      tags: ['activities', 'me'],
      summary: 'Personal calendar feed (authorised by its token; no personal data inside)',
      request: { query: CalendarFeedQuery },
      responses: {
        200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } },
        400: refusal('malformed token'),
        401: refusal('unknown or revoked token'),
      },
    }),
    async (c) => {
      const userId = await userIdByCalendarToken(db, c.req.valid('query').token)
      if (!userId) throw new DomainError('unauthorized', 'this calendar link is not valid (any more); make a new one in the app')
      const rows = await feedActivities(db, userId, clock.now())
      const origin = publicOrigin(c, config)
      const events = rows.map((r) => activityEvent(r, origin, FEED_PREFIX[r.r_status] ?? ''))
      return c.body(renderCalendar(events, { now: clock.now(), name: '科技工作者之家 · 我的活动' }), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        // the token is in the URL: keep it out of shared caches and referrers
        'cache-control': 'private, no-store',
        'referrer-policy': 'no-referrer',
      })
    },
  )

  return app
}
