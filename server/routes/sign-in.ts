/**
 * What every way of signing in shares (password, SMS code) and what every way of setting a new
 * password shares (change, 忘记密码): the session cookie, the known-browser cookie, the limit keys,
 * and ending the other sessions and the calendar link after a new password.
 */
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../deps'
import type { LimitKey } from '../db/rate-limit.repository'
import { clearCounter, refundAttempts } from '../db/rate-limit.repository'
import { KNOWN_BROWSER_TTL_MS, knownBrowserId, rememberBrowser, touchBrowser } from '../db/known-browser.repository'
import { createSession, deleteSession, deleteUserSessions } from '../db/session.repository'
import { revokeCalendarFeed } from '../domain/calendar-feed'
import { setSessionCookie } from '../middleware/session'
import { clientIp } from '../middleware/client-ip'
import { audit, type AuditAction } from '../domain/audit'
import { toMe } from '../domain/me'

/** The cookie naming a browser this account logged in from before (see known-browser.repository.ts). */
const knownCookie = (secure: boolean) => (secure ? '__Host-sh_known' : 'sh_known')

/** The limits of one sign-in attempt, and how to spend them. */
export interface SignInAttempt {
  keys: LimitKey[]
  /** the hash gate's client and lane */
  client: string
  lane: 'known' | 'other'
  phoneKey: string
  ipKey: string
  known: string | null
}

export function signIn(deps: AppDeps) {
  const { db, clock, config } = deps

  async function startSession(c: Context, userId: string) {
    // A session this browser already had is ended, not carried over: a new id at every login.
    const previous = c.get('sessionId') as string | null | undefined
    if (previous) await deleteSession(db, previous)
    const { token } = await createSession(db, userId, clock.now(), config.sessionAbsoluteMs, c.req.header('user-agent') ?? null)
    setSessionCookie(c, token, config.secureCookies, config.sessionAbsoluteMs)
  }

  /** Marks this browser as known to the account: a long-lived cookie only the login reads. */
  async function rememberThisBrowser(c: Context, userId: string, now: Date) {
    const token = await rememberBrowser(db, userId, now)
    setCookie(c, knownCookie(config.secureCookies), token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: config.secureCookies,
      path: '/',
      maxAge: Math.floor(KNOWN_BROWSER_TTL_MS / 1000),
    })
  }

  return {
    startSession,
    rememberThisBrowser,

    /**
     * The limit keys of a sign-in to `phone` (password or code: the same keys, so the two ways add up).
     * A browser this account logged in from before is exempt from the per-address limit, so strangers'
     * failures behind the same address (a NAT, a proxy) cannot lock its owner out.
     */
    async attempt(c: Context, phone: string, userId: string | undefined, now: Date): Promise<SignInAttempt> {
      const known = await knownBrowserId(db, getCookie(c, knownCookie(config.secureCookies)), userId, now)
      const phoneKey = `login:phone:${phone}`
      const ipKey = `login:ip:${clientIp(c)}`
      const keys: LimitKey[] = [[phoneKey, config.loginLimitPerAccount], ...(known ? [] : [[ipKey, config.loginLimitPerIp] as const])]
      return { keys, phoneKey, ipKey, known, client: known ? `browser:${known}` : `ip:${clientIp(c)}`, lane: known ? 'known' : 'other' }
    },

    /** A successful sign-in: the number starts afresh, the address gets its attempt back, a new session. */
    async succeed(c: Context, userId: string, attempt: SignInAttempt, now: Date) {
      await clearCounter(db, attempt.phoneKey)
      if (!attempt.known) await refundAttempts(db, [attempt.ipKey], config.loginWindowMs, now.getTime())
      await startSession(c, userId)
      // after the session cookie: the test agents keep the first cookie of an answer
      if (attempt.known) await touchBrowser(db, attempt.known, now)
      else await rememberThisBrowser(c, userId, now)
      return toMe(db, userId)
    },

    /**
     * After a new password: every other session ends (all of them when `keepSessionId` is null), the
     * action is audited, and the calendar feed link, a credential too, is revoked.
     */
    async afterNewPassword(v: {
      userId: string
      actorId: string
      keepSessionId: string | null
      action: AuditAction
      detail?: Record<string, unknown>
    }) {
      const now = clock.now()
      await deleteUserSessions(db, v.userId, v.keepSessionId ?? undefined)
      await audit(db, { actorId: v.actorId, action: v.action, target: v.userId, detail: v.detail ?? null, at: now })
      await revokeCalendarFeed(db, v.userId, now, v.action)
    },
  }
}
