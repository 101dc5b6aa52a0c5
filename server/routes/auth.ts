import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { getCookie, setCookie } from 'hono/cookie'
import { ChangePasswordInput, LoginInput, Me, RegisterInput } from '../../shared/schemas/user'
import { checkNewPassword, type PasswordProblem } from '../../shared/rules/password'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { DomainError } from '../errors'
import { isUniqueViolation } from '../db/unique'
import { dummyHashFor, hashPassword, verifyPassword } from '../domain/passwords'
import { BLANK_PROFILE, findUserByPhone, insertUser, updateUser } from '../db/user.repository'
import { createSession, deleteSession, deleteUserSessions } from '../db/session.repository'
import { clearCounter, refundAttempts, type LimitKey } from '../db/rate-limit.repository'
import { KNOWN_BROWSER_TTL_MS, knownBrowserId, rememberBrowser, touchBrowser } from '../db/known-browser.repository'
import { revokeCalendarFeed } from '../domain/calendar-feed'
import { clearSessionCookie, currentUser, setSessionCookie } from '../middleware/session'
import { clientIp } from '../middleware/client-ip'
import { toMe } from '../domain/me'
import { audit } from '../domain/audit'
import { limiter } from '../domain/attempts'

const errors = {
  400: refusal('invalid input'),
  401: refusal('not logged in or wrong credentials'),
  503: refusal('too many passwords being checked at once; Retry-After says when to try again'),
}
/** The cookie naming a browser this account logged in from before (see known-browser.repository.ts). */
const knownCookie = (secure: boolean) => (secure ? '__Host-sh_known' : 'sh_known')

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: 'password must be at least 8 characters',
  same_as_phone: 'the password must not contain the phone number',
  one_kind: 'the password must not be one repeated character',
  too_guessable:
    'this password is too easy to guess (common passwords, names, keyboard rows, dates); choose a longer one, e.g. a few unrelated words',
}

/** Refuses a new password that shared/rules/password.ts finds weak (422 weak_password). */
async function refuseWeakPassword(password: string, person: { phone: string; name: string }) {
  const { problem } = await checkNewPassword(password, person)
  if (problem) throw new DomainError('weak_password', PASSWORD_MESSAGES[problem])
}

export function authRoutes(deps: AppDeps) {
  const { db, clock, config } = deps
  const app = createRouter()
  const limits = limiter(deps)
  const dummyHash = dummyHashFor(config.scryptN)

  async function startSession(c: Parameters<typeof setSessionCookie>[0], userId: string) {
    // A session this browser already had is ended, not carried over: a new id at every login.
    const previous = c.get('sessionId')
    if (previous) await deleteSession(db, previous)
    const { token } = await createSession(db, userId, clock.now(), config.sessionAbsoluteMs, c.req.header('user-agent') ?? null)
    setSessionCookie(c, token, config.secureCookies, config.sessionAbsoluteMs)
  }

  /** Marks this browser as known to the account: a long-lived cookie only the login reads. */
  async function rememberThisBrowser(c: Parameters<typeof setSessionCookie>[0], userId: string, now: Date) {
    const token = await rememberBrowser(db, userId, now)
    const maxAge = Math.floor(KNOWN_BROWSER_TTL_MS / 1000)
    setCookie(c, knownCookie(config.secureCookies), token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: config.secureCookies,
      path: '/',
      maxAge,
    })
  }

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'register',
      method: 'post',
      path: '/register',
      tags: ['auth'],
      summary: 'Create an account with a mainland mobile number and log in',
      request: { body: { required: true, ...json(RegisterInput) } },
      responses: {
        201: { description: 'registered and logged in', ...json(Me) },
        ...errors,
        409: refusal('number already registered'),
        422: refusal('weak password'),
        429: refusal('too many attempts'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const ip = clientIp(c)
      // every registration counts against the address, successful or not, before the strength
      // estimate (CPU on this event loop) and before any hashing
      const keys: LimitKey[] = [[`register:ip:${ip}`, config.loginLimitPerIp]]
      const hashing = await limits.take(c, keys, `ip:${ip}`)
      await refuseWeakPassword(input.password, input)
      if (input.regionCode) {
        const region = await db.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst()
        if (!region) throw new DomainError('unknown_region', 'no such region')
      }
      if (await findUserByPhone(db, input.phone)) throw new DomainError('phone_taken', 'this number is already registered; log in instead')
      const now = clock.now().toISOString()
      const id = randomUUID()
      const passwordHash = await hashing(() => hashPassword(input.password, config.scryptN))
      try {
        await db.transaction().execute(async (trx) => {
          await insertUser(trx, {
            id,
            phone: input.phone,
            name: input.name,
            password_hash: passwordHash,
            ...BLANK_PROFILE,
            region_code: input.regionCode ?? null,
            discipline: input.discipline ?? null,
            privacy_consent_at: now,
            created_at: now,
            updated_at: now,
          })
        })
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError('phone_taken', 'this number is already registered; log in instead')
        throw err
      }
      await startSession(c, id)
      await rememberThisBrowser(c, id, clock.now())
      return c.json(await toMe(db, id), 201)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'login',
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: 'Log in with phone and password',
      request: { body: { required: true, ...json(LoginInput) } },
      responses: {
        200: { description: 'logged in', ...json(Me) },
        ...errors,
        429: refusal('too many failed attempts for this number or address'),
      },
    }),
    async (c) => {
      const { phone, password } = c.req.valid('json')
      const now = clock.now()
      const user = await findUserByPhone(db, phone)
      // A browser this account logged in from before is exempt from the per-address limit, so
      // strangers' failures behind the same address (a NAT, a proxy) cannot lock its owner out.
      const known = await knownBrowserId(db, getCookie(c, knownCookie(config.secureCookies)), user?.id, now)
      const phoneKey = `login:phone:${phone}`
      const ipKey = `login:ip:${clientIp(c)}`
      const keys: LimitKey[] = [[phoneKey, config.loginLimitPerAccount], ...(known ? [] : [[ipKey, config.loginLimitPerIp] as const])]
      const hashing = await limits.take(c, keys, known ? `browser:${known}` : `ip:${clientIp(c)}`, known ? 'known' : 'other')
      // Unknown numbers hash against a dummy of the same cost: the same time as a wrong password.
      const ok = await hashing(async () => {
        const check = await verifyPassword(password, user?.password_hash ?? dummyHash, config.scryptN)
        if (user && check.needsRehash) {
          await updateUser(db, user.id, { password_hash: await hashPassword(password, config.scryptN) }, clock.now())
        }
        return check.ok
      })
      if (!user || !ok) throw new DomainError('bad_credentials', 'wrong phone number or password')
      // A success: the number starts afresh, and the address gets its attempt back (it counts failures).
      await clearCounter(db, phoneKey)
      if (!known) await refundAttempts(db, [ipKey], config.loginWindowMs, now.getTime())
      await startSession(c, user.id)
      // after the session cookie: the test agents keep the first cookie of an answer
      if (known) await touchBrowser(db, known, now)
      else await rememberThisBrowser(c, user.id, now)
      return c.json(await toMe(db, user.id), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'logout',
      method: 'post',
      path: '/logout',
      tags: ['auth'],
      summary: 'End this session',
      responses: {
        200: { description: 'logged out', ...json(z.object({ ok: z.literal(true) })) },
        403: refusal('cross-site request refused'),
      },
    }),
    async (c) => {
      const sessionId = c.get('sessionId')
      if (sessionId) await deleteSession(db, sessionId)
      clearSessionCookie(c, config.secureCookies)
      return c.json({ ok: true as const }, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'changePassword',
      method: 'post',
      path: '/password',
      tags: ['auth'],
      summary: 'Change the password; ends every other session',
      request: { body: { required: true, ...json(ChangePasswordInput) } },
      responses: {
        200: { description: 'changed', ...json(z.object({ ok: z.literal(true) })) },
        ...errors,
        422: refusal('weak password'),
        429: refusal('too many wrong current passwords'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { currentPassword, newPassword } = c.req.valid('json')
      // judged before an attempt is taken: a signed-in person trying a few weak passwords must not
      // use up the limit that protects the current password (the estimate is ≤ 0.1 s, bench/README.md)
      await refuseWeakPassword(newPassword, user)
      const keys: LimitKey[] = [[`password:user:${user.id}`, config.loginLimitPerAccount]]
      const hashing = await limits.take(c, keys, `user:${user.id}`)
      const newHash = await hashing(async () =>
        (await verifyPassword(currentPassword, user.password_hash, config.scryptN)).ok ? hashPassword(newPassword, config.scryptN) : null,
      )
      if (!newHash) throw new DomainError('bad_credentials', 'the current password is wrong')
      await refundAttempts(
        db,
        keys.map(([k]) => k),
        config.loginWindowMs,
        clock.now().getTime(),
      )
      await updateUser(db, user.id, { password_hash: newHash }, clock.now())
      await deleteUserSessions(db, user.id, c.get('sessionId') ?? undefined)
      await audit(db, { actorId: user.id, action: 'password.change', target: user.id, at: clock.now() })
      // The calendar feed link is a credential too: whoever changes the password may be locking someone out.
      await revokeCalendarFeed(db, user.id, clock.now(), 'password.change')
      return c.json({ ok: true as const }, 200)
    },
  )

  return app
}
