/**
 * Password rules shared by the register and password forms and the server.
 *
 * Two layers: cheap checks that run at once (length, the phone number, one repeated character),
 * then a strength estimate by zxcvbn-ts against large common-password, English and Chinese-pinyin
 * dictionaries (shared/rules/password-strength.ts). That estimator weighs about 1.7 MB, so this
 * file never imports it statically: the server calls `checkNewPassword`, which imports it on first
 * use and keeps it (dictionaries built once); the client runs it in a web worker
 * (client/features/account/password-estimate.ts), so the first page load never carries it.
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

/** A built estimator (shared/rules/password-strength.ts `createPasswordEstimator`). */
export type PasswordEstimator = (password: string, userInputs: string[]) => PasswordEstimate
let estimator: Promise<PasswordEstimator> | undefined

/** Imports and builds the estimator once; a failed import is tried again next time. */
export function loadPasswordEstimator(): Promise<PasswordEstimator> {
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

export interface PasswordOwner {
  phone?: string
  name?: string
}

/**
 * The whole rule for a new password, given a built estimator: the cheap checks, then the
 * estimate. The person's phone and name count as known words (a password built from them is
 * guessed early).
 */
export function judgeNewPassword(password: string, person: PasswordOwner, estimate: PasswordEstimator): PasswordVerdict {
  const problem = passwordProblem(password, person.phone)
  if (problem) return { problem, estimate: null }
  const result = estimate(
    password,
    [person.phone, person.name].filter((v): v is string => !!v),
  )
  return { problem: result.score < MIN_PASSWORD_SCORE ? 'too_guessable' : null, estimate: result }
}

/** `judgeNewPassword` with the estimator loaded on first use (the server; the client's worker builds its own). */
export async function checkNewPassword(password: string, person: PasswordOwner = {}): Promise<PasswordVerdict> {
  const problem = passwordProblem(password, person.phone)
  if (problem) return { problem, estimate: null }
  return judgeNewPassword(password, person, await loadPasswordEstimator())
}
