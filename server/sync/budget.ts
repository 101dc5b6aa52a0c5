import { sql } from 'kysely'
import type { Clock } from '../deps'
import type { DB, Executor } from '../db/database'

/**
 * The per-account mutation budget: a token bucket (`burst` tokens, refilled at `perMinute`), one per
 * actor key (a person's user id, a device's `device:<id>`: actor.ts), kept in the database (table
 * `sync_budgets`, migration 0019) so that several server instances (issue 15) share ONE budget per
 * account instead of giving it N buckets.
 *
 * Why a table of its own and not `rate_limits` with a fixed window: a fixed window lets an account
 * spend a whole burst at the end of one window and another at the start of the next (2× burst at
 * once), and a window long enough to hold the burst (e.g. 500 per 10 minutes) would make a device
 * that spent its burst wait the whole window instead of trickling on at the steady rate. The bucket
 * keeps exactly the semantics the app was tuned for (shared/rules/sync-budget.ts).
 *
 * Each take is ONE conditional upsert (like rate-limit.repository.ts takeOne): the level is refilled
 * and one token spent only while at least one is there, atomically under concurrency on both
 * engines; a refusal changes nothing. A missing row is a full bucket, so full rows may be purged.
 */
export function mutationBudget({ burst, perMinute }: { burst: number; perMinute: number }, clock: Clock, db: DB) {
  const perMs = perMinute / 60_000
  return {
    /** Spends one mutation of `key`'s budget; false when none is left (nothing is spent then). */
    async take(key: string): Promise<boolean> {
      if (burst < 1) return false
      return takeToken(db, key, burst, perMs, clock.now().getTime())
    },
  }
}
export type MutationBudget = ReturnType<typeof mutationBudget>

async function takeToken(db: Executor, key: string, burst: number, perMs: number, nowMs: number): Promise<boolean> {
  // the level now: tokens left plus the refill since then (never negative if another instance's
  // clock ran a little ahead), capped at burst; scalar min/max differ between engines, CASE does not
  const rate = sql`cast(${perMs} as double precision)`
  const elapsed = sql`(case when excluded.at > sync_budgets.at then excluded.at - sync_budgets.at else 0 end)`
  const level = sql`(sync_budgets.tokens + ${elapsed} * ${rate})`
  const res = await sql<{ tokens: number }>`
    insert into sync_budgets (key, tokens, at) values (${key}, ${burst - 1}, ${nowMs})
    on conflict (key) do update set
      tokens = (case when ${level} > ${burst} then ${burst} else ${level} end) - 1,
      at = case when excluded.at > sync_budgets.at then excluded.at else sync_budgets.at end
    where ${level} >= 1
    returning tokens`.execute(db)
  return res.rows.length === 1
}

/** Deletes buckets that have refilled to the full burst (the same as no row); returns how many. */
export async function purgeFullBudgets(db: Executor, { burst, perMinute }: { burst: number; perMinute: number }, nowMs: number) {
  const res = await db
    .deleteFrom('sync_budgets')
    .where(sql<boolean>`tokens + (${nowMs} - at) * cast(${perMinute / 60_000} as double precision) >= ${burst}`)
    .executeTakeFirst()
  return Number(res.numDeletedRows)
}
