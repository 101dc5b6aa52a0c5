import type { MutationResult } from '../../shared/schemas/sync'
import type { Executor } from '../db/database'
import { RECORD_MIN_AGE_MS } from './limits'
import { type Actor, ownerColumns } from './actor'
import { inVersionRange } from './tables/types'

/** The idempotency record of one mutation, or undefined if it was never processed (or forgotten). */
export async function findResult(db: Executor, clientId: string, mutationId: string): Promise<MutationResult | undefined> {
  const row = await db
    .selectFrom('sync_mutations')
    .select('result')
    .where('client_id', '=', clientId)
    .where('mutation_id', '=', mutationId)
    .executeTakeFirst()
  return row ? (JSON.parse(row.result) as MutationResult) : undefined
}

export async function recordResult(
  db: Executor,
  rec: { clientId: string; actor: Actor; name: string; result: MutationResult; version: number; now: Date },
): Promise<void> {
  await db
    .insertInto('sync_mutations')
    .values({
      client_id: rec.clientId,
      mutation_id: rec.result.id,
      ...ownerColumns(rec.actor),
      name: rec.name.slice(0, 64),
      status: rec.result.status,
      result: JSON.stringify(rec.result),
      version: rec.version,
      created_at: rec.now.toISOString(),
    })
    .execute()
}

/** Results of a client's mutations with after < version <= upTo, in processing order (for pull). */
export async function resultsBetween(db: Executor, clientId: string, after: number, upTo: number): Promise<MutationResult[]> {
  const q = db.selectFrom('sync_mutations').select('result').where('client_id', '=', clientId)
  const rows = await inVersionRange(q, 'version', 'version', { after, upTo }).execute()
  return rows.map((r) => JSON.parse(r.result) as MutationResult)
}

/**
 * Garbage collection: the client pulled with `cursor`, so it holds every result up to it (pull
 * answers carry them). Forget those, but only once they are old enough that no duplicate of the
 * original push can still arrive.
 */
export async function forgetSeenResults(db: Executor, clientId: string, cursor: number, now: Date): Promise<number> {
  const oldEnough = new Date(now.getTime() - RECORD_MIN_AGE_MS).toISOString()
  const res = await db
    .deleteFrom('sync_mutations')
    .where('client_id', '=', clientId)
    .where('version', '<=', cursor)
    .where('created_at', '<=', oldEnough)
    .executeTakeFirst()
  return Number(res.numDeletedRows)
}
