/**
 * The app's one sync engine: opened when a person is logged in, stopped on logout. Everything
 * else (store, views, the update prompt) reaches it through here or client/lib/sync.ts.
 */
import { askPersistentStorage, openSyncDb, wipePersonalStores } from '../../lib/idb'
import { SyncEngine, setActiveEngine } from '../../lib/sync'
import { clientMutators } from './mutators'

let engine: SyncEngine | null = null
let starting: Promise<SyncEngine> | null = null

export interface EngineHooks {
  /** another tab or a new version needs the database: the page must be reloaded */
  onReloadRequired(): void
}

export function currentEngine(): SyncEngine | null {
  return engine
}

export function startEngine(hooks: EngineHooks): Promise<SyncEngine> {
  if (engine) return Promise.resolve(engine)
  starting ??= (async () => {
    const db = await openSyncDb({ onVersionChange: () => hooks.onReloadRequired() })
    const created = new SyncEngine({ db, mutators: clientMutators })
    await created.start()
    engine = created
    setActiveEngine(created)
    void askPersistentStorage()
    return created
  })().finally(() => {
    starting = null
  })
  return starting
}

/**
 * Stops the engine and closes its database once a sync that was running has finished: closing the
 * connection under a running transaction threw InvalidStateError (an unhandled rejection at logout).
 */
export async function stopEngine(): Promise<void> {
  const stopping = engine
  engine = null
  setActiveEngine(null)
  if (!stopping) return
  stopping.stop()
  await stopping.idle()
  stopping.db.close()
}

/**
 * Logout on a shared device: forget the replica, the outbox and the cursor. (The security issue
 * calls this; pending entries are lost by design — the logout screen warns when some are pending.)
 */
export async function wipeLocalData(): Promise<void> {
  // Stop first (it closes the engine's connection), then wipe through a connection of our own.
  await stopEngine()
  const db = await openSyncDb()
  try {
    await wipePersonalStores(db)
  } finally {
    db.close()
  }
}
