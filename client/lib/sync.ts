/**
 * The offline sync engine (client side). Protocol: shared/schemas/sync.ts; design: DESIGN.md "Offline sync".
 *
 *   push  POST /api/sync/push {clientId, schemaVersion, mutations:[{id,name,args,createdAt}]} (≤100, in order)
 *         → {results:[{id, status:'applied'|'rejected', code?, message?, data?}]}, one per mutation, in order
 *   pull  GET /api/sync/pull?cursor&limit&schemaVersion&clientId → {changes, cursor, hasMore, reset?}
 *
 * Steps:
 *   1. mutate(name, args): validate args with the shared zod schema; in ONE IndexedDB transaction write
 *      the outbox entry (uuid id, local seq) and the optimistic change to the replica; debounce a sync.
 *   2. sync(): only the tab holding the Web Lock SYNC_LOCK_NAME runs it (ifAvailable; others retry
 *      later and hear results over BroadcastChannel). It pushes, then pulls.
 *   3. push: send pending entries in seq order, in batches; the same ids on every retry, so the
 *      server's (clientId, mutationId) record makes a replay harmless. Settle each result
 *      (client/lib/sync-steps.ts): applied → server data replaces the guess; rejected → the entry
 *      stays with code, message and args, and a rebase rolls its change back.
 *   4. pull: page through changes since the stored cursor (a server version, never the device
 *      clock); each page and its cursor are stored in one transaction; pending changes are rebased
 *      on top of rows the page touched.
 *   5. reset: flush the outbox first, then drop the replica and pull from cursor 0.
 *   6. failures: network, 5xx, 429 → retry with exponential backoff and jitter; 401 → stop until
 *      the person logs in again (outbox kept); 409 client_outdated → stop and ask for the update;
 *      403 client_not_yours → this client id was claimed by another account, so none of our entries
 *      was applied under it: take a new id and send them again.
 *   7. accounts: the engine serves one account (its own database). Once `isSignedIn()` says that
 *      account is no longer the device's, it accepts nothing (NotSignedInError) and syncs nothing.
 * Triggers: start, `online`, each mutation (debounced), every periodMs while visible, syncNow().
 */
import type { z } from 'zod'
import type { MutationDef } from '../../shared/mutations/define'
import { ClientError, NotSignedInError } from './errors'
import { mutationDefs, type MutationName } from '../../shared/mutations/index'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import {
  INDEX_ROWS_BY_TABLE,
  META_CLIENT_ID,
  META_CURSOR,
  META_LAST_ERROR,
  META_LAST_SYNC_AT,
  META_SCHEMA_VERSION,
  STORE_BASE,
  STORE_META,
  STORE_OUTBOX,
  STORE_ROWS,
  openSyncDb,
  readMeta,
  writeMeta,
  type LocalKey,
  type OutboxEntry,
  type SyncDb,
} from './idb'
import type { MutatorRegistry } from './mutators'
import { PUSH_BATCH_SIZE, enqueue, isPending, markSending, readOutbox, resetSending } from './outbox'
import { TouchedTables, withTx } from './replica'
import type { RowOf, TableName, TablesChanged } from './tables'
import { dropReplicaForSchema, resetReplica, settleResults, storePullPage } from './sync-steps'
import { serverNow } from './server-clock'
import { SYNC_LOCK_NAME, defaultLocks, type TabLocks } from './tab-lock'
import { backoffDelay, httpTransport, type FetchLike, type Transport } from './transport'

export const SYNC_CHANNEL_NAME = 'scientists-home-sync'
export type SyncResult = 'ok' | 'offline' | 'busy' | 'error' | 'auth' | 'outdated'

export interface SyncStatus {
  online: boolean
  syncing: boolean
  /** every outbox entry in order (pending, sending and rejected) */
  outbox: OutboxEntry[]
  pending: number
  rejected: OutboxEntry[]
  /** time of the last successful sync, by the server clock as far as known: for display only */
  lastSyncAt: string | null
  lastError: { code: string; message: string } | null
  authRequired: boolean
  updateRequired: boolean
  /** bumped whenever the status was read again (after every step, whether the replica changed or not) */
  revision: number
  /** the replica tables this revision changed (an empty set: none); views re-read only theirs */
  changedTables: TablesChanged
}

/** What `mutate` accepts for a mutation: its arguments before the shared schema's defaults. */
export type MutationInput<N extends MutationName> = z.input<(typeof mutationDefs)[N]['args']>

export { NotSignedInError } from './errors'

export interface SyncEngineOptions {
  db: SyncDb
  mutators: MutatorRegistry
  /** Step 7: is this engine's account still the one signed in on this device? (default: always) */
  isSignedIn?: () => boolean
  transport?: Transport
  fetch?: FetchLike
  baseUrl?: string
  locks?: TabLocks
  /** null turns cross-tab messages off */
  channelName?: string | null
  random?: () => number
  now?: () => Date
  debounceMs?: number
  periodMs?: number
  pageSize?: number
  backoffBaseMs?: number
  backoffMaxMs?: number
  /** wait before trying again when another tab holds the sync lock */
  busyRetryMs?: number
}

/** The status of an engine that has done nothing yet (also what the store shows when none runs). */
export function initialSyncStatus(): SyncStatus {
  return {
    online: true,
    syncing: false,
    outbox: [],
    pending: 0,
    rejected: [],
    lastSyncAt: null,
    lastError: null,
    authRequired: false,
    updateRequired: false,
    revision: 0,
    changedTables: new Set(),
  }
}

export class SyncEngine {
  readonly db: SyncDb
  status: SyncStatus = initialSyncStatus()
  /** failed attempts in a row; drives the backoff */
  attempt = 0
  private readonly o: Required<Omit<SyncEngineOptions, 'fetch' | 'baseUrl' | 'channelName'>> & { channelName: string | null }
  private listeners = new Set<(s: SyncStatus) => void>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private timerAt = 0
  private interval: ReturnType<typeof setInterval> | null = null
  private running: Promise<SyncResult> | null = null
  private again = false
  private stopped = false
  private channel: BroadcastChannel | null = null
  private cleanups: Array<() => void> = []
  /** entries appended to `status` without a re-read (see appended) */
  private appends = 0

  constructor(options: SyncEngineOptions) {
    this.db = options.db
    this.o = {
      transport: options.transport ?? httpTransport(options.fetch ?? ((i, init) => globalThis.fetch(i, init)), options.baseUrl),
      locks: defaultLocks(),
      channelName: SYNC_CHANNEL_NAME,
      random: Math.random,
      now: serverNow, // server time when known: lastSyncAt and createdAt are shown against it
      debounceMs: 300,
      periodMs: 60_000,
      pageSize: 500,
      backoffBaseMs: 1000,
      backoffMaxMs: 60_000,
      busyRetryMs: 2000,
      isSignedIn: () => true,
      ...stripUndefined(options),
    } as SyncEngine['o']
  }

  /** Resumes after a reload: 'sending' entries become pending again; listens for triggers; syncs. */
  async start(): Promise<void> {
    await resetSending(this.db)
    await dropReplicaForSchema(this.db, this.o.mutators, META_SCHEMA_VERSION, SYNC_SCHEMA_VERSION)
    await this.clientId()
    this.status.online = globalThis.navigator?.onLine ?? true
    await this.refresh('all')
    this.listen()
    void this.sync()
  }

  /** Stops listening and scheduling; a sync already running finishes (await idle() before closing the db). */
  stop(): void {
    this.stopped = true
    for (const off of this.cleanups.splice(0)) off()
    if (this.timer) clearTimeout(this.timer)
    if (this.interval) clearInterval(this.interval)
    this.timer = this.interval = null
    this.channel?.close()
    this.channel = null
  }

  subscribe(fn: (s: SyncStatus) => void): () => void {
    this.listeners.add(fn)
    fn(this.status)
    return () => this.listeners.delete(fn)
  }

  /**
   * Step 1. `mutation` is a shared definition (shared/mutations/) or its name; the compiler checks
   * `args` against it. Throws the zod error for invalid args (nothing is stored then). `display`
   * names what the entry is about for the outbox (kept with the entry, never sent).
   */
  async mutate<N extends MutationName>(
    mutation: N | MutationDef<N>,
    args: MutationInput<N>,
    display?: Record<string, string>,
  ): Promise<OutboxEntry> {
    if (!this.o.isSignedIn()) throw new NotSignedInError()
    const name = typeof mutation === 'string' ? mutation : mutation.name
    const touched = new TouchedTables()
    const entry = await withTx(this.db, (tx) => this.enqueueIn(tx, name, args, display), touched)
    this.appended(entry, touched.value)
    this.schedule(this.o.debounceMs, 'debounce')
    return entry
  }

  /** "Edit and retry" a rejected entry: it is replaced by a new mutation (new id) in one transaction. */
  async retry(id: string, args?: unknown): Promise<OutboxEntry> {
    if (!this.o.isSignedIn()) throw new NotSignedInError()
    const touched = new TouchedTables()
    const entry = await withTx(
      this.db,
      async (tx) => {
        const old = await tx.objectStore(STORE_OUTBOX).get(id)
        if (!old || old.status !== 'rejected') throw new Error('only a rejected entry can be retried')
        await tx.objectStore(STORE_OUTBOX).delete(id)
        return this.enqueueIn(tx, old.name, args ?? old.args, old.display)
      },
      touched,
    )
    await this.changed(touched.value)
    this.schedule(this.o.debounceMs, 'debounce')
    return entry
  }

  /** Drops a rejected entry (its change was already rolled back). Pending entries may be in flight: refused. */
  async discard(id: string): Promise<void> {
    await withTx(this.db, async (tx) => {
      const old = await tx.objectStore(STORE_OUTBOX).get(id)
      if (old && old.status !== 'rejected') throw new Error('only a rejected entry can be discarded')
      await tx.objectStore(STORE_OUTBOX).delete(id)
    })
    await this.changed(new Set()) // the outbox only: the change was rolled back when it was refused
  }

  /** A row of the replica, typed by its table (client/lib/tables.ts). */
  async getRow<T extends TableName>(table: T, id: string): Promise<RowOf<T> | undefined> {
    return (await this.db.get(STORE_ROWS, [table, id])) as RowOf<T> | undefined
  }
  async listRows<T extends TableName>(table: T): Promise<Array<RowOf<T>>> {
    return (await this.db.getAllFromIndex(STORE_ROWS, INDEX_ROWS_BY_TABLE, table)) as unknown as Array<RowOf<T>>
  }
  /** A row carries an optimistic change not yet confirmed by the server. */
  async isRowPending(table: TableName, id: string): Promise<boolean> {
    return (await this.db.getKey(STORE_BASE, [table, id])) !== undefined
  }
  /**
   * Device-local state a feature keeps beside this account's replica (cached cards, card keys,
   * activities seen): in the same database, so it is sealed and wiped with the account's data.
   */
  readLocal<T>(key: LocalKey): Promise<T | undefined> {
    return readMeta<T>(this.db, key)
  }
  writeLocal(key: LocalKey, value: unknown): Promise<void> {
    return writeMeta(this.db, key, value)
  }
  async pendingCount(): Promise<number> {
    return (await readOutbox(this.db)).filter(isPending).length
  }

  /** By hand: forget the backoff and the login/update stops, and sync now. */
  syncNow(): Promise<SyncResult> {
    this.attempt = 0
    this.status.authRequired = false
    return this.sync()
  }

  /** Resolves once no sync is running (whatever its outcome). */
  async idle(): Promise<void> {
    await this.running?.then(
      () => undefined,
      () => undefined,
    )
  }

  /** Step 2. Concurrent calls share one run; a call during a run asks for one more round. */
  sync(): Promise<SyncResult> {
    if (this.stopped) return Promise.resolve('offline')
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      let result: SyncResult
      do {
        this.again = false
        result = await this.syncOnce()
      } while (this.again && result === 'ok' && !this.stopped)
      return result
    })().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async syncOnce(): Promise<SyncResult> {
    if (!this.o.isSignedIn()) return 'auth'
    if (this.status.authRequired) return 'auth'
    if (this.status.updateRequired) return 'outdated'
    if (!this.status.online) return 'offline'
    this.setStatus({ syncing: true })
    let result: SyncResult = 'ok'
    try {
      const ran = await this.o.locks.tryRun(SYNC_LOCK_NAME, async () => {
        await this.push()
        await this.pull()
      })
      if (!ran) {
        result = 'busy'
        this.schedule(this.o.busyRetryMs, 'busy')
      } else {
        this.attempt = 0
        await this.db.put(STORE_META, this.o.now().toISOString(), META_LAST_SYNC_AT)
        await this.db.delete(STORE_META, META_LAST_ERROR)
      }
    } catch (err) {
      result = await this.failed(err)
    } finally {
      this.status.syncing = false
      await this.changed(new Set())
    }
    return result
  }

  /** Step 6. */
  private async failed(err: unknown): Promise<SyncResult> {
    const e =
      err instanceof ClientError ? err : new ClientError(0, 'client_error', err instanceof Error ? err.message : String(err), 'server')
    await this.db.put(STORE_META, { code: e.code, message: e.message }, META_LAST_ERROR)
    if (e.kind === 'auth') {
      this.status.authRequired = true
      return 'auth'
    }
    if (e.kind === 'outdated') {
      this.status.updateRequired = true
      return 'outdated'
    }
    if (e.code === 'client_not_yours') await this.db.delete(STORE_META, META_CLIENT_ID)
    this.schedule(backoffDelay(this.attempt++, this.o.random, this.o.backoffBaseMs, this.o.backoffMaxMs), 'backoff')
    return 'error'
  }

  /** Step 3. */
  private async push(): Promise<void> {
    const clientId = await this.clientId()
    for (;;) {
      const batch = (await readOutbox(this.db)).filter(isPending).slice(0, PUSH_BATCH_SIZE)
      if (!batch.length) return
      // Step 7: the cookie is the device's current account; never send this account's entries with another's.
      if (!this.o.isSignedIn()) throw new ClientError(0, 'not_signed_in', 'signed out before the push', 'auth')
      const ids = batch.map((e) => e.id)
      await markSending(this.db, ids, 'sending')
      let response
      try {
        response = await this.o.transport.push(
          clientId,
          batch.map(({ id, name, args, createdAt }) => ({ id, name, args, createdAt })),
        )
      } catch (err) {
        await markSending(this.db, ids, 'pending')
        throw err
      }
      const touched = new TouchedTables()
      const answered = await settleResults(this.db, this.o.mutators, batch, response.results, touched)
      await this.changed(touched.value)
      // The server stopped early (an outage inside the batch): the rest stay pending, retried with backoff.
      if (response.retry) throw new ClientError(0, response.retry.code, response.retry.message, 'server')
      if (answered === 0) throw new ClientError(0, 'no_results', 'the server answered none of the mutations sent', 'server')
    }
  }

  /** Steps 4 and 5. */
  private async pull(): Promise<void> {
    const clientId = await this.clientId()
    let cursor = ((await this.db.get(STORE_META, META_CURSOR)) as number | undefined) ?? 0
    let resets = 0
    for (;;) {
      const page = await this.o.transport.pull(clientId, cursor, this.o.pageSize)
      if (page.reset) {
        if (++resets > 3) throw new ClientError(0, 'reset_loop', 'the server keeps asking for a reset', 'server')
        await this.push()
        if (!(await resetReplica(this.db))) continue // a new mutation arrived: the next round pushes it
        cursor = 0
        await this.changed('all')
        continue
      }
      // Step 7: a page that arrives after this account signed out is not stored.
      if (!this.o.isSignedIn()) throw new ClientError(0, 'not_signed_in', 'signed out during the pull', 'auth')
      const touched = new TouchedTables()
      await storePullPage(this.db, this.o.mutators, page, touched)
      cursor = page.cursor
      await this.changed(touched.value)
      if (!page.hasMore) return
    }
  }

  private async enqueueIn(tx: Parameters<typeof enqueue>[0], name: string, rawArgs: unknown, display?: Record<string, string>) {
    const mutator = this.o.mutators[name]
    const def = (mutationDefs as Record<string, { args: { parse(v: unknown): unknown } }>)[name]
    if (!mutator || !def) throw new Error(`unknown mutation ${name}`)
    const args = def.args.parse(rawArgs)
    return enqueue(tx, mutator, { id: crypto.randomUUID(), name, args, createdAt: this.o.now().toISOString(), ...(display && { display }) })
  }

  private async clientId(): Promise<string> {
    const known = (await this.db.get(STORE_META, META_CLIENT_ID)) as string | undefined
    if (known) return known
    const id = crypto.randomUUID()
    await this.db.put(STORE_META, id, META_CLIENT_ID)
    return id
  }

  /** One timer: a debounce never cuts short a running backoff; anything else replaces a later timer. */
  schedule(ms: number, reason: 'debounce' | 'backoff' | 'busy' | 'period'): void {
    const at = Date.now() + ms
    if (this.timer && reason === 'debounce' && this.attempt > 0 && this.timerAt > at) return
    if (this.timer) clearTimeout(this.timer)
    this.timerAt = at
    this.timer = setTimeout(() => {
      this.timer = null
      void this.sync()
    }, ms)
  }

  private listen(): void {
    const on = (target: EventTarget | undefined, type: string, fn: () => void) => {
      if (!target?.addEventListener) return
      target.addEventListener(type, fn)
      this.cleanups.push(() => target.removeEventListener(type, fn))
    }
    const win = globalThis.window as (Window & typeof globalThis) | undefined
    on(win, 'online', () => {
      this.setStatus({ online: true })
      void this.sync()
    })
    on(win, 'offline', () => this.setStatus({ online: false }))
    const visible = () => globalThis.document?.visibilityState !== 'hidden'
    on(globalThis.document, 'visibilitychange', () => {
      if (visible()) void this.sync()
    })
    this.interval = setInterval(() => {
      if (visible()) void this.sync()
    }, this.o.periodMs)
    if (this.o.channelName && typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(this.o.channelName)
      this.channel.onmessage = (e: MessageEvent<{ tables?: string[] | 'all' }>) => {
        const tables = e.data?.tables
        void this.refresh(Array.isArray(tables) ? new Set(tables) : 'all')
      }
    }
  }

  /**
   * After an enqueue: the new entry has the highest seq, so the status grows by one entry without
   * reading the outbox again (enqueue stays constant-time however many entries wait; bench/outbox-enqueue.ts).
   */
  private appended(entry: OutboxEntry, tables: TablesChanged): void {
    this.appends++
    this.setStatus({
      outbox: [...this.status.outbox, entry],
      pending: this.status.pending + 1,
      revision: this.status.revision + 1,
      changedTables: tables,
    })
    this.post(tables)
  }

  private async changed(tables: TablesChanged): Promise<void> {
    await this.refresh(tables)
    this.post(tables)
  }

  /** Tells the other tabs what changed (they share the database and re-read the same tables). */
  private post(tables: TablesChanged): void {
    this.channel?.postMessage({ type: 'changed', tables: tables === 'all' ? 'all' : [...tables] })
  }

  /** Re-reads the outbox and meta into `status` and tells listeners which replica tables changed. */
  async refresh(tables: TablesChanged = 'all'): Promise<void> {
    let outbox: OutboxEntry[], lastSyncAt: string | null, lastError: SyncStatus['lastError']
    let appends: number
    do {
      // an entry appended while we read may be missing from what we read: read again then
      appends = this.appends
      outbox = await readOutbox(this.db)
      lastSyncAt = ((await this.db.get(STORE_META, META_LAST_SYNC_AT)) as string | undefined) ?? null
      lastError = ((await this.db.get(STORE_META, META_LAST_ERROR)) as SyncStatus['lastError'] | undefined) ?? null
    } while (appends !== this.appends)
    this.setStatus({
      outbox,
      pending: outbox.filter(isPending).length,
      rejected: outbox.filter((e) => e.status === 'rejected'),
      lastSyncAt,
      lastError,
      revision: this.status.revision + 1,
      changedTables: tables,
    })
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch }
    for (const fn of this.listeners) fn(this.status)
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

let active: SyncEngine | null = null
/** The app's running engine (set by client/features/sync/engine.ts), used by the update flow below. */
export function setActiveEngine(engine: SyncEngine | null): void {
  active = engine
}

/** True when nothing is waiting to reach the server (rejected entries wait for the person, not the network). */
export async function outboxIsEmpty(): Promise<boolean> {
  if (active) return (await active.pendingCount()) === 0
  if (typeof indexedDB === 'undefined') return true
  const db = await openSyncDb()
  try {
    return (await db.getAll(STORE_OUTBOX)).filter(isPending).length === 0
  } finally {
    db.close()
  }
}

/**
 * Before a waiting service worker is activated: try to push the outbox (bounded by timeoutMs) and
 * say whether it is empty. If not, the update prompt asks the person to confirm; the outbox itself
 * survives the update either way (it lives in IndexedDB, not in the page).
 */
export async function flushBeforeUpdate(timeoutMs = 10_000): Promise<boolean> {
  if (active) {
    await Promise.race([active.syncNow(), new Promise((resolve) => setTimeout(resolve, timeoutMs))])
  }
  return outboxIsEmpty()
}
