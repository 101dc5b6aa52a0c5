/**
 * The kiosk's own IndexedDB database (`scientists-home.kiosk`, opened through client/lib/idb.ts like
 * any sync database): the device credential, the hub's replica, the device's outbox and a few
 * device-local meta keys. Never localStorage, never a cookie session.
 *
 * Idle reset keeps only KEPT_META (what the device and its pending outbox need); everything else in
 * meta is dropped. Nothing here is a person's except the outbox entries' own arguments and the
 * day's check-in hashes (to say 已签到 offline on a second scan).
 */
import {
  META_CARD_KEYS,
  META_CLIENT_ID,
  META_CURSOR,
  META_LAST_ERROR,
  META_LAST_SYNC_AT,
  META_NEXT_SEQ,
  META_SCHEMA_VERSION,
  STORE_META,
  deleteSyncDb,
  openSyncDb,
  readMeta,
  type SyncDb,
} from '../../lib/idb'
import type { DeviceSelf } from '../../../shared/schemas/device'

export const KIOSK_DB_NAME = 'scientists-home.kiosk'
/** { token, device: DeviceSelf } */
export const META_KIOSK_DEVICE = 'kioskDevice'
/** the device's request counter (the 7 of 12-0007): only grows, never reset */
export const META_KIOSK_SEQ = 'kioskRequestSeq'
/**
 * Idle timings { warnAfterMs, resetAfterMs }: set by nobody in production (defaults below); the
 * browser test writes it through the page to shorten the wait.
 */
export const META_KIOSK_IDLE = 'kioskIdle'
/** { day, hashes }: sha256 of target + person key for each check-in made here today */
export const META_KIOSK_CHECK_INS = 'kioskCheckIns'
/** how many outbox entries the server refused (they are discarded unseen) */
export const META_KIOSK_REJECTED = 'kioskRejected'

export interface KioskIdentity {
  token: string
  device: DeviceSelf
}
export interface KioskIdle {
  warnAfterMs: number
  resetAfterMs: number
}
/** WCAG 2.2.1: warn 20 s before the reset, after 90 s without input. */
export const DEFAULT_IDLE: KioskIdle = { warnAfterMs: 90_000, resetAfterMs: 20_000 }

/** Meta an idle reset keeps: the credential, the counters, the sync bookkeeping and the public card keys. */
export const KEPT_META = new Set<string>([
  META_KIOSK_DEVICE,
  META_KIOSK_SEQ,
  META_KIOSK_IDLE,
  META_KIOSK_CHECK_INS,
  META_KIOSK_REJECTED,
  META_CARD_KEYS,
  META_CLIENT_ID,
  META_NEXT_SEQ,
  META_CURSOR,
  META_SCHEMA_VERSION,
  META_LAST_SYNC_AT,
  META_LAST_ERROR,
])

export const openKioskDb = (onDeleted?: () => void) => openSyncDb({ name: KIOSK_DB_NAME, onDeleted })

export async function readIdentity(db: SyncDb): Promise<KioskIdentity | null> {
  const v = await readMeta<KioskIdentity>(db, META_KIOSK_DEVICE)
  return v && typeof v.token === 'string' && v.device ? v : null
}

export async function readIdle(db: SyncDb): Promise<KioskIdle> {
  const v = await readMeta<Partial<KioskIdle>>(db, META_KIOSK_IDLE)
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0
  return {
    warnAfterMs: ok(v?.warnAfterMs) ? v.warnAfterMs : DEFAULT_IDLE.warnAfterMs,
    resetAfterMs: ok(v?.resetAfterMs) ? v.resetAfterMs : DEFAULT_IDLE.resetAfterMs,
  }
}

/** Takes the next request number's counter in one transaction (a number is never handed out twice). */
export async function takeRequestSeq(db: SyncDb): Promise<number> {
  const tx = db.transaction(STORE_META, 'readwrite')
  const next = (((await tx.store.get(META_KIOSK_SEQ)) as number | undefined) ?? 0) + 1
  await tx.store.put(next, META_KIOSK_SEQ)
  await tx.done
  return next
}

/** Idle reset: drops every meta key a reset need not keep (the outbox and the replica stay). */
export async function dropUnkeptMeta(db: SyncDb): Promise<void> {
  const tx = db.transaction(STORE_META, 'readwrite')
  for (const key of await tx.store.getAllKeys()) if (!KEPT_META.has(String(key))) await tx.store.delete(key)
  await tx.done
}

/** A revoked kiosk: the whole database goes (the lock ends with it). */
export const deleteKioskDb = () => deleteSyncDb(KIOSK_DB_NAME)
