/**
 * Sync status for the UI (online/offline, pending, rejected, last sync, error) and the actions the
 * person can take. A thin mirror of the engine's status; the engine and IndexedDB stay the truth.
 */
import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { OutboxEntry } from '../../lib/idb'
import { NotSignedInError } from '../../lib/errors'
import { initialSyncStatus, type MutationInput, type SyncResult, type SyncStatus } from '../../lib/sync'
import type { TablesChanged } from '../../lib/tables'
import type { MutationDef } from '../../../shared/mutations/define'
import type { MutationName } from '../../../shared/mutations/index'
import { deviceAccountId, useAccountStore } from '../account/store'
import { currentEngine, currentEngineAccount, startEngine, stopEngine } from './engine'

/** The engine may serve `accountId` only while it is the account this device is signed in to. */
const isSignedIn = (accountId: string) => deviceAccountId() === accountId

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
  /** a change was refused because nobody (or another person) is signed in on this device */
  const signedOut = ref(false)
  /** bumped when the replica changed: views that read rows watch it */
  const revision = ref(0)
  const started = ref(false)
  const hasProblem = computed(
    () => rejected.value.length > 0 || authRequired.value || updateRequired.value || reloadRequired.value || signedOut.value,
  )

  let unsubscribe: (() => void) | null = null
  /** Told at once (not on Vue's next flush, which would merge two changes into the last) what each revision changed. */
  const replicaListeners = new Set<(tables: TablesChanged) => void>()
  function onReplicaChange(fn: (tables: TablesChanged) => void): () => void {
    replicaListeners.add(fn)
    return () => replicaListeners.delete(fn)
  }

  function mirror(s: SyncStatus) {
    const fresh = s.revision !== revision.value
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
    if (fresh) for (const fn of replicaListeners) fn(s.changedTables)
  }

  /**
   * Starts syncing for the signed-in person (idempotent). Throws NotSignedInError when this tab's
   * person is not the device's signed-in account (a stale tab after a logout elsewhere).
   */
  async function start() {
    const accountId = useAccountStore().me?.id
    if (!accountId || !isSignedIn(accountId)) {
      signedOut.value = true
      throw new NotSignedInError()
    }
    if (currentEngineAccount() !== accountId && unsubscribe) {
      unsubscribe()
      unsubscribe = null
    }
    const engine = await startEngine(accountId, { onReloadRequired: () => (reloadRequired.value = true), isSignedIn })
    if (useAccountStore().me?.id !== accountId) {
      // The person signed out (or another signed in) while the engine was opening.
      if (currentEngineAccount() === accountId) await stopEngine()
      throw new NotSignedInError()
    }
    if (!unsubscribe) unsubscribe = engine.subscribe(mirror)
    started.value = true
    signedOut.value = false
    return engine
  }

  async function stop() {
    unsubscribe?.()
    unsubscribe = null
    started.value = false
    mirror({ ...initialSyncStatus(), online: online.value })
    await stopEngine()
  }

  /**
   * The running engine of the signed-in account, for views that read the replica or its meta. The
   * device session (account/device-session.ts) starts it at login and stops it at logout; a call
   * before that start finished shares it (start is idempotent). NotSignedInError when nobody is.
   */
  async function engine() {
    const engine = currentEngine()
    const accountId = currentEngineAccount()
    return engine && accountId && accountId === useAccountStore().me?.id && isSignedIn(accountId) ? engine : start()
  }
  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (err) {
      if (err instanceof NotSignedInError) signedOut.value = true
      throw err
    }
  }

  async function syncNow(): Promise<SyncResult> {
    return (await engine()).syncNow()
  }
  /** `mutate(activityRegister, args)`: the compiler checks `args` against the shared definition. */
  async function mutate<N extends MutationName>(mutation: N | MutationDef<N>, args: MutationInput<N>, display?: Record<string, string>) {
    return guarded(async () => (await engine()).mutate(mutation, args, display))
  }
  async function retry(id: string, args?: unknown) {
    return guarded(async () => (await engine()).retry(id, args))
  }
  async function discard(id: string) {
    return (await engine()).discard(id)
  }

  return {
    online,
    syncing,
    outbox,
    pending,
    rejected,
    lastSyncAt,
    lastError,
    authRequired,
    updateRequired,
    reloadRequired,
    signedOut,
    revision,
    started,
    hasProblem,
    start,
    stop,
    engine,
    syncNow,
    mutate,
    retry,
    discard,
    onReplicaChange,
  }
})
