/**
 * Codes sent by SMS (sign-up, sign-in by code, 忘记密码) and the one-time reset code an admin issues
 * for a member without a phone at hand. Both sides use these shapes; the rules (lifetimes, tries)
 * are constants here so the client can say them too.
 */
import { z } from 'zod'
import { Password, Phone } from './common'

/** What a code is for: each purpose keeps at most one live code per number. */
export const SmsPurpose = z.enum(['register', 'login', 'reset'])
export type SmsPurpose = z.infer<typeof SmsPurpose>

/** An SMS code lives this long… */
export const SMS_CODE_TTL_MS = 5 * 60_000
/** …and is burned after this many wrong tries. */
export const SMS_CODE_MAX_TRIES = 5
/** A new code for the same number and purpose may be asked for after this long. */
export const SMS_RESEND_AFTER_MS = 60_000
/** An admin-issued reset code lives this long (and is single use). */
export const ADMIN_RESET_CODE_TTL_MS = 24 * 3600_000

/** Six digits sent by SMS. */
export const SmsCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'the code is 6 digits')
/**
 * The code typed on the 忘记密码 screen: six digits from an SMS, or the ten-character code an admin
 * read out (letters and digits without look-alikes, case and spaces ignored).
 */
export const ResetCode = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^(\d{6}|[0-9A-HJKMNP-TV-Z]{10})$/, 'the code is 6 digits, or the 10 characters an administrator gave you'))

export const SmsCodeRequest = z.object({ phone: Phone, purpose: SmsPurpose }).strict()
export type SmsCodeRequest = z.infer<typeof SmsCodeRequest>

/** The answer to every accepted request, whether or not the number has an account (no enumeration). */
export const SmsCodeSent = z.object({
  sent: z.literal(true),
  /** seconds until a new code may be asked for */
  resendAfterSeconds: z.number().int().min(0),
  /** seconds the code stays valid */
  expiresInSeconds: z.number().int().min(0),
})
export type SmsCodeSent = z.infer<typeof SmsCodeSent>

export const LoginByCodeInput = z.object({ phone: Phone, code: SmsCode }).strict()
export type LoginByCodeInput = z.infer<typeof LoginByCodeInput>

export const ResetPasswordInput = z.object({ phone: Phone, code: ResetCode, newPassword: Password }).strict()
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>

/** The admin's one-time reset code, shown once. */
export const AdminResetCode = z.object({
  code: z.string(),
  expiresAt: z.string(),
  /** the member's masked number, so the admin can check whom it is for */
  phone: z.string(),
  userName: z.string(),
})
export type AdminResetCode = z.infer<typeof AdminResetCode>
