/**
 * Service-worker registration through workbox-window. A new version waits until the person
 * accepts it (UpdatePrompt): never forced in the middle of a form, and activated only after the
 * outbox has flushed, so an update never strands unsent work.
 *
 * Every tab decides for itself once the new worker controls it (another tab may have accepted):
 *   1. a tab whose page had no controller yet (the first install took it over, clientsClaim) keeps
 *      its page: that shell is the one just installed;
 *   2. a tab that was controlled before reloads to get the new shell — at once when no form holds
 *      unsaved input, else it says "ready, refresh after saving" and reloads as soon as its forms
 *      are clean (or when the person asks).
 * workbox-window's own `isUpdate` flag is not used for this: it only says whether the page was
 * controlled when register() ran, so a tab opened before the first install never reloaded, and
 * every other tab reloaded whatever it held.
 */
import { Workbox } from 'workbox-window'
import { ref, watch } from 'vue'
import { hasDirtyForms } from './dirty-forms'

/** true while a new worker is installed and waiting for the person's go-ahead */
export const updateWaiting = ref(false)
/** true when the new worker already controls this tab and the reload waits for unsaved input */
export const updateReady = ref(false)
/** How often a long-lived tab asks the server for a new service worker (the browser only checks on navigations). */
export const UPDATE_CHECK_MS = 60 * 60_000

/** The parts of workbox-window the flow uses (a fake in tests). */
export type WorkboxLike = Pick<Workbox, 'addEventListener' | 'register' | 'messageSkipWaiting' | 'update'>
export interface UpdateFlowDeps {
  workbox: WorkboxLike
  /** whether a worker controls this page right now */
  isControlled: () => boolean
  reload: () => void
}

let workbox: WorkboxLike | null = null
let reload: () => void = () => window.location.reload()
let stopWaitingForClean: (() => void) | null = null

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  startUpdateFlow({
    workbox: new Workbox('/sw.js', { scope: '/' }),
    isControlled: () => navigator.serviceWorker.controller !== null,
    reload: () => window.location.reload(),
  })
  setInterval(() => {
    if (document.visibilityState === 'visible') void workbox?.update()
  }, UPDATE_CHECK_MS)
}

/** Wires the events of one registration (exported for tests). */
export function startUpdateFlow(deps: UpdateFlowDeps): void {
  workbox = deps.workbox
  reload = deps.reload
  let controlled = deps.isControlled()
  // Fired for a worker this tab registered and for one another tab's registration found (isExternal).
  workbox.addEventListener('waiting', () => {
    // an update waits behind the worker that controls us (even if its first takeover went unheard)
    controlled ||= deps.isControlled()
    if (!updateReady.value) updateWaiting.value = true
  })
  workbox.addEventListener('controlling', () => {
    const hadController = controlled
    controlled = true
    if (!hadController) return // step 1
    updateWaiting.value = false
    reloadWhenClean() // step 2
  })
  void workbox.register().then((registration) => registration && watchLaterUpdates(registration))
}

/**
 * workbox-window stops listening for `updatefound` after the first update another tab found, so a
 * long-lived tab (one the person told "later") would miss the next version: watch them all.
 */
function watchLaterUpdates(registration: ServiceWorkerRegistration): void {
  const watchWorker = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      // installed while another worker is active = an update waiting (a first install activates at once)
      if (worker.state === 'installed' && registration.active && registration.waiting === worker && !updateReady.value)
        updateWaiting.value = true
    })
  watchWorker(registration.installing) // an update another tab found just before we registered
  registration.addEventListener('updatefound', () => watchWorker(registration.installing))
}

/** Step 2: reload now, or once no form holds unsaved input. */
function reloadWhenClean(): void {
  if (!hasDirtyForms.value) return reload()
  updateReady.value = true
  stopWaitingForClean ??= watch(hasDirtyForms, (dirty) => {
    if (dirty) return
    stopWaitingForClean?.()
    stopWaitingForClean = null
    reload()
  })
}

/** The person chose to load the new version now, unsaved input or not. */
export function reloadNow(): void {
  reload()
}

/** Activates the waiting worker; every tab then gets 'controlling' and reloads when it can. */
export function activateUpdate(): void {
  workbox?.messageSkipWaiting()
}
