/**
 * What the password worker does with one request: build the estimator once (about 1.7 MB of
 * dictionaries, parsed off the main thread), then judge each password with the shared rule.
 * Kept apart from the worker entry so a test can run it in-thread.
 */
import { judgeNewPassword, type PasswordOwner, type PasswordVerdict } from '../../../shared/rules/password'
import { createPasswordEstimator } from '../../../shared/rules/password-strength'

export interface EstimateRequest {
  id: number
  password: string
  person: PasswordOwner
}
export interface EstimateReply {
  id: number
  verdict: PasswordVerdict
}

let estimator: ReturnType<typeof createPasswordEstimator> | undefined

export function answerEstimate(request: EstimateRequest): EstimateReply {
  estimator ??= createPasswordEstimator()
  return { id: request.id, verdict: judgeNewPassword(request.password, request.person, estimator) }
}
