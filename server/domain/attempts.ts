/**
 * The one path every password check takes (login, registration, password change, account deletion):
 *   0. ask the hash gate whether it would take this client's job now (503 + Retry-After if not; no
 *      database write, so a flood of refusals costs next to nothing);
 *   1. take an attempt on each limit key, atomically, BEFORE any hashing (429 + Retry-After when a
 *      limit is used up: a throttled attempt costs one upsert and nothing else);
 *   2. ask the hash gate for a place (503 + Retry-After when it is full; the attempt is given back,
 *      since the password was never checked);
 *   3. hash.
 */
import type { Context } from 'hono'
import type { AppDeps } from '../deps'
import { DomainError } from '../errors'
import { refundAttempts, secondsLeftInWindow, takeAttempts, type LimitKey } from '../db/rate-limit.repository'
import { GateBusy, HashGate, type Lane } from './hash-gate'

const gates = new WeakMap<AppDeps['config'], HashGate>()

/** The app's hash gate: the one createApp made (or was given), else one per config. */
export function hashGateOf(deps: AppDeps): HashGate {
  if (deps.hashGate) return deps.hashGate
  let gate = gates.get(deps.config)
  if (!gate) {
    const { hashConcurrency, hashQueue, hashReservedForKnown } = deps.config
    gate = new HashGate({ concurrency: hashConcurrency, maxQueued: hashQueue, reservedForKnown: hashReservedForKnown })
    gates.set(deps.config, gate)
  }
  return gate
}

function busy(c: Context) {
  c.header('Retry-After', '1')
  return new DomainError('busy', 'many passwords are being checked right now; try again in a moment')
}

/** What `take` hands back: runs the hashing for the attempt it counted (step 2–3). */
export type Hashing = <T>(job: () => Promise<T>) => Promise<T>

export function limiter(deps: AppDeps) {
  const { db, clock, config } = deps
  const gate = hashGateOf(deps)
  /** Step 1 alone: counts this attempt on every key, or refuses it (429) without counting anywhere. */
  async function count(c: Context, keys: readonly LimitKey[]): Promise<void> {
    const now = clock.now().getTime()
    if ((await takeAttempts(db, keys, config.loginWindowMs, now)) !== null) {
      c.header('Retry-After', String(secondsLeftInWindow(config.loginWindowMs, now)))
      throw new DomainError('too_many_attempts', 'too many attempts; wait 15 minutes and try again')
    }
  }
  return {
    /** For checks that hash nothing (an SMS code): the same limits, without the gate. */
    count,
    /**
     * Steps 0 and 1 for `client` (an address, a known browser, a user) in `lane`: refuses at once
     * when the gate is full (503), else counts this attempt on every key or refuses it (429)
     * without counting anywhere. Returns the function that runs the hashing through the gate.
     */
    async take(c: Context, keys: readonly LimitKey[], client: string, lane: Lane = 'other'): Promise<Hashing> {
      if (!gate.admits(client, lane)) throw busy(c)
      await count(c, keys)
      return async (job) => {
        try {
          return await gate.run(client, lane, job)
        } catch (err) {
          if (!(err instanceof GateBusy)) throw err
          // the gate filled up meanwhile, or gave this place to another client: never checked, not counted
          await refundAttempts(
            db,
            keys.map(([k]) => k),
            config.loginWindowMs,
            clock.now().getTime(),
          )
          throw busy(c)
        }
      }
    },
  }
}
