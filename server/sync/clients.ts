import type { Executor } from '../db/database'
import { DomainError } from '../errors'

/**
 * Binds a client id to the person who first used it; another person presenting it is refused,
 * so nobody can read or garbage-collect someone else's idempotency records.
 */
export async function claimClient(db: Executor, clientId: string, userId: string, now: Date): Promise<void> {
  await db
    .insertInto('sync_clients')
    .values({ client_id: clientId, user_id: userId, created_at: now.toISOString(), last_pull_at: null })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute()
  const owner = await db.selectFrom('sync_clients').select('user_id').where('client_id', '=', clientId).executeTakeFirst()
  if (owner?.user_id !== userId) {
    throw new DomainError('client_not_yours', 'this sync client belongs to another account; sign in again on this device')
  }
}
