/**
 * The ONLY IndexedDB adapter of the app (all storage goes through here; keys are named constants).
 *
 * Stores:
 *   outbox  key = mutation id          the person's mutations not yet settled (pending | sending | rejected)
 *   rows    key = [table, id]          the local replica as the person sees it (server rows + optimistic overlay)
 *   base    key = [table, id]          the last server-confirmed copy of every row an optimistic change touched,
 *                                      so a rejection can be rolled back by rebasing (see client/lib/sync.ts)
 *   meta    key = META_* constant      cursor, clientId, lastSyncAt, lastError, schemaVersion, nextSeq
 *
 * Schema changes are versioned migrations: append a function to MIGRATIONS, never edit an old one.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb'

/** The database before it was per account (and the default name in tests). */
export const DB_NAME = 'scientists-home'
/**
 * Shared devices: each account has a database of its own (Replicache names its store by the user
 * id for the same reason), so an entry made under one account can never be pushed with another's
 * session, and every account gets its own sync client id. The name holds the id, never a phone.
 */
export const ACCOUNT_DB_PREFIX = 'scientists-home.account.'
export const accountDbName = (userId: string) => ACCOUNT_DB_PREFIX + userId
export const STORE_OUTBOX = 'outbox'
export const STORE_ROWS = 'rows'
export const STORE_BASE = 'base'
export const STORE_META = 'meta'
export const INDEX_ROWS_BY_TABLE = 'byTable'
export const INDEX_OUTBOX_BY_SEQ = 'bySeq'

export const META_CURSOR = 'cursor'
export const META_CLIENT_ID = 'clientId'
export const META_LAST_SYNC_AT = 'lastSyncAt'
export const META_LAST_ERROR = 'lastError'
export const META_SCHEMA_VERSION = 'schemaVersion'
/** local order of the outbox: a counter, never the device clock */
export const META_NEXT_SEQ = 'nextSeq'

export type OutboxStatus = 'pending' | 'sending' | 'rejected'
export interface OutboxEntry {
  id: string
  name: string
  args: unknown
  /** device time, for display only */
  createdAt: string
  seq: number
  status: OutboxStatus
  code?: string
  message?: string
  /**
   * What the entry is about in people's words, captured when it was made (an activity's title, an
   * organisation's name), so the outbox names things offline too, and never by id. Display only:
   * never sent to the server.
   */
  display?: Record<string, string>
}

/** A replica row: the public row as the server sends it, plus its table name. */
export type ReplicaRow = Record<string, unknown> & { table: string; id: string }
/** In `base`, `absent: true` records that the row did not exist before the optimistic change. */
export type BaseRow = ReplicaRow & { absent?: boolean }

export interface SyncDbSchema extends DBSchema {
  [STORE_OUTBOX]: { key: string; value: OutboxEntry; indexes: { [INDEX_OUTBOX_BY_SEQ]: number } }
  [STORE_ROWS]: { key: [string, string]; value: ReplicaRow; indexes: { [INDEX_ROWS_BY_TABLE]: string } }
  [STORE_BASE]: { key: [string, string]; value: BaseRow }
  [STORE_META]: { key: string; value: unknown }
}
export type SyncDb = IDBPDatabase<SyncDbSchema>

type Migration = (db: IDBPDatabase<SyncDbSchema>) => void
/** One function per database version; index 0 upgrades from version 0 to 1. */
const MIGRATIONS: Migration[] = [
  (db) => {
    const outbox = db.createObjectStore(STORE_OUTBOX, { keyPath: 'id' })
    outbox.createIndex(INDEX_OUTBOX_BY_SEQ, 'seq')
    const rows = db.createObjectStore(STORE_ROWS, { keyPath: ['table', 'id'] })
    rows.createIndex(INDEX_ROWS_BY_TABLE, 'table')
    db.createObjectStore(STORE_BASE, { keyPath: ['table', 'id'] })
    db.createObjectStore(STORE_META)
  },
]
export const DB_VERSION = MIGRATIONS.length

/** Stores holding the person's data: all of them are wiped on logout. */
export const PERSONAL_STORES = [STORE_OUTBOX, STORE_ROWS, STORE_BASE, STORE_META] as const

export interface OpenOptions {
  name?: string
  /**
   * Another tab (or a new deployment) wants a newer schema: we have closed our connection and the
   * page must be reloaded. Without this, the other tab's upgrade stays blocked forever.
   */
  onVersionChange?: () => void
  /** Our own upgrade is waiting for an older tab to close. */
  onBlocked?: () => void
  /** Another tab deletes this database (logout): we have closed our connection. */
  onDeleted?: () => void
}

/** Opens (and migrates) the database. */
export async function openSyncDb(options: OpenOptions = {}): Promise<SyncDb> {
  const db = await openDB<SyncDbSchema>(options.name ?? DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      for (let v = oldVersion; v < MIGRATIONS.length; v++) MIGRATIONS[v]!(database)
    },
    blocked() {
      options.onBlocked?.()
    },
    blocking(_current, next, event) {
      ;(event.target as IDBDatabase).close()
      if (next === null) options.onDeleted?.()
      else options.onVersionChange?.()
    },
  })
  return db
}

let persistAsked = false
/** Asks the browser once not to evict our storage (lost-writes trap); the answer is best effort. */
export async function askPersistentStorage(): Promise<boolean> {
  if (persistAsked) return false
  persistAsked = true
  const storage = (globalThis.navigator as Navigator | undefined)?.storage
  if (!storage?.persist) return false
  try {
    return (await storage.persisted?.()) || (await storage.persist())
  } catch {
    return false
  }
}

/** Wipes every personal store and keeps the database (a kiosk reset; logout deletes the account database instead). */
export async function wipePersonalStores(db: SyncDb): Promise<void> {
  const tx = db.transaction([...PERSONAL_STORES], 'readwrite')
  await Promise.all([...PERSONAL_STORES.map((s) => tx.objectStore(s).clear()), tx.done])
}

/** Meta keys an account's sealed database keeps: what its outbox needs to be sent later, nothing else. */
const SEALED_META = new Set<string>([META_CLIENT_ID, META_NEXT_SEQ])

/**
 * Another person signed in on this device: the previous account's database keeps only its unsent
 * outbox (sealed for that account's next sign-in here) and loses its replica, cursor and cached
 * cards. Without the schema version its next start rebuilds the replica and rebases the outbox.
 * Returns false when nothing was left to keep (the caller may then delete the database).
 */
export async function sealPersonalStores(db: SyncDb): Promise<boolean> {
  const tx = db.transaction([STORE_OUTBOX, STORE_ROWS, STORE_BASE, STORE_META], 'readwrite')
  await tx.objectStore(STORE_ROWS).clear()
  await tx.objectStore(STORE_BASE).clear()
  const meta = tx.objectStore(STORE_META)
  for (const key of await meta.getAllKeys()) if (!SEALED_META.has(key)) await meta.delete(key)
  const kept = await tx.objectStore(STORE_OUTBOX).count()
  await tx.done
  return kept > 0
}

/**
 * Deletes a database. Other tabs' connections close on `versionchange` (openSyncDb's `blocking`);
 * a tab that does not answer leaves the deletion queued, so we stop waiting after `waitMs` — the
 * browser finishes it once that tab closes, and no open of the database can run before it.
 */
export async function deleteSyncDb(name: string, waitMs = 5_000): Promise<void> {
  await Promise.race([deleteDB(name), new Promise((resolve) => setTimeout(resolve, waitMs))])
}

/** Names of the per-account databases on this device (empty where the browser cannot list them). */
export async function accountDbNames(): Promise<string[]> {
  const list = await globalThis.indexedDB?.databases?.().catch(() => [])
  return (list ?? []).map((d) => d.name ?? '').filter((n) => n.startsWith(ACCOUNT_DB_PREFIX))
}

/** Cached member cards and the public keys that verify them (so the card works offline). */
export const META_CARDS = 'cards'
export const META_CARD_KEYS = 'cardKeys'
/** Activities opened online (so they show offline) and the notices the person has seen. */
export const META_SEEN_ACTIVITIES = 'seenActivities'
export const META_ACTIVITY_NOTICES = 'activityNotices'
/** Meta keys features may keep their own device-local state under (through the engine: readLocal/writeLocal). */
/** The check-in desk's copy of one activity's list (names, masked phones, member numbers), for offline. */
export const metaRosterKey = (activityId: string) => `checkInRoster.${activityId}` as const
/** A volunteer shift desk's copy of its roster (client/doors/lead/day), for offline. */
export const metaShiftRosterKey = (shiftId: string) => `shiftRoster.${shiftId}` as const
/** The person's volunteer service certificate (服务证明), shifts signed up for from the open list, a team's teammates (for a swap), for offline. */
export const META_VOLUNTEER_CERTIFICATE = 'volunteerCertificate'
export const META_SIGNED_UP_SHIFTS = 'signedUpShifts'
export const metaTeammatesKey = (teamId: string) => `teammates.${teamId}` as const
export type LocalKey =
  | typeof META_CARDS
  | typeof META_CARD_KEYS
  | typeof META_SEEN_ACTIVITIES
  | typeof META_ACTIVITY_NOTICES
  | ReturnType<typeof metaRosterKey>
  | ReturnType<typeof metaShiftRosterKey>
  | typeof META_VOLUNTEER_CERTIFICATE
  | typeof META_SIGNED_UP_SHIFTS
  | ReturnType<typeof metaTeammatesKey>

export function readMeta<T>(db: SyncDb, key: string): Promise<T | undefined> {
  return db.get(STORE_META, key) as Promise<T | undefined>
}
export async function writeMeta(db: SyncDb, key: string, value: unknown): Promise<void> {
  await db.put(STORE_META, value, key)
}
