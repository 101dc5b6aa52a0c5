import type { Clock } from '../deps'

/** Entries kept before full buckets are swept: a full bucket is the same as no entry. */
const SWEEP_AT = 10_000

/**
 * The per-account mutation budget: a token bucket (`burst` tokens, refilled at `perMinute`), one
 * per actor key (a person's user id, a device's `device:<id>`: actor.ts), in memory. One server process serves the app, so memory is the whole truth; a
 * restart refills every bucket, which costs at most one extra burst per account.
 */
export function mutationBudget({ burst, perMinute }: { burst: number; perMinute: number }, clock: Clock) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const perMs = perMinute / 60_000

  function level(userId: string, now: number): number {
    const b = buckets.get(userId)
    return b ? Math.min(burst, b.tokens + (now - b.at) * perMs) : burst
  }

  function sweep(now: number) {
    for (const id of [...buckets.keys()]) if (level(id, now) >= burst) buckets.delete(id)
  }

  return {
    /** Spends one mutation of `userId`'s budget; false when none is left (nothing is spent then). */
    take(userId: string): boolean {
      const now = clock.now().getTime()
      const tokens = level(userId, now)
      if (tokens < 1) return false
      if (buckets.size >= SWEEP_AT) sweep(now)
      buckets.set(userId, { tokens: tokens - 1, at: now })
      return true
    },
  }
}
export type MutationBudget = ReturnType<typeof mutationBudget>
