/**
 * The database side of each protocol step, one IndexedDB transaction each (see client/lib/sync.ts
 * for the protocol). Kept apart from the engine so the engine reads as the protocol.
 */
import type { Change, MutationResult, PullResponse } from '../../shared/schemas/sync'
import { META_CURSOR, STORE_BASE, STORE_META, STORE_OUTBOX, STORE_ROWS, type OutboxEntry, type SyncDb } from './idb'
import { applyServerChanges, baseWriter, rebase, touch, withTx, type SyncTx, type TouchedTables } from './replica'
import type { MutatorRegistry } from './mutators'
import { isPending } from './outbox'

/**
 * Settles results inside a transaction: applied → drop the entry; its server data (or, without
 * data, the change we guessed) becomes server-confirmed; rejected → keep the entry with its reason
 * and args. Results for entries already settled (echoes) are ignored. Returns the ids settled now.
 * The caller rebases afterwards, so a rejected change leaves the replica and later ones stay.
 */
async function settleIn(tx: SyncTx, mutators: MutatorRegistry, results: MutationResult[]): Promise<Set<string>> {
  const outbox = tx.objectStore(STORE_OUTBOX)
  const settled = new Set<string>()
  for (const result of results) {
    const entry = await outbox.get(result.id)
    if (!entry || entry.status === 'rejected') continue
    settled.add(entry.id)
    if (result.status === 'applied') {
      await outbox.delete(entry.id)
      const mutator = mutators[entry.name]
      const changes: Change[] | null = result.data != null && mutator?.confirmed ? mutator.confirmed(result.data) : null
      if (changes) await applyServerChanges(tx, changes)
      else if (mutator) await mutator.apply(baseWriter(tx), entry.args)
    } else {
      await outbox.put({ ...entry, status: 'rejected', code: result.code ?? 'rejected', message: result.message ?? '' })
    }
  }
  return settled
}

/** Step 3: settle one push batch; entries the server did not answer go back to pending. */
export function settleResults(
  db: SyncDb,
  mutators: MutatorRegistry,
  batch: OutboxEntry[],
  results: MutationResult[],
  touched?: TouchedTables,
) {
  return withTx(
    db,
    async (tx) => {
      const settled = await settleIn(tx, mutators, results)
      const outbox = tx.objectStore(STORE_OUTBOX)
      for (const entry of batch) {
        if (settled.has(entry.id)) continue
        const current = await outbox.get(entry.id)
        if (current?.status === 'sending') await outbox.put({ ...current, status: 'pending' })
      }
      await rebase(tx, mutators)
      return batch.filter((e) => settled.has(e.id)).length
    },
    touched,
  )
}

/**
 * Step 4: store one pull page and its cursor together, so a crash never skips or repeats a page.
 * Results of our own mutations carried by the page (a push whose answer was lost) are settled in the
 * same transaction, before the cursor that lets the server forget them is stored.
 */
export function storePullPage(db: SyncDb, mutators: MutatorRegistry, page: PullResponse, touched?: TouchedTables) {
  return withTx(
    db,
    async (tx) => {
      const settled = await settleIn(tx, mutators, page.results ?? [])
      const touchedOverlay = (await applyServerChanges(tx, page.changes)) || settled.size > 0
      await tx.objectStore(STORE_META).put(page.cursor, META_CURSOR)
      if (touchedOverlay) await rebase(tx, mutators)
    },
    touched,
  )
}

class StillPending extends Error {}

/**
 * Step 5: `reset` — drop the replica and the cursor, but only if nothing is pending (the caller
 * flushed the outbox first). Returns false when a mutation is still pending; the caller pushes again.
 */
export async function resetReplica(db: SyncDb): Promise<boolean> {
  try {
    await withTx(db, async (tx) => {
      if ((await tx.objectStore(STORE_OUTBOX).getAll()).some(isPending)) throw new StillPending()
      await tx.objectStore(STORE_ROWS).clear()
      await tx.objectStore(STORE_BASE).clear()
      await tx.objectStore(STORE_META).put(0, META_CURSOR)
      touch(tx, 'all')
    })
    return true
  } catch (err) {
    if (err instanceof StillPending) return false
    throw err
  }
}

/** A replica built for another schema version is dropped (outbox kept) and pulled again from zero. */
export function dropReplicaForSchema(db: SyncDb, mutators: MutatorRegistry, schemaKey: string, version: number) {
  return withTx(db, async (tx) => {
    const meta = tx.objectStore(STORE_META)
    if ((await meta.get(schemaKey)) === version) return
    await tx.objectStore(STORE_ROWS).clear()
    await tx.objectStore(STORE_BASE).clear()
    await meta.put(0, META_CURSOR)
    touch(tx, 'all')
    await meta.put(version, schemaKey)
    await rebase(tx, mutators)
  })
}
