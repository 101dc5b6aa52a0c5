import { createRoute } from '@hono/zod-openapi'
import { sql } from 'kysely'
import { EndedSessions, SessionIdParam, SessionList } from '../../shared/schemas/account'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { notFound } from '../errors'
import { clearSessionCookie, currentUser } from '../middleware/session'
import { audit } from '../domain/audit'
import { revokeCalendarFeed } from '../domain/calendar-feed'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
}
/** Sessions are named by the first 12 characters of their id (sha256 of the token; not the token). */
const PREFIX = 12
const prefixOf = (id: string) => id.slice(0, PREFIX)

/** A person's own sessions (devices): list them, end one, end all but this one. */
export function sessionRoutes({ db, clock, config }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listMySessions',
      method: 'get',
      path: '/',
      tags: ['me'],
      summary: 'My live sessions (devices), most recently used first',
      responses: { 200: { description: 'sessions', ...json(SessionList) }, 401: refusals[401] },
    }),
    async (c) => {
      const user = currentUser(c)
      const now = clock.now()
      const idleSince = new Date(now.getTime() - config.sessionIdleMs).toISOString()
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', user.id)
        .where('expires_at', '>', now.toISOString())
        .where('last_seen_at', '>', idleSince)
        .orderBy('last_seen_at', 'desc')
        .execute()
      const current = c.get('sessionId')
      const items = rows.map((r) => ({
        id: prefixOf(r.id),
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        userAgent: r.user_agent,
        current: r.id === current,
      }))
      return c.json({ items }, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'endMySession',
      method: 'post',
      path: '/{id}/end',
      tags: ['me'],
      summary: 'End one of my sessions (ending the current one logs this device out)',
      request: { params: SessionIdParam },
      responses: {
        200: { description: 'ended', ...json(EndedSessions) },
        ...refusals,
        // Another person's session answers exactly like a missing one: nothing leaks.
        404: refusal('no such session of mine'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { id } = c.req.valid('param')
      const match = await db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .where(sql<string>`substr(id, 1, ${PREFIX})`, '=', id)
        .execute()
      if (match.length !== 1) throw notFound('session')
      const target = match[0]!.id
      await writeTransaction(db, async (trx) => {
        await trx.deleteFrom('sessions').where('id', '=', target).where('user_id', '=', user.id).execute()
        await audit(trx, { actorId: user.id, action: 'session.end', target: user.id, detail: { session: id }, at: clock.now() })
      })
      if (target === c.get('sessionId')) clearSessionCookie(c, config.secureCookies)
      return c.json({ ended: 1 }, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'endMyOtherSessions',
      method: 'post',
      path: '/end-others',
      tags: ['me'],
      summary:
        'End every session of mine except this one (a lost phone, a kiosk I forgot to leave); the calendar feed link stops working too',
      responses: { 200: { description: 'ended', ...json(EndedSessions) }, 401: refusals[401] },
    }),
    async (c) => {
      const user = currentUser(c)
      const current = c.get('sessionId') ?? ''
      const ended = await writeTransaction(db, async (trx) => {
        const res = await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', current).executeTakeFirst()
        const n = Number(res.numDeletedRows)
        await audit(trx, { actorId: user.id, action: 'session.end_others', target: user.id, detail: { ended: n }, at: clock.now() })
        // The calendar feed link may be on the lost device too: it stops working; the app says so.
        await revokeCalendarFeed(trx, user.id, clock.now(), 'session.end_others')
        return n
      })
      return c.json({ ended }, 200)
    },
  )

  return app
}
