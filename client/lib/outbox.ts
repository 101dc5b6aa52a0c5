/**
 * Outbox reads and the one write path that adds to it. Order is a local counter (`seq`), never the
 * device clock; ids are UUIDs chosen once, so a retried push carries the same ids (server dedup).
 */
import { INDEX_OUTBOX_BY_SEQ, META_NEXT_SEQ, STORE_META, STORE_OUTBOX, type OutboxEntry, type SyncDb } from './idb'
import { overlayWriter, type SyncTx } from './replica'
import type { ClientMutator } from './mutators'

export const PUSH_BATCH_SIZE = 100

export async function readOutbox(db: SyncDb): Promise<OutboxEntry[]> {
  return db.getAllFromIndex(STORE_OUTBOX, INDEX_OUTBOX_BY_SEQ)
}

export const isPending = (e: OutboxEntry) => e.status !== 'rejected'

/** Adds an entry and applies its optimistic change inside the caller's transaction (atomic). */
export async function enqueue(tx: SyncTx, mutator: ClientMutator, entry: Omit<OutboxEntry, 'seq' | 'status'>): Promise<OutboxEntry> {
  const meta = tx.objectStore(STORE_META)
  const seq = ((await meta.get(META_NEXT_SEQ)) as number | undefined) ?? 1
  await meta.put(seq + 1, META_NEXT_SEQ)
  const full: OutboxEntry = { ...entry, seq, status: 'pending' }
  await tx.objectStore(STORE_OUTBOX).add(full)
  await mutator.apply(overlayWriter(tx), entry.args)
  return full
}

/** After a crash mid-push, 'sending' entries are simply pending again (their ids make resending safe). */
export async function resetSending(db: SyncDb): Promise<void> {
  const tx = db.transaction(STORE_OUTBOX, 'readwrite')
  for (const e of await tx.store.getAll()) if (e.status === 'sending') await tx.store.put({ ...e, status: 'pending' })
  await tx.done
}

export async function markSending(db: SyncDb, ids: string[], status: 'sending' | 'pending'): Promise<void> {
  const tx = db.transaction(STORE_OUTBOX, 'readwrite')
  for (const id of ids) {
    const e = await tx.store.get(id)
    if (e && e.status !== 'rejected') await tx.store.put({ ...e, status })
  }
  await tx.done
}
