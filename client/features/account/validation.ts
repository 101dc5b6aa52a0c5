/**
 * Client-side checks with the same shared rules the server runs (shared/schemas/user.ts,
 * shared/rules/password.ts), answered as i18n keys so the form speaks the person's language.
 */
import { Password, PersonName, Phone } from '../../../shared/schemas/common'
import { ResetCode, SmsCode } from '../../../shared/schemas/sms'
import { passwordProblem, type PasswordProblem } from '../../../shared/rules/password'
import { estimateNewPassword } from './password-estimate'
import { textProblemKey } from '../../i18n/text-problem'

const PROBLEM_KEYS: Record<PasswordProblem, string> = {
  too_short: 'validation.passwordTooShort',
  same_as_phone: 'validation.passwordSameAsPhone',
  one_kind: 'validation.passwordOneKind',
  too_guessable: 'validation.passwordTooGuessable',
}

export function phoneError(phone: string): string | null {
  return Phone.safeParse(phone).success ? null : 'validation.phone'
}

/** The six digits of an SMS code. */
export function codeError(code: string): string | null {
  return SmsCode.safeParse(code).success ? null : 'signin.codeRequired'
}

/** 忘记密码 takes an SMS code or an admin's ten-character reset code. */
export function resetCodeError(code: string): string | null {
  return ResetCode.safeParse(code).success ? null : 'signin.resetCodeFormat'
}

export function nameError(name: string): string | null {
  if (!name.trim()) return 'validation.nameRequired'
  const parsed = PersonName.safeParse(name)
  if (parsed.success) return null
  return textProblemKey(parsed.error.issues.find((i) => textProblemKey(i))) ?? 'validation.nameTooLong'
}

/** For a new password: length, then the checks that need no dictionary (at once, as the person types). */
export function newPasswordError(password: string, phone?: string): string | null {
  if (!password) return 'validation.passwordRequired'
  if (!Password.safeParse(password).success) return password.length < 8 ? 'validation.passwordTooShort' : 'validation.passwordTooLong'
  const problem = passwordProblem(password, phone)
  return problem ? PROBLEM_KEYS[problem] : null
}

/**
 * The strength estimate the server will make (shared/rules/password.ts), run in the password
 * worker before sending. When the worker cannot be loaded (offline), or is still downloading on a
 * slow network after `waitMs`, the form does not wait: the server decides.
 */
export async function guessablePasswordError(
  password: string,
  person: { phone?: string; name?: string },
  waitMs = 4000,
): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)))
  const verdict = await Promise.race([estimateNewPassword(password, person), late])
  clearTimeout(timer)
  return verdict?.problem ? PROBLEM_KEYS[verdict.problem] : null
}

/** The i18n key for an API error code (falls back to a generic message). */
export function errorKey(code: string, known: (key: string) => boolean): string {
  return known(`errors.${code}`) ? `errors.${code}` : 'errors.unknown'
}
