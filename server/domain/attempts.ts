/**
 * The one path every password check takes (login, registration, password change, account deletion):
 *   1. take an attempt on each limit key, atomically, BEFORE any hashing (429 + Retry-After when a
 *      limit is used up: a throttled attempt costs one upsert and nothing else);
 *   2. ask the hash gate for a place (503 + Retry-After when it is full; the attempt is given back,
 *      since the password was never checked);
 *   3. hash.
 */
import type { Context } from 'hono'
import type { AppDeps } from '../deps'
import { ApiError } from '../errors'
import { refundAttempts, secondsLeftInWindow, takeAttempts, type LimitKey } from '../db/rate-limit.repository'
import { GateBusy, HashGate, type Lane } from './hash-gate'

const gates = new WeakMap<AppDeps['config'], HashGate>()

/** The app's hash gate: the one createApp made (or was given), else one per config. */
export function hashGateOf(deps: AppDeps): HashGate {
  if (deps.hashGate) return deps.hashGate
  let gate = gates.get(deps.config)
  if (!gate) {
    gate = new HashGate({ concurrency: deps.config.hashConcurrency, maxQueued: deps.config.hashQueue })
    gates.set(deps.config, gate)
  }
  return gate
}

export function limiter(deps: AppDeps) {
  const { db, clock, config } = deps
  const gate = hashGateOf(deps)
  return {
    /** Step 1: counts this attempt on every key, or refuses it (429) without counting anywhere. */
    async take(c: Context, keys: readonly LimitKey[]): Promise<void> {
      const now = clock.now().getTime()
      if ((await takeAttempts(db, keys, config.loginWindowMs, now)) !== null) {
        c.header('Retry-After', String(secondsLeftInWindow(config.loginWindowMs, now)))
        throw new ApiError(429, 'too_many_attempts', 'too many attempts; wait 15 minutes and try again')
      }
    },
    /** Steps 2 and 3: runs `job` through the gate as `client`, or refuses at once (503). */
    async hashing<T>(c: Context, keys: readonly LimitKey[], client: string, lane: Lane, job: () => Promise<T>): Promise<T> {
      try {
        return await gate.run(client, lane, job)
      } catch (err) {
        if (!(err instanceof GateBusy)) throw err
        await refundAttempts(db, keys.map(([k]) => k), config.loginWindowMs, clock.now().getTime())
        c.header('Retry-After', '1')
        throw new ApiError(503, 'busy', 'many passwords are being checked right now; try again in a moment')
      }
    },
  }
}
