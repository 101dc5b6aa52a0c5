import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { ChangePasswordInput, LoginInput, Me, RegisterInput } from '../../shared/schemas/user'
import { ErrorBody } from '../../shared/schemas/common'
import { checkNewPassword, type PasswordProblem } from '../../shared/rules/password'
import type { AppDeps } from '../deps'
import { createRouter } from '../openapi'
import { DomainError } from '../errors'
import { isUniqueViolation } from '../db/unique'
import { DUMMY_HASH, hashPassword, verifyPassword } from '../domain/passwords'
import { findUserByPhone, insertUser, updateUser } from '../db/user.repository'
import { createSession, deleteSession, deleteUserSessions } from '../db/session.repository'
import { bumpCounter, clearCounter, readCounter } from '../db/rate-limit.repository'
import { clearSessionCookie, currentUser, requireUser, setSessionCookie } from '../middleware/session'
import { clientIp } from '../middleware/client-ip'
import { toMe } from '../domain/me'
import { audit } from '../domain/audit'

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })
const errors = {
  400: { description: 'invalid input', ...json(ErrorBody) },
  401: { description: 'not logged in or wrong credentials', ...json(ErrorBody) },
}

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: 'password must be at least 8 characters',
  same_as_phone: 'the password must not contain the phone number',
  one_kind: 'the password must not be one repeated character',
  too_guessable: 'this password is too easy to guess (common passwords, names, keyboard rows, dates); choose a longer one, e.g. a few unrelated words',
}

/** Refuses a new password that shared/rules/password.ts finds weak (422 weak_password). */
async function refuseWeakPassword(password: string, person: { phone: string; name: string }) {
  const { problem } = await checkNewPassword(password, person)
  if (problem) throw new DomainError('weak_password', PASSWORD_MESSAGES[problem])
}

export function authRoutes(deps: AppDeps) {
  const { db, clock, config } = deps
  const app = createRouter()

  async function startSession(c: Parameters<typeof setSessionCookie>[0], userId: string) {
    // A session this browser already had is ended, not carried over: a new id at every login.
    const previous = c.get('sessionId')
    if (previous) await deleteSession(db, previous)
    const { token } = await createSession(db, userId, clock.now(), config.sessionAbsoluteMs, c.req.header('user-agent') ?? null)
    setSessionCookie(c, token, config.secureCookies, config.sessionAbsoluteMs)
  }

  /** Refuses with 429 once a key has used up its window; counts only failures. */
  async function checkLimits(keys: Array<[string, number]>) {
    const now = clock.now().getTime()
    for (const [key, limit] of keys) {
      if ((await readCounter(db, key, config.loginWindowMs, now)) >= limit) {
        throw new DomainError('too_many_attempts', 'too many attempts; wait 15 minutes and try again')
      }
    }
  }
  async function countFailure(keys: string[]) {
    for (const key of keys) await bumpCounter(db, key, config.loginWindowMs, clock.now().getTime())
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/register',
      tags: ['auth'],
      summary: 'Create an account with a mainland mobile number and log in',
      request: { body: { required: true, ...json(RegisterInput) } },
      responses: {
        201: { description: 'registered and logged in', ...json(Me) },
        ...errors,
        409: { description: 'number already registered', ...json(ErrorBody) },
        422: { description: 'weak password', ...json(ErrorBody) },
        429: { description: 'too many attempts', ...json(ErrorBody) },
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const ipKey = `register:ip:${clientIp(c)}`
      await checkLimits([[ipKey, config.loginLimitPerIp]])
      // every registration counts against the address, successful or not — counted before the
      // strength estimate, which costs CPU on this event loop
      await countFailure([ipKey])
      await refuseWeakPassword(input.password, input)
      if (input.regionCode) {
        const region = await db.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst()
        if (!region) throw new DomainError('unknown_region', 'no such region')
      }
      if (await findUserByPhone(db, input.phone)) throw new DomainError('phone_taken', 'this number is already registered; log in instead')
      const now = clock.now().toISOString()
      const id = randomUUID()
      const passwordHash = await hashPassword(input.password, config.scryptN)
      try {
        await db.transaction().execute(async (trx) => {
          await insertUser(trx, {
            id,
            phone: input.phone,
            name: input.name,
            password_hash: passwordHash,
            region_code: input.regionCode ?? null,
            discipline: input.discipline ?? null,
            employer: null,
            title: null,
            bio: null,
            system_role: 'member',
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
      return c.json(await toMe(db, id), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: 'Log in with phone and password',
      request: { body: { required: true, ...json(LoginInput) } },
      responses: {
        200: { description: 'logged in', ...json(Me) },
        ...errors,
        429: { description: 'too many failed attempts for this number or address', ...json(ErrorBody) },
      },
    }),
    async (c) => {
      const { phone, password } = c.req.valid('json')
      const keys: Array<[string, number]> = [
        [`login:phone:${phone}`, config.loginLimitPerAccount],
        [`login:ip:${clientIp(c)}`, config.loginLimitPerIp],
      ]
      await checkLimits(keys)
      const user = await findUserByPhone(db, phone)
      const { ok, needsRehash } = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH, config.scryptN)
      if (!user || !ok) {
        await countFailure(keys.map(([k]) => k))
        throw new DomainError('bad_credentials', 'wrong phone number or password')
      }
      await clearCounter(db, keys[0]![0])
      if (needsRehash) {
        await updateUser(db, user.id, { password_hash: await hashPassword(password, config.scryptN) }, clock.now())
      }
      await startSession(c, user.id)
      return c.json(await toMe(db, user.id), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['auth'],
      summary: 'End this session',
      responses: { 200: { description: 'logged out', ...json(z.object({ ok: z.literal(true) })) } },
    }),
    async (c) => {
      const sessionId = c.get('sessionId')
      if (sessionId) await deleteSession(db, sessionId)
      clearSessionCookie(c, config.secureCookies)
      return c.json({ ok: true as const }, 200)
    },
  )

  app.use('/password', requireUser())
  app.openapi(
    createRoute({
      method: 'post',
      path: '/password',
      tags: ['auth'],
      summary: 'Change the password; ends every other session',
      request: { body: { required: true, ...json(ChangePasswordInput) } },
      responses: {
        200: { description: 'changed', ...json(z.object({ ok: z.literal(true) })) },
        ...errors,
        422: { description: 'weak password', ...json(ErrorBody) },
        429: { description: 'too many wrong current passwords', ...json(ErrorBody) },
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { currentPassword, newPassword } = c.req.valid('json')
      const key = `password:user:${user.id}`
      await checkLimits([[key, config.loginLimitPerAccount]])
      const { ok } = await verifyPassword(currentPassword, user.password_hash, config.scryptN)
      if (!ok) {
        await countFailure([key])
        throw new DomainError('bad_credentials', 'the current password is wrong')
      }
      await refuseWeakPassword(newPassword, user)
      await updateUser(db, user.id, { password_hash: await hashPassword(newPassword, config.scryptN) }, clock.now())
      await deleteUserSessions(db, user.id, c.get('sessionId') ?? undefined)
      await audit(db, { actorId: user.id, action: 'password.change', target: user.id, at: clock.now() })
      return c.json({ ok: true as const }, 200)
    },
  )

  return app
}
