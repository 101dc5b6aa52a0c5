/**
 * The app's one sync engine, for one account: opened on that account's own database when the
 * person is signed in, stopped on logout (client/features/account/device-session.ts decides when).
 * Everything else (store, views, the update prompt) reaches it through here or client/lib/sync.ts.
 */
import { DB_NAME, accountDbName, accountDbNames, askPersistentStorage, deleteSyncDb, openSyncDb, sealPersonalStores } from '../../lib/idb'
import { SyncEngine, setActiveEngine } from '../../lib/sync'
import { clientMutators } from './mutators'

let engine: SyncEngine | null = null
let engineAccount: string | null = null
let starting: Promise<SyncEngine> | null = null

export interface EngineHooks {
  /** another tab or a new version needs the database: the page must be reloaded */
  onReloadRequired(): void
  /** is `accountId` still the account signed in on this device? (checked before every step) */
  isSignedIn(accountId: string): boolean
}

export function currentEngine(): SyncEngine | null {
  return engine
}
export function currentEngineAccount(): string | null {
  return engine ? engineAccount : null
}

/**
 * Starts (or returns) the engine of `accountId`; an engine of another account is stopped first.
 * A loop, because another start or stop may run while we wait: the answer is always `accountId`'s.
 */
export async function startEngine(accountId: string, hooks: EngineHooks): Promise<SyncEngine> {
  for (;;) {
    if (starting) {
      await starting.catch(() => undefined)
      continue
    }
    if (engine && engineAccount === accountId) return engine
    if (engine) {
      await stopEngine()
      continue
    }
    starting = openEngine(accountId, hooks).finally(() => {
      starting = null
    })
    return starting
  }
}

async function openEngine(accountId: string, hooks: EngineHooks): Promise<SyncEngine> {
  const db = await openSyncDb({
    name: accountDbName(accountId),
    onVersionChange: () => hooks.onReloadRequired(),
    // Another tab logged this account out and deletes its data: stop at once (our connection is closed).
    onDeleted: () => void stopEngine(),
  })
  const created = new SyncEngine({ db, mutators: clientMutators, isSignedIn: () => hooks.isSignedIn(accountId) })
  await created.start()
  engine = created
  engineAccount = accountId
  setActiveEngine(created)
  void askPersistentStorage()
  return created
}

/**
 * Stops the engine and closes its database once a sync that was running has finished: closing the
 * connection under a running transaction threw InvalidStateError (an unhandled rejection at logout).
 */
export async function stopEngine(): Promise<void> {
  const stopping = engine
  engine = null
  engineAccount = null
  setActiveEngine(null)
  if (!stopping) return
  stopping.stop()
  await stopping.idle()
  stopping.db.close()
}

/**
 * Logout on a shared device: delete the account's database (replica, outbox, cursor, cached cards,
 * client id). Unsent work goes with it — the logout screen has warned and the person confirmed.
 */
export async function wipeAccountData(accountId: string): Promise<void> {
  if (engineAccount === accountId) await stopEngine()
  await deleteSyncDb(accountDbName(accountId))
}

/**
 * Only the signed-in account's database holds a replica: every other account's database is sealed
 * (its unsent outbox kept for that person's next sign-in here, nothing else) or deleted when it
 * holds no unsent work. The database from before accounts had their own is deleted: nobody can say
 * whose its entries were, so they must never be sent with the current session.
 */
export async function sealOtherAccounts(accountId: string): Promise<void> {
  for (const name of await accountDbNames()) {
    if (name === accountDbName(accountId)) continue
    const db = await openSyncDb({ name })
    let keep: boolean
    try {
      keep = await sealPersonalStores(db)
    } finally {
      db.close()
    }
    if (!keep) await deleteSyncDb(name)
  }
  if ((await globalThis.indexedDB?.databases?.().catch(() => []))?.some((d) => d.name === DB_NAME)) await deleteSyncDb(DB_NAME)
}
