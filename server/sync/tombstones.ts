import type { Executor } from '../db/database'
import type { Clock } from '../deps'
import { TOMBSTONE_KEEP_MS } from './limits'

/**
 * Deletes tombstones (and scope exits) older than `olderThan` and raises the horizon to the highest version purged:
 * a client whose cursor lies below it may have missed one of those deletes, so its next pull
 * answers `reset`. Run it from a maintenance job; never with `olderThan` later than 30 days ago
 * (purgeExpiredTombstones does that for you).
 */
export async function purgeTombstones(db: Executor, olderThan: Date, now: Date = new Date()): Promise<{ purged: number; horizon: number }> {
  const cutoff = olderThan.toISOString()
  const top = await db
    .selectFrom('tombstones')
    .select((eb) => [eb.fn.max('version').as('version'), eb.fn.countAll<number>().as('n')])
    .where('deleted_at', '<', cutoff)
    .executeTakeFirstOrThrow()
  const exits = await db
    .selectFrom('sync_scope_exits')
    .select((eb) => [eb.fn.max('version').as('version'), eb.fn.countAll<number>().as('n')])
    .where('exited_at', '<', cutoff)
    .executeTakeFirstOrThrow()
  const horizon = await db.selectFrom('sync_horizon').select('version').where('id', '=', 1).executeTakeFirstOrThrow()
  if (!Number(top.n) && !Number(exits.n)) return { purged: 0, horizon: horizon.version }
  const next = Math.max(horizon.version, Number(top.version ?? 0), Number(exits.version ?? 0))
  // horizon first: if the deletes below fail, clients reset needlessly, but never miss a delete
  await db.updateTable('sync_horizon').set({ version: next, purged_at: now.toISOString() }).where('id', '=', 1).execute()
  await db.deleteFrom('tombstones').where('deleted_at', '<', cutoff).execute()
  await db.deleteFrom('sync_scope_exits').where('exited_at', '<', cutoff).execute()
  return { purged: Number(top.n), horizon: next }
}

/** The everyday purge: keep exactly the promised offline window. */
export function purgeExpiredTombstones(db: Executor, clock: Clock) {
  const now = clock.now()
  return purgeTombstones(db, new Date(now.getTime() - TOMBSTONE_KEEP_MS), now)
}
