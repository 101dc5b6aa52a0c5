/**
 * A stale tab asking for a lazy chunk that a new deployment removed ("Failed to fetch dynamically
 * imported module"): reload once to get the new shell, but never loop (DESIGN.md traps).
 */
export const PRELOAD_RELOADED_KEY = 'sh.preloadReloaded'

export function installPreloadErrorReload(target: Pick<Window, 'addEventListener'>, storage: Storage, reload: () => void): void {
  target.addEventListener('vite:preloadError', (event) => {
    if (storage.getItem(PRELOAD_RELOADED_KEY)) return // already reloaded once: let the error surface
    storage.setItem(PRELOAD_RELOADED_KEY, '1')
    event.preventDefault()
    reload()
  })
}

/** Once the app has started cleanly, a later stale chunk may reload again. */
export function clearPreloadReloaded(storage: Storage): void {
  storage.removeItem(PRELOAD_RELOADED_KEY)
}
