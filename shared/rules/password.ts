/**
 * Password rules shared by the register and password forms and the server.
 *
 * Two layers: cheap checks that run at once (length, the phone number, one repeated character),
 * then a strength estimate by zxcvbn-ts against large common-password, English and Chinese-pinyin
 * dictionaries (shared/rules/password-strength.ts). That estimator weighs about 1 MB, so it is
 * never imported statically: `loadPasswordEstimator()` imports it on first use and keeps it —
 * the client's first-load bundle stays small, and the server builds its dictionaries once.
 */
import type { PasswordEstimate } from './password-strength'

export type { PasswordEstimate }

/** zxcvbn's score (0–4) a new password must reach: 3 = about 10^8 guesses ("safely unguessable"). */
export const MIN_PASSWORD_SCORE = 3

export type PasswordProblem = 'too_short' | 'same_as_phone' | 'one_kind' | 'too_guessable'

/** The checks that need no dictionary; null when none of them refuses. */
export function passwordProblem(password: string, phone?: string): Exclude<PasswordProblem, 'too_guessable'> | null {
  if (password.length < 8) return 'too_short'
  if (phone && password.includes(phone)) return 'same_as_phone'
  if (/^(.)\1+$/su.test(password)) return 'one_kind'
  return null
}

type Estimator = (password: string, userInputs: string[]) => PasswordEstimate
let estimator: Promise<Estimator> | undefined

/** Imports and builds the estimator once; a failed import (offline client) is tried again next time. */
export function loadPasswordEstimator(): Promise<Estimator> {
  estimator ??= import('./password-strength').then(
    (m) => m.createPasswordEstimator(),
    (err: unknown) => {
      estimator = undefined
      throw err
    },
  )
  return estimator
}

export interface PasswordVerdict {
  problem: PasswordProblem | null
  /** null when a cheap check refused first (no estimate was needed) */
  estimate: PasswordEstimate | null
}

/**
 * The whole rule for a new password: the cheap checks, then the estimate. The person's phone and
 * name count as known words (a password built from them is guessed early).
 */
export async function checkNewPassword(password: string, person: { phone?: string; name?: string } = {}): Promise<PasswordVerdict> {
  const problem = passwordProblem(password, person.phone)
  if (problem) return { problem, estimate: null }
  const estimate = (await loadPasswordEstimator())(password, [person.phone, person.name].filter((v): v is string => !!v))
  return { problem: estimate.score < MIN_PASSWORD_SCORE ? 'too_guessable' : null, estimate }
}
