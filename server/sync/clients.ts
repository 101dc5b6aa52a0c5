import type { Executor } from '../db/database'
import { DomainError } from '../errors'
import { type Actor, ownerColumns } from './actor'

/**
 * Binds a client id to the actor (person or device) who first used it; anyone else presenting it —
 * another person, a device for a person's id or a person for a device's — is refused, so nobody can
 * read or garbage-collect someone else's idempotency records.
 */
export async function claimClient(db: Executor, clientId: string, actor: Actor, now: Date): Promise<void> {
  const owner = ownerColumns(actor)
  await db
    .insertInto('sync_clients')
    .values({ client_id: clientId, ...owner, created_at: now.toISOString(), last_pull_at: null })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute()
  const held = await db.selectFrom('sync_clients').select(['user_id', 'device_id']).where('client_id', '=', clientId).executeTakeFirst()
  if (held?.user_id !== owner.user_id || held?.device_id !== owner.device_id) {
    throw new DomainError('client_not_yours', 'this sync client belongs to another account or device; sign in again on this device')
  }
}
