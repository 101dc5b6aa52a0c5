/**
 * Client-side checks with the same shared rules the server runs (shared/schemas/user.ts,
 * shared/rules/password.ts), answered as i18n keys so the form speaks the person's language.
 */
import { Password, PersonName, Phone } from '../../../shared/schemas/common'
import { passwordProblem } from '../../../shared/rules/password'

const PROBLEM_KEYS = {
  too_short: 'validation.passwordTooShort',
  too_common: 'validation.passwordTooCommon',
  same_as_phone: 'validation.passwordSameAsPhone',
  one_kind: 'validation.passwordOneKind',
} as const

export function phoneError(phone: string): string | null {
  return Phone.safeParse(phone).success ? null : 'validation.phone'
}

export function nameError(name: string): string | null {
  if (!name.trim()) return 'validation.nameRequired'
  return PersonName.safeParse(name).success ? null : 'validation.nameTooLong'
}

/** For a new password: length, then the weak-password rules. */
export function newPasswordError(password: string, phone?: string): string | null {
  if (!password) return 'validation.passwordRequired'
  if (!Password.safeParse(password).success) return password.length < 8 ? 'validation.passwordTooShort' : 'validation.passwordTooLong'
  const problem = passwordProblem(password, phone)
  return problem ? PROBLEM_KEYS[problem] : null
}

/** A rough strength meter for the hint under the password field. */
export function passwordStrength(password: string): 'weak' | 'fair' | 'strong' {
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length
  if (password.length < 8 || passwordProblem(password)) return 'weak'
  return password.length >= 12 && kinds >= 3 ? 'strong' : kinds >= 2 ? 'fair' : 'weak'
}

/** The i18n key for an API error code (falls back to a generic message). */
export function errorKey(code: string, known: (key: string) => boolean): string {
  return known(`errors.${code}`) ? `errors.${code}` : 'errors.unknown'
}
