/**
 * The client's door to the password-strength rule. The estimator runs in a web worker: its
 * dictionaries never enter the page's bundle (nor the service worker's precache: see
 * vite.config.ts), their parse and each estimate stay off the main thread, and a worker that
 * cannot be loaded (offline, a removed deployment) is an `error` event we answer with null —
 * "unknown, the server decides" — rather than a failed chunk import that would reload the page.
 */
import type { PasswordOwner, PasswordVerdict } from '../../../shared/rules/password'
import type { EstimateReply, EstimateRequest } from './password-estimator'

let worker: Worker | null = null
let nextId = 0
const waiting = new Map<number, (verdict: PasswordVerdict | null) => void>()

function startWorker(): Worker | null {
  if (worker) return worker
  if (typeof Worker === 'undefined') return null
  const started = new Worker(new URL('./password-estimator.worker.ts', import.meta.url), { type: 'module' })
  started.onmessage = (event: MessageEvent<EstimateReply>) => {
    waiting.get(event.data.id)?.(event.data.verdict)
    waiting.delete(event.data.id)
  }
  // A worker that failed to load (or crashed) answers every waiting request with null; the next
  // request starts a new one.
  started.onerror = () => {
    for (const resolve of waiting.values()) resolve(null)
    waiting.clear()
    started.terminate()
    if (worker === started) worker = null
  }
  worker = started
  return started
}

/** The server's verdict on a new password, computed here; null when the estimator is unavailable. */
export function estimateNewPassword(password: string, person: PasswordOwner): Promise<PasswordVerdict | null> {
  const target = startWorker()
  if (!target) return Promise.resolve(null)
  const request: EstimateRequest = { id: ++nextId, password, person: { phone: person.phone, name: person.name } }
  return new Promise((resolve) => {
    waiting.set(request.id, resolve)
    target.postMessage(request)
  })
}

/** Ends the worker (and frees its dictionaries' memory) when no screen needs it any more. */
export function stopPasswordWorker(): void {
  for (const resolve of waiting.values()) resolve(null)
  waiting.clear()
  worker?.terminate()
  worker = null
}
