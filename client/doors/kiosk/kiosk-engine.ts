/**
 * The kiosk's sync engine: a second SyncEngine (client/lib/sync.ts) beside the person's (which a
 * kiosk never runs), on the kiosk database, that pushes and pulls as a device:
 *   - every request carries `Authorization: Device <token>` and no cookie (credentials 'omit');
 *   - its mutators change nothing locally (request.order, activity.checkIn, shift.attend are the
 *     server's to apply): an outbox entry is its arguments only, no `display`;
 *   - the answers of a push are remembered in memory for the screen that is waiting (the printed or
 *     masked name of a check-in, the code of a refusal) and forgotten at the idle reset;
 *   - its own channel and lock names, so it never talks to a person's engine in another tab.
 */
import { SyncEngine, type SyncEngineOptions } from '../../lib/sync'
import type { ClientMutator, MutatorRegistry } from '../../lib/mutators'
import { defaultLocks, type TabLocks } from '../../lib/tab-lock'
import { httpTransport, type FetchLike, type Transport } from '../../lib/transport'
import type { SyncDb } from '../../lib/idb'

/** A fetch that speaks as the device: its token in the header, never the browser's cookies. */
export function deviceFetch(token: string, base: FetchLike = (i, init) => globalThis.fetch(i, init)): FetchLike {
  return (input, init = {}) => {
    const headers = new Headers(init.headers)
    headers.set('authorization', `Device ${token}`)
    return base(input, { ...init, headers, credentials: 'omit' })
  }
}

/** What the server said about one entry, while a screen may still want to know. */
export type EntryAnswer = { status: 'applied'; name: string | null } | { status: 'rejected'; code: string }

/** The push answers of this session, by mutation id (memory only; cleared at every idle reset). */
export class AnswerBook {
  private readonly answers = new Map<string, EntryAnswer>()
  get(id: string): EntryAnswer | undefined {
    return this.answers.get(id)
  }
  record(id: string, answer: EntryAnswer): void {
    this.answers.set(id, answer)
  }
  clear(): void {
    this.answers.clear()
  }
}

function recordingTransport(base: Transport, book: AnswerBook): Transport {
  return {
    pull: (clientId, cursor, limit) => base.pull(clientId, cursor, limit),
    async push(clientId, mutations) {
      const response = await base.push(clientId, mutations)
      for (const r of response.results) {
        if (r.status === 'applied') {
          const name = (r.data as { name?: unknown } | undefined)?.name
          book.record(r.id, { status: 'applied', name: typeof name === 'string' ? name : null })
        } else if (r.status === 'rejected') book.record(r.id, { status: 'rejected', code: r.code ?? 'unknown' })
      }
      return response
    },
  }
}

const serverOnly = (name: string): ClientMutator => ({ name, apply: async () => undefined })
/** The kiosk's three mutations: nothing changes on the tablet until the server's rows arrive. */
export const kioskMutators: MutatorRegistry = {
  'request.order': serverOnly('request.order'),
  'activity.checkIn': serverOnly('activity.checkIn'),
  'shift.attend': serverOnly('shift.attend'),
}

export const KIOSK_SYNC_CHANNEL = 'scientists-home-kiosk-sync'

/** The tab lock under a name of its own (the person's engine uses the plain one). */
function kioskLocks(base: TabLocks = defaultLocks()): TabLocks {
  return { tryRun: (name, fn) => base.tryRun(`${name}.kiosk`, fn) }
}

export interface KioskEngineOptions extends Partial<Omit<SyncEngineOptions, 'db' | 'mutators' | 'transport'>> {
  db: SyncDb
  token: string
  book: AnswerBook
}

export function createKioskEngine({ db, token, book, fetch, baseUrl, ...rest }: KioskEngineOptions): SyncEngine {
  const transport = recordingTransport(httpTransport(deviceFetch(token, fetch), baseUrl), book)
  return new SyncEngine({ channelName: KIOSK_SYNC_CHANNEL, locks: kioskLocks(), ...rest, db, mutators: kioskMutators, transport })
}
