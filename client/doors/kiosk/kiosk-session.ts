/**
 * The kiosk of this browser (one per page): its phase, its device identity, its engine and what the
 * screens show of its sync state. A module-level singleton because the kiosk routes share it.
 *
 *   loading → enrol (no credential) → ready (enrolled; the engine runs) → revoked (401 on sync or on
 *   GET /api/device) → wipe → enrol
 *
 * Enrolling first signs out any person on this browser (client/features/account/device-session.ts
 * signOut: their local data is deleted, the server session ended best effort).
 */
import { reactive } from 'vue'
import { z } from 'zod'
import { DeviceSelf } from '../../../shared/schemas/device'
import type { KioskEnrolInput } from '../../../shared/schemas/hub'
import { CardPublicKeys } from '../../../shared/schemas/card'
import type { VerifyKey } from '../../../shared/rules/card'
import { beijingDay } from '../../../shared/time/beijing'
import { ClientError } from '../../lib/errors'
import { META_CARD_KEYS, readMeta, writeMeta, type SyncDb } from '../../lib/idb'
import type { SyncEngine, SyncStatus } from '../../lib/sync'
import type { FetchLike } from '../../lib/transport'
import { learnServerTime, serverNow } from '../../lib/server-clock'
import { identityKey } from '../../features/check-in/check-in-input'
import { AnswerBook, createKioskEngine, deviceFetch } from './kiosk-engine'
import {
  META_KIOSK_CHECK_INS,
  META_KIOSK_DEVICE,
  META_KIOSK_REJECTED,
  deleteKioskDb,
  dropUnkeptMeta,
  openKioskDb,
  readIdentity,
  readIdle,
  type KioskIdentity,
  type KioskIdle,
} from './kiosk-db'
import { setKioskLocked } from './kiosk-lock'

export type KioskPhase = 'loading' | 'enrol' | 'ready' | 'revoked'

export const kiosk = reactive({
  phase: 'loading' as KioskPhase,
  device: null as DeviceSelf | null,
  online: true,
  syncing: false,
  pending: 0,
  /** refused by the server and discarded unseen */
  rejected: 0,
  lastSyncAt: null as string | null,
  /** bumped when the replica changed (the home screen re-reads) */
  revision: 0,
  idle: null as KioskIdle | null,
})

export interface KioskDeps {
  fetch?: FetchLike
  /** engine options for tests (schedule nothing by itself, …) */
  engine?: { periodMs?: number; debounceMs?: number }
  /** ends a person's session on this browser before enrolment (default: the account's signOut) */
  signOut?: () => Promise<void>
}

let db: SyncDb | null = null
let engine: SyncEngine | null = null
let token: string | null = null
let deps: KioskDeps = {}
const book = new AnswerBook()
const discarding = new Set<string>()
let loading: Promise<void> | null = null

const baseFetch: FetchLike = (i, init) => (deps.fetch ?? ((a, b) => globalThis.fetch(a, b)))(i, init)

export const kioskEngine = () => engine
export const kioskDb = () => db
export const answerOf = (id: string) => book.get(id)

/** Opens the kiosk database and starts the engine when the browser is enrolled. Idempotent. */
export function loadKiosk(options?: KioskDeps): Promise<void> {
  if (options) deps = options
  if (engine) return Promise.resolve()
  loading ??= (async () => {
    db ??= await openKioskDb(() => void stopKiosk())
    kiosk.idle = await readIdle(db)
    kiosk.rejected = (await readMeta<number>(db, META_KIOSK_REJECTED)) ?? 0
    const identity = await readIdentity(db)
    if (!identity) {
      kiosk.phase = 'enrol'
      return
    }
    await start(identity)
  })().finally(() => {
    loading = null
  })
  return loading
}

async function start(identity: KioskIdentity) {
  token = identity.token
  kiosk.device = identity.device
  setKioskLocked(true)
  engine = createKioskEngine({ db: db!, token, book, fetch: baseFetch, ...deps.engine })
  engine.subscribe(onStatus)
  kiosk.phase = 'ready'
  await engine.start()
  void refreshDevice()
  void loadCardKeys()
}

function onStatus(s: SyncStatus) {
  kiosk.online = s.online
  kiosk.syncing = s.syncing
  kiosk.pending = s.pending
  kiosk.lastSyncAt = s.lastSyncAt
  if (s.changedTables === 'all' || s.changedTables.size) kiosk.revision++
  if (s.authRequired && kiosk.phase === 'ready') kiosk.phase = 'revoked'
  for (const e of s.rejected) void discardRejected(e.id, e.code ?? 'unknown')
}

/** A refused entry: its code is kept in memory for a screen that waits, the entry itself goes unseen. */
async function discardRejected(id: string, code: string) {
  if (discarding.has(id) || !engine || !db) return
  discarding.add(id)
  if (!book.get(id)) book.record(id, { status: 'rejected', code })
  try {
    await engine.discard(id)
    if (code !== 'already_checked_in') {
      kiosk.rejected++
      await writeMeta(db, META_KIOSK_REJECTED, kiosk.rejected)
    }
  } finally {
    discarding.delete(id)
  }
}

/** GET /api/device: the hub's name may have changed; 401 means the kiosk was revoked. */
async function refreshDevice() {
  const current = token
  if (!current) return
  try {
    const res = await deviceFetch(current, baseFetch)('/api/device', { headers: { accept: 'application/json' }, cache: 'no-store' })
    if (res.status === 401) {
      kiosk.phase = 'revoked'
      engine?.stop()
      return
    }
    if (!res.ok) return
    const device = DeviceSelf.parse(await res.json())
    kiosk.device = device
    await writeMeta(db!, META_KIOSK_DEVICE, { token: current, device } satisfies KioskIdentity)
  } catch {
    // offline, or a shape we do not know: the saved identity stands
  }
}

/** The public keys that verify member cards: fresh when the server answers, else the copy kept here. */
export async function loadCardKeys(): Promise<VerifyKey[]> {
  try {
    const res = await baseFetch('/api/cards/public-keys', { headers: { accept: 'application/json' }, credentials: 'omit' })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    const keys = CardPublicKeys.parse(await res.json()).keys.map((k) => ({ kid: k.kid, jwk: k.jwk }))
    if (db) await writeMeta(db, META_CARD_KEYS, keys)
    return keys
  } catch {
    return (db && (await readMeta<VerifyKey[]>(db, META_CARD_KEYS))) ?? []
  }
}

const EnrolAnswer = z.object({ token: z.string().min(1), device: DeviceSelf })

/** POST /api/kiosk/enrol; on success the credential is stored in the kiosk database only and the engine starts. */
export async function enrolKiosk(input: KioskEnrolInput): Promise<void> {
  if (deps.signOut) await deps.signOut().catch(() => undefined)
  else {
    const { signOut } = await import('../../features/account/device-session')
    await signOut().catch(() => undefined)
  }
  let res: Response
  const sentAt = Date.now()
  try {
    res = await baseFetch('/api/kiosk/enrol', {
      method: 'POST',
      credentials: 'omit',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(input),
    })
  } catch (err) {
    throw new ClientError(0, 'network', err instanceof Error ? err.message : 'network error')
  }
  learnServerTime(res.headers.get('date'), sentAt, Date.now())
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
  if (!res.ok) throw new ClientError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? `HTTP ${res.status}`)
  const answer = EnrolAnswer.parse(body)
  db ??= await openKioskDb(() => void stopKiosk())
  await writeMeta(db, META_KIOSK_DEVICE, { token: answer.token, device: answer.device } satisfies KioskIdentity)
  await start(answer)
}

/** Stops the engine and closes the database (tests; the database deleted under us). */
export async function stopKiosk(): Promise<void> {
  const e = engine
  engine = null
  token = null
  if (e) {
    e.stop()
    await e.idle()
  }
  db?.close()
  db = null
  book.clear()
  kiosk.phase = 'loading'
  kiosk.device = null
  kiosk.pending = 0
  kiosk.rejected = 0
}

/** The revoked kiosk: erase everything it kept, end the lock and offer enrolment again. */
export async function wipeKiosk(): Promise<void> {
  await stopKiosk()
  await deleteKioskDb()
  setKioskLocked(false)
  kiosk.phase = 'enrol'
}

/** The idle reset's share here: the session's answers and every meta key a reset need not keep. */
export async function resetKioskSession(): Promise<void> {
  book.clear()
  if (db) await dropUnkeptMeta(db)
}

interface CheckInDay {
  day: string
  hashes: string[]
}
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
/** The day's check-ins made here, as hashes of target + person, so a second scan says 已签到 offline. */
export async function checkInHash(targetId: string, identity: Partial<Record<'card' | 'memberNo' | 'phone', string>>) {
  return sha256(`${targetId}|${identityKey(identity) ?? ''}`)
}
export async function checkedInHere(hash: string): Promise<boolean> {
  const saved = db && (await readMeta<CheckInDay>(db, META_KIOSK_CHECK_INS))
  return !!saved && saved.day === beijingDay(serverNow()) && saved.hashes.includes(hash)
}
export async function forgetCheckIn(hash: string): Promise<void> {
  const saved = db && (await readMeta<CheckInDay>(db, META_KIOSK_CHECK_INS))
  if (saved) await writeMeta(db!, META_KIOSK_CHECK_INS, { day: saved.day, hashes: saved.hashes.filter((h) => h !== hash) })
}
export async function rememberCheckIn(hash: string): Promise<void> {
  if (!db) return
  const today = beijingDay(serverNow())
  const saved = await readMeta<CheckInDay>(db, META_KIOSK_CHECK_INS)
  const hashes = saved?.day === today ? saved.hashes : []
  if (!hashes.includes(hash)) hashes.push(hash)
  await writeMeta(db, META_KIOSK_CHECK_INS, { day: today, hashes } satisfies CheckInDay)
}
