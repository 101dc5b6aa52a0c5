import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { ChangePasswordInput, LoginInput, Me, RegisterInput } from '../../shared/schemas/user'
import { checkNewPassword, type PasswordProblem } from '../../shared/rules/password'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { DomainError } from '../errors'
import { isUniqueViolation } from '../db/unique'
import { dummyHashFor, hashPassword, verifyPassword } from '../domain/passwords'
import { BLANK_PROFILE, findUserByPhone, insertUser, updateUser } from '../db/user.repository'
import { deleteSession } from '../db/session.repository'
import { refundAttempts, type LimitKey } from '../db/rate-limit.repository'
import { clearSessionCookie, currentUser } from '../middleware/session'
import { clientIp } from '../middleware/client-ip'
import { toMe } from '../domain/me'
import { limiter } from '../domain/attempts'
import { codeChecker } from '../domain/verification-codes'
import { signIn } from './sign-in'
import { writeTransaction } from '../db/transaction'

export const authErrors = {
  400: refusal('invalid input'),
  401: refusal('not logged in or wrong credentials'),
  503: refusal('too many passwords being checked at once; Retry-After says when to try again'),
}
const errors = authErrors

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: 'password must be at least 8 characters',
  same_as_phone: 'the password must not contain the phone number',
  one_kind: 'the password must not be one repeated character',
  too_guessable:
    'this password is too easy to guess (common passwords, names, keyboard rows, dates); choose a longer one, e.g. a few unrelated words',
}

/** Refuses a new password that shared/rules/password.ts finds weak (422 weak_password). */
export async function refuseWeakPassword(password: string, person: { phone: string; name: string }) {
  const { problem } = await checkNewPassword(password, person)
  if (problem) throw new DomainError('weak_password', PASSWORD_MESSAGES[problem])
}

export function authRoutes(deps: AppDeps) {
  const { db, clock, config } = deps
  const app = createRouter()
  const limits = limiter(deps)
  const codes = codeChecker(deps)
  const session = signIn(deps)
  const dummyHash = dummyHashFor(config.scryptN)

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'register',
      method: 'post',
      path: '/register',
      tags: ['auth'],
      summary: 'Create an account with a mainland mobile number and the code sent to it by SMS (purpose register), and log in',
      request: { body: { required: true, ...json(RegisterInput) } },
      responses: {
        201: { description: 'registered and logged in', ...json(Me) },
        ...errors,
        401: refusal('wrong or expired code (the same answer whether or not the number has an account)'),
        409: refusal('number registered meanwhile'),
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
      // A number with an account never gets a register code (its owner gets a warning instead), so
      // this refuses it exactly as a wrong code: registering tells nobody which numbers exist.
      const code = await codes.match({ phone: input.phone, purposes: ['register'], code: input.code })
      const now = clock.now().toISOString()
      const id = randomUUID()
      const passwordHash = await hashing(() => hashPassword(input.password, config.scryptN))
      try {
        await writeTransaction(db, async (trx) => {
          await codes.use(trx, code)
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
      await session.startSession(c, id)
      await session.rememberThisBrowser(c, id, clock.now())
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
      const attempt = await session.attempt(c, phone, user?.id, now)
      const hashing = await limits.take(c, attempt.keys, attempt.client, attempt.lane)
      // Unknown numbers hash against a dummy of the same cost: the same time as a wrong password.
      const ok = await hashing(async () => {
        const check = await verifyPassword(password, user?.password_hash ?? dummyHash, config.scryptN)
        if (user && check.needsRehash) {
          const rehashed = await hashPassword(password, config.scryptN)
          await writeTransaction(db, (trx) => updateUser(trx, user.id, { password_hash: rehashed }, clock.now()))
        }
        return check.ok
      })
      if (!user || !ok) throw new DomainError('bad_credentials', 'wrong phone number or password')
      return c.json(await session.succeed(c, user.id, attempt, now), 200)
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
      await writeTransaction(db, (trx) => updateUser(trx, user.id, { password_hash: newHash }, clock.now()))
      // The calendar feed link is a credential too: whoever changes the password may be locking someone out.
      await session.afterNewPassword({
        userId: user.id,
        actorId: user.id,
        keepSessionId: c.get('sessionId') ?? null,
        action: 'password.change',
      })
      return c.json({ ok: true as const }, 200)
    },
  )

  return app
}
