/** The password-strength web worker: one request in, one verdict out (see password-estimator.ts). */
import { answerEstimate, type EstimateRequest } from './password-estimator'

self.onmessage = (event: MessageEvent<EstimateRequest>) => self.postMessage(answerEstimate(event.data))
