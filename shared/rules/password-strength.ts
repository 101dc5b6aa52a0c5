/**
 * The password strength estimator: zxcvbn-ts with its common-password list (~30,000 entries) and
 * keyboard graphs, the English words and names, and our Chinese/pinyin list. Heavy (about 1 MB
 * of dictionaries): import it only through `loadPasswordEstimator()` in ./password.ts.
 *
 * Cost bounds (the server runs this on its one event loop, at each registration and password
 * change; zxcvbn's time grows steeply with length): only the first 32 characters are estimated —
 * a longer password is judged by that prefix, which scores 4 unless it is itself built from
 * common words (a five-word passphrase still scores 4 within 32) — and the l33t matcher tries at
 * most 10 substitution variants (the default, 100, made one 64-character password cost about
 * 2 s here; 10 still catches P@ssw0rd). Figures: bench/password-strength.ts.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common'
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en'
import { chineseDictionary } from './password-dictionary-zh'

export const ESTIMATED_LENGTH = 32

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
