/**
 * The kiosk lock: while this browser is an enrolled kiosk (the kiosk database holds a device
 * credential), every route but /kiosk/** and the public follow-up /requests/track leads to /kiosk.
 * Asked once per page load (then kept in memory, updated by enrolment and by the revoked kiosk's wipe);
 * a browser that never was a kiosk is told so without creating the database where the browser can
 * list its databases.
 */
import type { RouteLocationNormalized } from 'vue-router'
import { KIOSK_DB_NAME, openKioskDb, readIdentity } from './kiosk-db'

let locked: Promise<boolean> | null = null

async function probe(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false
  const list = await indexedDB.databases?.().catch(() => null)
  if (list && !list.some((d) => d.name === KIOSK_DB_NAME)) return false
  const db = await openKioskDb()
  try {
    return (await readIdentity(db)) !== null
  } finally {
    db.close()
  }
}

/** Is this browser an enrolled kiosk? */
export function kioskLocked(): Promise<boolean> {
  locked ??= probe().catch(() => false)
  return locked
}

/** Enrolment sets the lock, the revoked kiosk's wipe ends it; null forgets it (asked again next time). */
export function setKioskLocked(value: boolean | null): void {
  locked = value === null ? null : Promise.resolve(value)
}

export const isKioskPath = (path: string) => path === '/kiosk' || path.startsWith('/kiosk/') || path === '/requests/track'

/** The router guard. */
export async function kioskLockGuard(to: RouteLocationNormalized) {
  if (isKioskPath(to.path)) return
  if (await kioskLocked()) return { path: '/kiosk', replace: true }
}
