/**
 * The replica's two layers, kept in one IndexedDB database:
 *   rows = what the person sees (server state + pending optimistic changes)
 *   base = the server-confirmed copy of every row a pending change touched (snapshot on first touch)
 * Rebase (Replicache's idea): restore every base row into rows, then re-run the still-pending
 * mutations in outbox order. That rolls back a rejected change without losing later ones, and lays
 * pending changes on top of freshly pulled server rows.
 * Every function here works inside a transaction the caller opened over ALL_STORES, so an
 * optimistic change and its outbox entry commit together or not at all.
 */
import type { IDBPTransaction } from 'idb'
import type { Change } from '../../shared/schemas/sync'
import {
  INDEX_OUTBOX_BY_SEQ,
  INDEX_ROWS_BY_TABLE,
  STORE_BASE,
  STORE_META,
  STORE_OUTBOX,
  STORE_ROWS,
  type BaseRow,
  type ReplicaRow,
  type SyncDb,
  type SyncDbSchema,
} from './idb'
import type { MutatorRegistry, ReplicaWriter } from './mutators'
import type { TablesChanged } from './tables'

export const ALL_STORES = [STORE_OUTBOX, STORE_ROWS, STORE_BASE, STORE_META] as const
export type SyncTx = IDBPTransaction<SyncDbSchema, (typeof ALL_STORES)[number][], 'readwrite'>

const stripBase = ({ absent: _absent, ...row }: BaseRow): ReplicaRow => row as ReplicaRow

/** The writers below work on any table name a server change carries; features see ReplicaWriter. */
interface RowWriter {
  get(table: string, id: string): Promise<ReplicaRow | undefined>
  list(table: string): Promise<ReplicaRow[]>
  put(row: ReplicaRow): Promise<void>
  delete(table: string, id: string): Promise<void>
}
const typed = (w: RowWriter) => w as unknown as ReplicaWriter

/**
 * Which tables each transaction wrote, so the engine can tell views what changed (they re-read
 * only their own tables). Clearing the rows records 'all'.
 */
const touchedByTx = new WeakMap<object, Set<string> | 'all'>()
export function touch(tx: SyncTx, table: string | 'all'): void {
  const known = touchedByTx.get(tx)
  if (known === 'all') return
  if (table === 'all') touchedByTx.set(tx, 'all')
  else if (known) known.add(table)
  else touchedByTx.set(tx, new Set([table]))
}

/** Writer for optimistic changes: snapshots a row into `base` before its first change. */
export function overlayWriter(tx: SyncTx): ReplicaWriter {
  return typed(overlayRows(tx))
}
function overlayRows(tx: SyncTx): RowWriter {
  const rows = tx.objectStore(STORE_ROWS)
  const base = tx.objectStore(STORE_BASE)
  async function snapshot(table: string, id: string) {
    touch(tx, table)
    if (await base.get([table, id])) return
    const current = await rows.get([table, id])
    await base.put(current ?? { table, id, absent: true })
  }
  return {
    get: (table, id) => rows.get([table, id]),
    list: (table) => rows.index(INDEX_ROWS_BY_TABLE).getAll(table),
    async put(row) {
      await snapshot(row.table, row.id)
      await rows.put(row)
    },
    async delete(table, id) {
      await snapshot(table, id)
      await rows.delete([table, id])
    },
  }
}

/**
 * Writer onto the server-confirmed layer: used to fold an applied mutation that came back without
 * data (the server did exactly what we guessed) and to store server rows.
 */
export function baseWriter(tx: SyncTx): ReplicaWriter {
  return typed(baseRows(tx))
}
function baseRows(tx: SyncTx): RowWriter {
  const rows = tx.objectStore(STORE_ROWS)
  const base = tx.objectStore(STORE_BASE)
  async function get(table: string, id: string) {
    const b = await base.get([table, id])
    if (b) return b.absent ? undefined : stripBase(b)
    return rows.get([table, id])
  }
  return {
    get,
    async list(table) {
      const byKey = new Map((await rows.index(INDEX_ROWS_BY_TABLE).getAll(table)).map((r) => [r.id, r]))
      for (const b of await base.getAll()) {
        if (b.table !== table) continue
        if (b.absent) byKey.delete(b.id)
        else byKey.set(b.id, stripBase(b))
      }
      return [...byKey.values()]
    },
    async put(row) {
      touch(tx, row.table)
      if (await base.get([row.table, row.id])) await base.put(row)
      else await rows.put(row)
    },
    async delete(table, id) {
      touch(tx, table)
      if (await base.get([table, id])) await base.put({ table, id, absent: true })
      else await rows.delete([table, id])
    },
  }
}

/** Stores server changes (a pull page, an applied result's data). Returns whether a rebase is due. */
export async function applyServerChanges(tx: SyncTx, changes: Change[]): Promise<boolean> {
  const writer = baseRows(tx)
  const base = tx.objectStore(STORE_BASE)
  let touchedOverlay = false
  for (const change of changes) {
    if (await base.get([change.table, change.id])) touchedOverlay = true
    if (change.op === 'delete') await writer.delete(change.table, change.id)
    else await writer.put({ ...(change.row ?? {}), table: change.table, id: change.id })
  }
  return touchedOverlay
}

/** Restores the server-confirmed rows, then re-applies every mutation still pending, in order. */
export async function rebase(tx: SyncTx, mutators: MutatorRegistry): Promise<void> {
  const rows = tx.objectStore(STORE_ROWS)
  const base = tx.objectStore(STORE_BASE)
  for (const b of await base.getAll()) {
    touch(tx, b.table)
    if (b.absent) await rows.delete([b.table, b.id])
    else await rows.put(stripBase(b))
  }
  await base.clear()
  const writer = overlayWriter(tx)
  for (const entry of await tx.objectStore(STORE_OUTBOX).index(INDEX_OUTBOX_BY_SEQ).getAll()) {
    if (entry.status === 'rejected') continue
    const mutator = mutators[entry.name]
    if (!mutator) continue
    try {
      await mutator.apply(writer, entry.args)
    } catch (err) {
      // A broken optimistic change must not wedge the replica: the server answer will settle it.
      console.warn('optimistic change failed during rebase', entry.name, err)
    }
  }
}

/**
 * Runs `fn` in one read-write transaction over every store. A thrown error aborts the transaction
 * (IndexedDB would otherwise commit whatever was written before the throw). Once it committed, the
 * tables it wrote are added to `touched` (when given).
 */
export async function withTx<T>(db: SyncDb, fn: (tx: SyncTx) => Promise<T>, touched?: TouchedTables): Promise<T> {
  const tx = db.transaction([...ALL_STORES], 'readwrite')
  try {
    const result = await fn(tx)
    await tx.done
    touched?.add(touchedByTx.get(tx))
    return result
  } catch (err) {
    try {
      tx.abort()
    } catch {
      // already finished or aborted
    }
    await tx.done.catch(() => undefined)
    throw err
  }
}

/** Collects the tables several transactions wrote (one engine step may commit more than one). */
export class TouchedTables {
  private tables: Set<string> | 'all' = new Set()
  add(more: Set<string> | 'all' | undefined): void {
    if (!more || this.tables === 'all') return
    if (more === 'all') this.tables = 'all'
    else for (const t of more) this.tables.add(t)
  }
  get value(): TablesChanged {
    return this.tables
  }
}
