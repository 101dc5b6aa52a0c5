/**
 * Sync status for the UI (online/offline, pending, rejected, last sync, error) and the actions the
 * person can take. A thin mirror of the engine's status; the engine and IndexedDB stay the truth.
 */
import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { OutboxEntry } from '../../lib/idb'
import type { SyncResult, SyncStatus } from '../../lib/sync'
import { currentEngine, startEngine, stopEngine } from './engine'

export const useSyncStore = defineStore('sync', () => {
  const online = ref(globalThis.navigator?.onLine ?? true)
  const syncing = ref(false)
  const outbox = shallowRef<OutboxEntry[]>([])
  const pending = ref(0)
  const rejected = shallowRef<OutboxEntry[]>([])
  const lastSyncAt = ref<string | null>(null)
  const lastError = ref<SyncStatus['lastError']>(null)
  const authRequired = ref(false)
  const updateRequired = ref(false)
  const reloadRequired = ref(false)
  /** bumped when the replica changed: views that read rows watch it */
  const revision = ref(0)
  const started = ref(false)
  const hasProblem = computed(() => rejected.value.length > 0 || authRequired.value || updateRequired.value || reloadRequired.value)

  let unsubscribe: (() => void) | null = null

  function mirror(s: SyncStatus) {
    online.value = s.online
    syncing.value = s.syncing
    outbox.value = s.outbox
    pending.value = s.pending
    rejected.value = s.rejected
    lastSyncAt.value = s.lastSyncAt
    lastError.value = s.lastError
    authRequired.value = s.authRequired
    updateRequired.value = s.updateRequired
    revision.value = s.revision
  }

  /** Starts syncing for the logged-in person (idempotent). */
  async function start() {
    const engine = await startEngine({ onReloadRequired: () => (reloadRequired.value = true) })
    if (!unsubscribe) unsubscribe = engine.subscribe(mirror)
    started.value = true
    return engine
  }

  async function stop() {
    unsubscribe?.()
    unsubscribe = null
    started.value = false
    mirror({ ...emptyStatus, online: online.value })
    await stopEngine()
  }

  async function engineOrStart() {
    return currentEngine() ?? start()
  }

  async function syncNow(): Promise<SyncResult> {
    return (await engineOrStart()).syncNow()
  }
  async function mutate(name: string, args: unknown) {
    return (await engineOrStart()).mutate(name, args)
  }
  async function retry(id: string, args?: unknown) {
    return (await engineOrStart()).retry(id, args)
  }
  async function discard(id: string) {
    return (await engineOrStart()).discard(id)
  }

  return {
    online, syncing, outbox, pending, rejected, lastSyncAt, lastError, authRequired, updateRequired, reloadRequired,
    revision, started, hasProblem, start, stop, syncNow, mutate, retry, discard,
  }
})

const emptyStatus: SyncStatus = {
  online: true, syncing: false, outbox: [], pending: 0, rejected: [], lastSyncAt: null, lastError: null,
  authRequired: false, updateRequired: false, revision: 0,
}
