/**
 * HTTP for the sync protocol, with the one decision that matters: which failures are retried.
 * Transport failures, 5xx and 429 are retried with backoff; 401 waits for a new login; 409
 * client_outdated waits for the app update. A business rejection is not an error at all: it is a
 * result inside a 200 answer.
 */
import { ClientError } from './errors'
import { learnServerTime } from './server-clock'
import { PullResponse, PushResponse, SYNC_SCHEMA_VERSION, type ClientMutation } from '../../shared/schemas/sync'

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export interface Transport {
  push(clientId: string, mutations: ClientMutation[]): Promise<PushResponse>
  pull(clientId: string, cursor: number, limit: number): Promise<PullResponse>
}

async function errorOf(res: Response): Promise<ClientError> {
  let code = `http_${res.status}`
  let message = res.statusText || `HTTP ${res.status}`
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } }
    if (body?.error?.code) code = body.error.code
    if (body?.error?.message) message = body.error.message
  } catch {
    // not JSON (a proxy's error page): keep the status
  }
  // the kind (auth, outdated, server = retried, refused) follows from the status: client/lib/errors.ts
  return new ClientError(res.status, code, message)
}

export function httpTransport(fetchImpl: FetchLike, baseUrl = ''): Transport {
  async function call<T>(path: string, init: RequestInit, parse: (v: unknown) => T): Promise<T> {
    let res: Response
    const sentAt = Date.now()
    try {
      res = await fetchImpl(baseUrl + path, { credentials: 'same-origin', cache: 'no-store', ...init })
    } catch (err) {
      throw new ClientError(0, 'network', err instanceof Error ? err.message : String(err))
    }
    learnServerTime(res.headers.get('date'), sentAt, Date.now())
    if (!res.ok) throw await errorOf(res)
    try {
      return parse(await res.json())
    } catch (err) {
      // A half-delivered or foreign body: the request may have been applied; retrying is safe (ids are stable).
      throw new ClientError(res.status, 'bad_response', err instanceof Error ? err.message : String(err), 'server')
    }
  }
  return {
    push: (clientId, mutations) =>
      call(
        '/api/sync/push',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations }),
        },
        (v) => PushResponse.parse(v),
      ),
    pull: (clientId, cursor, limit) => {
      const q = new URLSearchParams({ cursor: String(cursor), limit: String(limit), schemaVersion: String(SYNC_SCHEMA_VERSION), clientId })
      return call(`/api/sync/pull?${q}`, { method: 'GET', headers: { accept: 'application/json' } }, (v) => PullResponse.parse(v))
    },
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so many phones do not retry in step. */
export function backoffDelay(attempt: number, random: () => number, baseMs = 1000, maxMs = 60_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
