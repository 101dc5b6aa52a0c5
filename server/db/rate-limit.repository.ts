import { sql } from 'kysely'
import type { Executor } from './database'

/**
 * Fixed-window counter kept in the database, so several server instances share one limit.
 * Returns the count in the current window after adding `by`.
 */
export async function bumpCounter(db: Executor, key: string, windowMs: number, nowMs: number, by = 1): Promise<number> {
  const windowStart = Math.floor(nowMs / windowMs) * windowMs
  const row = await sql<{ count: number }>`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart}, ${by})
    on conflict (key) do update set
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + ${by} else ${by} end,
      window_start = excluded.window_start
    returning count`.execute(db)
  return row.rows[0]!.count
}

export async function readCounter(db: Executor, key: string, windowMs: number, nowMs: number): Promise<number> {
  const windowStart = Math.floor(nowMs / windowMs) * windowMs
  const row = await db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst()
  return row && row.window_start === windowStart ? row.count : 0
}

export async function clearCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute()
}
