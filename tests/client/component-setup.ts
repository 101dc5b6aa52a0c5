/** Per-test lifecycle for component tests that run the real sync engine on a fake IndexedDB. */
import { afterEach, beforeEach, expect, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { useSyncStore } from '../../client/features/sync/store'
import { stopEngine } from '../../client/features/sync/engine'
import { freshIndexedDb } from './sync-setup'

/** Each test starts on an empty IndexedDB and localStorage; after it, the engine stops (also after a failure) and fetch is restored. */
export function freshClientPerTest() {
  beforeEach(() => {
    freshIndexedDb()
    localStorage.clear()
  })
  afterEach(async () => {
    await stopEngine() // a failed test must not leave its engine to the next one
    vi.unstubAllGlobals()
  })
}

/** Lets a background sync finish before the database closes under it, then stops the engine. */
export async function settleAndStopSync() {
  const sync = useSyncStore()
  await vi.waitFor(() => expect(sync.syncing).toBe(false))
  await flushPromises()
  await sync.stop()
}
