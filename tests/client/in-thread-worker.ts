/**
 * happy-dom has no Worker: this stand-in runs the password worker's handler in the test's own
 * thread (the real estimator and rule), answering asynchronously like a worker would. A browser
 * test (tests/e2e/foundation.test.ts) covers the real worker.
 */
import { answerEstimate, type EstimateRequest } from '../../client/features/account/password-estimator'

export class InThreadPasswordWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null
  onerror: (() => void) | null = null
  constructor(readonly url: URL | string) {}
  postMessage(request: EstimateRequest) {
    setTimeout(() => this.onmessage?.({ data: answerEstimate(request) }), 0)
  }
  terminate() {}
}

/** A worker still downloading its script (a slow network): it never answers in time. */
export class SilentWorker extends InThreadPasswordWorker {
  override postMessage() {}
}

/** A worker whose script cannot be loaded (offline, removed by a new deployment). */
export class UnloadableWorker extends InThreadPasswordWorker {
  override postMessage() {
    setTimeout(() => this.onerror?.(), 0)
  }
}
