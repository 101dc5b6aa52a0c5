import { sql } from 'kysely'
import type { DB, Executor } from './database'

/**
 * Fixed-window counters kept in the database, so several server instances share one limit.
 * An attempt is TAKEN before the expensive work (scrypt), by one conditional upsert that raises
 * the count only while it is under the limit: however many requests arrive at once, at most
 * `limit` of them get through per window. A success can give its attempt back (`refundAttempts`).
 */
export type LimitKey = readonly [key: string, limit: number, windowMs?: number]

const windowOf = (nowMs: number, windowMs: number) => Math.floor(nowMs / windowMs) * windowMs

/** Takes one attempt on `key`; false (and nothing counted) when the window's limit is used up. */
async function takeOne(db: Executor, key: string, limit: number, windowStart: number): Promise<boolean> {
  const row = await sql<{ count: number }>`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
      window_start = excluded.window_start
    where rate_limits.window_start <> excluded.window_start or rate_limits.count < ${limit}
    returning count`.execute(db)
  return row.rows.length === 1
}

class Refused extends Error {
  constructor(readonly key: string) {
    super(`limit reached for ${key}`)
  }
}

/**
 * Takes one attempt on every key, all or none (one transaction): the refused key, or null when
 * all were taken. Cheap: one indexed upsert per key. A key may name its own window (a multiple or a
 * divisor of the others', so windows stay aligned); else `windowMs`.
 */
export async function takeAttempts(db: DB, keys: readonly LimitKey[], windowMs: number, nowMs: number): Promise<string | null> {
  return db
    .transaction()
    .execute(async (trx) => {
      for (const [key, limit, keyWindowMs] of keys) {
        if (!(await takeOne(trx, key, limit, windowOf(nowMs, keyWindowMs ?? windowMs)))) {
          // throwing rolls back the keys already taken: a refused attempt counts nowhere
          throw new Refused(key)
        }
      }
      return null
    })
    .catch((err: unknown) => {
      if (err instanceof Refused) return err.key
      throw err
    })
}

/** Gives attempts back (a success, or work the server refused to start); never below zero. */
export async function refundAttempts(db: Executor, keys: readonly string[], windowMs: number, nowMs: number): Promise<void> {
  if (keys.length === 0) return
  await db
    .updateTable('rate_limits')
    .set({ count: sql<number>`case when count > 0 then count - 1 else 0 end` })
    .where('key', 'in', keys)
    .where('window_start', '=', windowOf(nowMs, windowMs))
    .execute()
}

/** Seconds until the current window ends (the Retry-After of a 429). */
export const secondsLeftInWindow = (windowMs: number, nowMs: number) =>
  Math.max(1, Math.ceil((windowOf(nowMs, windowMs) + windowMs - nowMs) / 1000))

/** Adds `by` to a key's count in the current window and returns the new count (no limit applied). */
export async function bumpCounter(db: Executor, key: string, windowMs: number, nowMs: number, by = 1): Promise<number> {
  const windowStart = windowOf(nowMs, windowMs)
  const row = await sql<{ count: number }>`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart}, ${by})
    on conflict (key) do update set
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + ${by} else ${by} end,
      window_start = excluded.window_start
    returning count`.execute(db)
  return row.rows[0]!.count
}

/** The count in the current window. Reading then acting is NOT a limit under concurrency: use takeAttempts. */
export async function readCounter(db: Executor, key: string, windowMs: number, nowMs: number): Promise<number> {
  const row = await db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst()
  return row && row.window_start === windowOf(nowMs, windowMs) ? row.count : 0
}

export async function clearCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute()
}

/**
 * Deletes counters whose window is over (they would restart at zero anyway); returns how many.
 * `windowMs` is the LONGEST window in use: a shorter window's counter goes at the next longer boundary.
 */
export async function purgeRateLimits(db: Executor, windowMs: number, nowMs: number): Promise<number> {
  const res = await db.deleteFrom('rate_limits').where('window_start', '<', windowOf(nowMs, windowMs)).executeTakeFirst()
  return Number(res.numDeletedRows)
}
