/**
 * Codes by SMS (sign-up, sign-in by code, 忘记密码) and the admin's one-time reset code.
 *
 *   - Asking for a code: limits taken first (one per number and purpose a minute, `smsLimitPerNumber`
 *     per number and `smsLimitPerIp` per address an hour: 429 `rate_limited` + Retry-After), then the
 *     SAME answer whether or not the number has an account. A code is stored (hashed) and sent only
 *     where it can be used: `register` for a number without an account (its owner gets a warning
 *     instead, no code), `login` and `reset` for a number with one (nothing is sent otherwise).
 *   - The message is handed to the sender without waiting: the answer's time does not depend on
 *     whether a message went out, and a gateway failure is logged (without number or code).
 *   - Checking a code: 6 digits, 5 minutes, 5 wrong tries and it is burned; used once. Every failure
 *     is the one answer 401 `code_invalid` (wrong, expired, burned, or never sent).
 */
import { randomInt } from 'node:crypto'
import type { Context } from 'hono'
import type { AppDeps } from '../deps'
import type { Executor } from '../db/database'
import { DomainError, forbidden, notFound } from '../errors'
import { secondsLeftInWindow, takeAttempts, type LimitKey } from '../db/rate-limit.repository'
import { findUserById, findUserByPhone } from '../db/user.repository'
import { findMembership } from '../db/membership.repository'
import { adminRootIds, assertOrgAdmin, isSystemAdmin } from './authz'
import { audit } from './audit'
import type { DomainContext } from './context'
import { maskPhone } from '../../shared/schemas/common'
import { matchCode, storeCode, useCode } from '../db/verification-code.repository'
import type { CodePurpose, VerificationCodeRow } from '../db/verification-code.table'
import { clientIp } from '../middleware/client-ip'
import {
  ADMIN_RESET_CODE_TTL_MS,
  SMS_CODE_MAX_TRIES,
  SMS_CODE_TTL_MS,
  SMS_RESEND_AFTER_MS,
  type AdminResetCode,
  type SmsCodeRequest,
  type SmsCodeSent,
} from '../../shared/schemas/sms'
import type { SmsMessage, SmsSender } from '../sms/sender'

/** Six digits, uniformly from the OS's CSPRNG. */
export const newSmsCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0')

/** Crockford's base 32 (no I, L, O, U): read out over the phone without confusion. */
const ADMIN_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Ten characters, 50 bits: an admin's one-time reset code. */
export const newAdminCode = () => Array.from({ length: 10 }, () => ADMIN_CODE_ALPHABET[randomInt(ADMIN_CODE_ALPHABET.length)]).join('')

export const codeInvalid = () =>
  new DomainError('code_invalid', 'the code is wrong or has expired; a code stops working after 5 wrong tries — ask for a new one')

/** Hands a message to the sender and does not wait; a failure is logged without the number or the code. */
export function dispatchSms(sms: SmsSender, message: SmsMessage) {
  sms.send(message).catch((err: unknown) => console.error(`SMS (${message.kind}) not sent: ${(err as Error).message}`))
}

/** Takes one attempt on every key, each with its own window, or refuses with 429 `rate_limited` and Retry-After. */
async function takeOrRefuse(deps: AppDeps, c: Context, keys: readonly LimitKey[], message: string) {
  const now = deps.clock.now().getTime()
  const refused = await takeAttempts(deps.db, keys, deps.config.loginWindowMs, now)
  if (refused === null) return
  const windowMs = keys.find(([key]) => key === refused)?.[2] ?? deps.config.loginWindowMs
  c.header('Retry-After', String(secondsLeftInWindow(windowMs, now)))
  throw new DomainError('rate_limited', message)
}

export async function requestSmsCode(
  deps: AppDeps & { sms: SmsSender },
  c: Context,
  { phone, purpose }: SmsCodeRequest,
): Promise<SmsCodeSent> {
  const { db, clock, config, sms } = deps
  await takeOrRefuse(
    deps,
    c,
    [
      [`sms:resend:${purpose}:${phone}`, 1, SMS_RESEND_AFTER_MS],
      [`sms:phone:${phone}`, config.smsLimitPerNumber, config.smsWindowMs],
      [`sms:ip:${clientIp(c)}`, config.smsLimitPerIp, config.smsWindowMs],
    ],
    'too many codes asked for this number or from this address; wait and try again',
  )
  const user = await findUserByPhone(db, phone)
  const hasAccount = user !== undefined
  const usable = purpose === 'register' ? !hasAccount : hasAccount
  if (purpose === 'register' && hasAccount) dispatchSms(sms, { kind: 'already_registered', phone })
  else if (usable) {
    const code = newSmsCode()
    await storeCode(db, { phone, purpose, code, now: clock.now(), ttlMs: SMS_CODE_TTL_MS })
    dispatchSms(sms, { kind: 'code', phone, purpose, code, minutes: SMS_CODE_TTL_MS / 60_000 })
  }
  return { sent: true, resendAfterSeconds: SMS_RESEND_AFTER_MS / 1000, expiresInSeconds: SMS_CODE_TTL_MS / 1000 }
}

/** Checking codes: `match` (a miss counts a try and answers code_invalid), then `use` inside the change it allows. */
export function codeChecker({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  return {
    async match(v: { phone: string; purposes: readonly CodePurpose[]; code: string }): Promise<VerificationCodeRow> {
      const row = await matchCode(db, { ...v, now: clock.now(), maxTries: SMS_CODE_MAX_TRIES })
      if (!row) throw codeInvalid()
      return row
    },
    /** Uses the matched code up in `trx`; code_invalid when a concurrent request used it first. */
    async use(trx: Executor, row: VerificationCodeRow): Promise<void> {
      if (!(await useCode(trx, row.id))) throw codeInvalid()
    },
  }
}

/**
 * An admin's one-time reset code for a member without a phone at hand: a system admin, or an admin
 * of the member's organisation or one above it. Not for oneself (忘记密码 is there) nor for another
 * administrator (only a system admin may: an org admin must not take over a peer's account).
 * Valid 24 hours, single use, replaces an earlier one; audited. The code is shown once.
 */
export async function issueAdminResetCode({ trx, user, clock }: DomainContext, membershipId: string): Promise<AdminResetCode> {
  const membership = await findMembership(trx, membershipId)
  if (!membership) throw notFound('membership')
  await assertOrgAdmin(trx, user, membership.org_id)
  if (membership.status !== 'active')
    throw new DomainError('not_active', `this membership is ${membership.status}; reset codes are for active members`)
  if (membership.user_id === user.id) throw forbidden('use 忘记密码 on the login page for your own account')
  const member = await findUserById(trx, membership.user_id)
  if (!member) throw notFound('member')
  if (!isSystemAdmin(user) && (isSystemAdmin(member) || (await adminRootIds(trx, member.id)).length > 0))
    throw new DomainError('is_admin', 'this member is an administrator; only a system administrator may issue their reset code')
  const code = newAdminCode()
  const now = clock.now()
  const { expiresAt } = await storeCode(trx, {
    phone: member.phone,
    purpose: 'admin_reset',
    code,
    now,
    ttlMs: ADMIN_RESET_CODE_TTL_MS,
    issuedBy: user.id,
  })
  await audit(trx, {
    actorId: user.id,
    action: 'password.reset_code',
    orgId: membership.org_id,
    target: member.id,
    detail: { membership: membership.id, expiresAt },
    at: now,
  })
  return { code: `${code.slice(0, 5)}-${code.slice(5)}`, expiresAt, phone: maskPhone(member.phone), userName: member.name }
}
