import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../deps'
import type { AppEnv } from '../env'
import { findUserById } from '../db/user.repository'
import { deleteSession, findSession, sessionIdOf, touchSession } from '../db/session.repository'
import { unauthorized } from '../errors'
import type { DB } from '../db/database'
import type { UserRow } from '../db/database.types'

export const cookieName = (secure: boolean) => (secure ? '__Host-sh_session' : 'sh_session')

/** Reads the session cookie, enforces idle and absolute timeouts, and sets `user` (or null). */
export const loadSession = ({ db, clock, config }: AppDeps): MiddlewareHandler<AppEnv> =>
  async function loadSession(c, next) {
    c.set('user', null)
    c.set('sessionId', null)
    const token = getCookie(c, cookieName(config.secureCookies))
    if (token) {
      const id = sessionIdOf(token)
      const session = await findSession(db, id)
      const now = clock.now()
      const idleMs = session ? now.getTime() - new Date(session.last_seen_at).getTime() : Infinity
      if (session && now.toISOString() < session.expires_at && idleMs < config.sessionIdleMs) {
        const user = await findUserById(db, session.user_id)
        // Admins get the shorter idle limit; asked only when it matters, so most requests skip the query.
        const adminTimedOut = user && idleMs >= config.adminSessionIdleMs && (await isAdmin(db, user))
        if (adminTimedOut) {
          await deleteSession(db, id)
          clearSessionCookie(c, config.secureCookies)
        } else if (user) {
          c.set('user', user)
          c.set('sessionId', id)
          // Write at most once a minute: the idle clock needs no finer grain.
          if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) await touchSession(db, id, now)
        }
      } else {
        if (session) await deleteSession(db, id)
        clearSessionCookie(c, config.secureCookies)
      }
    }
    await next()
  }

/** An admin for session purposes (the shorter idle timeout): a system admin, or an active admin or organiser membership anywhere. */
async function isAdmin(db: DB, user: UserRow): Promise<boolean> {
  if (user.system_role === 'system_admin') return true
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', user.id)
    .where('role', 'in', ['admin', 'organiser'])
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export function setSessionCookie(c: Context, token: string, secure: boolean, maxAgeMs: number) {
  setCookie(c, cookieName(secure), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  })
}

export function clearSessionCookie(c: Context, secure: boolean) {
  deleteCookie(c, cookieName(secure), { path: '/', secure })
}

/** Refuses callers without a session (401). */
export const requireUser = (): MiddlewareHandler<AppEnv> =>
  async function requireUser(c, next) {
    if (!c.get('user')) throw unauthorized()
    await next()
  }

/** The logged-in user; call only behind requireUser. */
export function currentUser(c: Context<AppEnv>) {
  const user = c.get('user')
  if (!user) throw unauthorized()
  return user
}
