/**
 * Signing in and recovering an account with a code: ask for a code by SMS, sign in with it, set a new
 * password with it (忘记密码, also with an admin's one-time code), and the admin's side of that code.
 * The rules are in server/domain/verification-codes.ts; sessions as for a password (./sign-in.ts).
 */
import { createRoute, z } from '@hono/zod-openapi'
import { Me } from '../../shared/schemas/user'
import { AdminResetCode, LoginByCodeInput, ResetPasswordInput, SmsCodeRequest, SmsCodeSent } from '../../shared/schemas/sms'
import { MembershipIdParam } from '../../shared/schemas/membership'
import type { AppDeps } from '../deps'
import type { SmsSender } from '../sms/sender'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { clientIp } from '../middleware/client-ip'
import { currentUser } from '../middleware/session'
import { limiter } from '../domain/attempts'
import { hashPassword } from '../domain/passwords'
import { codeChecker, codeInvalid, issueAdminResetCode, requestSmsCode } from '../domain/verification-codes'
import { findUserByPhone, updateUser } from '../db/user.repository'
import { clearCounter, refundAttempts, type LimitKey } from '../db/rate-limit.repository'
import { authErrors, refuseWeakPassword } from './auth'
import { signIn } from './sign-in'
import { writeTransaction } from '../db/transaction'

const Ok = z.object({ ok: z.literal(true) })

export function authCodeRoutes(deps: AppDeps & { sms: SmsSender }) {
  const { db, clock, config } = deps
  const app = createRouter()
  const limits = limiter(deps)
  const codes = codeChecker(deps)
  const session = signIn(deps)

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'requestSmsCode',
      method: 'post',
      path: '/sms-code',
      tags: ['auth'],
      summary: 'Send a 6-digit code by SMS (register, login or reset); the same answer whether or not the number has an account',
      request: { body: { required: true, ...json(SmsCodeRequest) } },
      responses: {
        200: { description: 'accepted (a code goes only where it can be used)', ...json(SmsCodeSent) },
        400: refusal('invalid input'),
        429: refusal('too many codes for this number or from this address; Retry-After says when'),
      },
    }),
    async (c) => c.json(await requestSmsCode(deps, c, c.req.valid('json')), 200),
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'loginByCode',
      method: 'post',
      path: '/login/code',
      tags: ['auth'],
      summary: 'Log in with the code sent by SMS (purpose login)',
      request: { body: { required: true, ...json(LoginByCodeInput) } },
      responses: {
        200: { description: 'logged in', ...json(Me) },
        400: refusal('invalid input'),
        401: refusal('wrong or expired code (the same answer for a number without an account)'),
        429: refusal('too many failed attempts for this number or address'),
      },
    }),
    async (c) => {
      const { phone, code } = c.req.valid('json')
      const now = clock.now()
      const user = await findUserByPhone(db, phone)
      // the password login's keys: failures by code and by password add up for a number
      const attempt = await session.attempt(c, phone, user?.id, now)
      await limits.count(c, attempt.keys)
      const row = await codes.match({ phone, purposes: ['login'], code })
      if (!user) throw codeInvalid()
      await codes.use(db, row)
      return c.json(await session.succeed(c, user.id, attempt, now), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'resetPassword',
      method: 'post',
      path: '/password/reset',
      tags: ['auth'],
      summary: '忘记密码: a new password with the code sent by SMS (purpose reset) or an admin’s one-time code; ends every session',
      request: { body: { required: true, ...json(ResetPasswordInput) } },
      responses: {
        200: { description: 'password changed; log in with it', ...json(Ok) },
        ...authErrors,
        401: refusal('wrong or expired code (the same answer for a number without an account)'),
        422: refusal('weak password (the code stays valid)'),
        429: refusal('too many attempts for this number or address'),
      },
    }),
    async (c) => {
      const { phone, code, newPassword } = c.req.valid('json')
      const ip = clientIp(c)
      const keys: LimitKey[] = [
        [`reset:phone:${phone}`, config.loginLimitPerAccount],
        [`reset:ip:${ip}`, config.loginLimitPerIp],
      ]
      const hashing = await limits.take(c, keys, `ip:${ip}`)
      const row = await codes.match({ phone, purposes: code.length === 6 ? ['reset'] : ['admin_reset'], code })
      const user = await findUserByPhone(db, phone)
      if (!user) throw codeInvalid()
      // judged after the code is known good and before it is used: a weak choice keeps the code
      await refuseWeakPassword(newPassword, user)
      const passwordHash = await hashing(() => hashPassword(newPassword, config.scryptN))
      await writeTransaction(db, async (trx) => {
        await codes.use(trx, row)
        await updateUser(trx, user.id, { password_hash: passwordHash }, clock.now())
      })
      // the number may log in again at once; the address gets its attempt back
      await clearCounter(db, `login:phone:${phone}`)
      await refundAttempts(db, [`reset:ip:${ip}`], config.loginWindowMs, clock.now().getTime())
      await session.afterNewPassword({
        userId: user.id,
        actorId: user.id,
        keepSessionId: null,
        action: 'password.reset',
        detail: row.purpose === 'admin_reset' ? { via: 'admin_code', issuedBy: row.issued_by } : { via: 'sms' },
      })
      return c.json({ ok: true as const }, 200)
    },
  )

  return app
}

/** The admin's side: a one-time reset code for a member (mounted under /api/admin). */
export function adminResetCodeRoutes({ db, clock }: AppDeps) {
  const app = createRouter()
  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'issueResetCode',
      method: 'post',
      path: '/memberships/{id}/reset-code',
      tags: ['admin'],
      summary: 'A one-time password reset code for an active member without a phone at hand (24 h, single use, audited, shown once)',
      request: { params: MembershipIdParam },
      responses: {
        200: { description: 'the code, shown once', ...json(AdminResetCode) },
        400: refusal('invalid input'),
        401: refusal('not logged in'),
        403: refusal('not an admin of this organisation or of one above it, or the caller’s own membership'),
        404: refusal('no such membership'),
        409: refusal('not an active membership, or the member is an administrator (system administrators only)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const answer = await writeTransaction(db, (trx) => issueAdminResetCode({ trx, user: currentUser(c), clock }, id))
      return c.json(answer, 200)
    },
  )
  return app
}
