/** Shared setup for the sync engine tests: a fresh fake IndexedDB per test and engine builders. */
import 'fake-indexeddb/auto'
import { expect, vi } from 'vitest'
import { IDBFactory } from 'fake-indexeddb'
import { openSyncDb, type SyncDb } from '../../client/lib/idb'
import { SyncEngine, type SyncEngineOptions } from '../../client/lib/sync'
import { clientMutators } from '../../client/features/sync/mutators'
import type { FetchLike } from '../../client/lib/transport'
import { FakeSyncServer } from './sync-fake-server'

/** A brand-new, empty IndexedDB for this test (no test sees another's data). */
export function freshIndexedDb() {
  globalThis.indexedDB = new IDBFactory()
}

export const openTestDb = () => openSyncDb({ name: 'scientists-home' })

export async function makeEngine(fetch: FetchLike, over: Partial<SyncEngineOptions> & { db?: SyncDb } = {}) {
  const db = over.db ?? (await openTestDb())
  const engine = new SyncEngine({ fetch, mutators: clientMutators, channelName: null, random: () => 0.5, periodMs: 3_600_000, ...over, db })
  return engine
}

/** An engine that has synced once with `server` and schedules nothing by itself. */
export async function syncedEngine(server = new FakeSyncServer()) {
  const engine = await makeEngine(server.fetch)
  vi.spyOn(engine, 'schedule').mockImplementation(() => undefined)
  expect(await engine.sync()).toBe('ok')
  return { engine, server }
}

/** Lets the engine's debounce/backoff timers not fire during a test: we call sync() by hand. */
export function quiet(engine: SyncEngine) {
  engine.schedule = () => undefined
  return engine
}
