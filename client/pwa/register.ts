/**
 * Service-worker registration through workbox-window. A new version waits until the person
 * accepts it (UpdatePrompt): never forced in the middle of a form, and activated only after the
 * outbox has flushed, so an update never strands unsent work.
 */
import { Workbox } from 'workbox-window'
import { ref } from 'vue'

/** true while a new worker is installed and waiting for the person's go-ahead */
export const updateWaiting = ref(false)
let workbox: Workbox | null = null

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  workbox = new Workbox('/sw.js', { scope: '/' })
  workbox.addEventListener('waiting', () => {
    updateWaiting.value = true
  })
  // Once the new worker controls the page, load the new shell (only after the person accepted).
  // (The first install also takes control — clientsClaim — but that is no new shell: no reload.)
  workbox.addEventListener('controlling', (event) => {
    if (event.isUpdate) window.location.reload()
  })
  void workbox.register()
}

/** Activates the waiting worker; the 'controlling' event then reloads the page. */
export function activateUpdate(): void {
  workbox?.messageSkipWaiting()
}
