/**
 * The password strength estimator: zxcvbn-ts with its common-password list (~30,000 entries) and
 * keyboard graphs, the English words and names, and our Chinese/pinyin list. Heavy (about 1 MB
 * of dictionaries): import it only through `loadPasswordEstimator()` in ./password.ts.
 *
 * Cost bounds (the server runs this on its one event loop, at each registration and password
 * change): only the first 64 characters are estimated — longer passwords are judged by that
 * prefix, which is already far beyond score 4 if it is not built from common words — and the l33t
 * matcher tries at most 10 substitution variants (the default, 100, made one 64-character
 * password cost over a second; 10 still catches P@ssw0rd). Figures: bench/password-strength.ts.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common'
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en'
import { chineseDictionary } from './password-dictionary-zh'

export const ESTIMATED_LENGTH = 64

/** zxcvbn's feedback as keys (its default translations are the keys): the UI words them itself. */
export interface PasswordEstimate {
  score: 0 | 1 | 2 | 3 | 4
  /** e.g. 'topHundred', 'keyPattern', 'similarToCommon', 'userInputs' */
  warning: string | null
  /** e.g. 'anotherWord', 'capitalization', 'l33t', 'repeated' */
  suggestions: string[]
}

export function createPasswordEstimator(): (password: string, userInputs: string[]) => PasswordEstimate {
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary, ...chineseDictionary },
    graphs: adjacencyGraphs,
    maxLength: ESTIMATED_LENGTH,
    l33tMaxSubstitutions: 10,
  })
  return (password, userInputs) => {
    const { score, feedback } = zxcvbn.check(password, userInputs)
    return { score, warning: feedback.warning || null, suggestions: feedback.suggestions }
  }
}
