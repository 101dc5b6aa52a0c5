/**
 * Who is signed in on this device, and the one owner of the sync engine (App.vue installs it once;
 * views never start or stop the engine). A phone is shared in a family, so:
 *   1. At start and whenever the signed-in account changes, start that account's engine on its own
 *      database (sealing every other account's: client/features/sync/engine.ts), or stop it when
 *      nobody is signed in.
 *   2. After every sign-in, also the same person after an expired session, sync at once: that
 *      clears the engine's "login required" stop.
 *   3. Tell the other tabs (BroadcastChannel; the `storage` event and becoming visible are the
 *      fallbacks). A tab whose person is no longer the device's (logout or another person signed in
 *      elsewhere) stops its engine at once and reloads, so no screen, typed text or engine of the
 *      last person stays; the same person signing in again resumes sync.
 *   4. A logout queued offline is sent at start and whenever the network returns.
 * signOut() is the logout itself: forget the person, stop and delete their local data, end the session.
 */
import { onScopeDispose, watch } from 'vue'
import { endPendingSession } from '../../api/session-end'
import { NotSignedInError } from '../../lib/errors'
import { currentEngine, sealOtherAccounts, wipeAccountData } from '../sync/engine'
import { useSyncStore } from '../sync/store'
import { STORAGE_KEY_LAST_ME, deviceAccountId, useAccountStore } from './store'
import { forgetBrowsedRegions } from '../regions/api'

export const ACCOUNT_CHANNEL_NAME = 'scientists-home-account'
interface AccountMessage {
  type: 'account'
  userId: string | null
}

/**
 * One channel per tab, kept open: a channel closed right after postMessage may drop the message
 * (seen in Chromium), and a tab does not hear its own channel.
 */
let channel: BroadcastChannel | null = null
function accountChannel(): BroadcastChannel | null {
  if (!channel && typeof BroadcastChannel !== 'undefined') channel = new BroadcastChannel(ACCOUNT_CHANNEL_NAME)
  return channel
}

function announce(userId: string | null) {
  accountChannel()?.postMessage({ type: 'account', userId } satisfies AccountMessage)
}

const ignoreSignedOut = (err: unknown) => {
  if (!(err instanceof NotSignedInError)) throw err
}

export interface DeviceSessionOptions {
  /** how a tab drops the last person's screens (tests pass a spy) */
  reload?: () => void
}

/** Steps 1–4; call once from the app's root component. */
export function useDeviceSession(options: DeviceSessionOptions = {}) {
  const account = useAccountStore()
  const sync = useSyncStore()
  const reload = options.reload ?? (() => globalThis.location.reload())

  // Step 1.
  watch(
    () => account.me?.id ?? null,
    async (id, was) => {
      if (was !== undefined) announce(id)
      if (!id) return sync.stop()
      await sync.start().catch(ignoreSignedOut)
      await sealOtherAccounts(id).catch((err) => console.warn('could not seal other accounts’ local data', err))
    },
    { immediate: true },
  )
  // Step 2.
  watch(
    () => account.signIns,
    () => {
      announce(account.me?.id ?? null)
      void sync.syncNow().catch(ignoreSignedOut)
    },
  )

  // Step 3: this tab's person (memory) against the device's account, as a message or storage says.
  function leave() {
    currentEngine()?.stop() // at once: no pull of the last person's data may start from here
    reload()
  }
  function check() {
    if (deviceAccountId() !== (account.me?.id ?? null)) leave()
  }
  const listening = accountChannel()
  if (listening) {
    // The message may arrive before this tab's copy of localStorage has changed: trust the message.
    listening.onmessage = (event: MessageEvent<AccountMessage>) => {
      if (event.data?.userId !== (account.me?.id ?? null)) leave()
      else if (account.me) void sync.syncNow().catch(ignoreSignedOut)
    }
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY_LAST_ME || event.key === null) check()
  }
  // A tab that slept through the message (frozen in the background) checks when it is seen again.
  const onVisible = () => {
    if (globalThis.document?.visibilityState !== 'hidden') check()
  }
  // Step 4.
  const onOnline = () => void endPendingSession()
  globalThis.document?.addEventListener('visibilitychange', onVisible)
  globalThis.addEventListener?.('storage', onStorage)
  globalThis.addEventListener?.('online', onOnline)
  void endPendingSession()

  onScopeDispose(() => {
    if (listening) listening.onmessage = null
    globalThis.document?.removeEventListener('visibilitychange', onVisible)
    globalThis.removeEventListener?.('storage', onStorage)
    globalThis.removeEventListener?.('online', onOnline)
  })
}

/**
 * Logout on a possibly shared device. The caller has warned about unsent and refused work. The
 * device forgets the person first (every tab and engine reads that at once), then their database
 * is deleted, then the server session is ended — now, or when the network returns.
 */
export async function signOut(): Promise<void> {
  const account = useAccountStore()
  const id = account.me?.id ?? deviceAccountId()
  account.forget()
  announce(null)
  await useSyncStore().stop()
  if (id) await wipeAccountData(id)
  await forgetBrowsedRegions()
  await endPendingSession()
}
