/**
 * The client's one JSON fetch wrapper for the plain REST API (the sync protocol has its own
 * transport in client/lib/). Every failure becomes a ClientError (client/lib/errors.ts) with the server's error
 * code, or `network` (status 0) when no answer arrived, so screens can translate it.
 */
import type { z } from 'zod'
import { ErrorBody } from '../../shared/schemas/common'
import { learnServerTime } from '../lib/server-clock'
import { ClientError } from '../lib/errors'
import { endPendingSession, sessionEndPending } from './session-end'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Calls `/api${path}` with a JSON body (the server refuses other content types) and parses the
 * answer with `schema`, so a shape the client does not understand fails loudly here.
 */
export async function apiRequest<S extends z.ZodType>(method: Method, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  // An offline logout still waiting: end that session before anything else is sent with its cookie.
  if (sessionEndPending() && !(await endPendingSession())) throw new ClientError(0, 'network', 'the pending logout could not be sent')
  let response: Response
  const sentAt = Date.now()
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (err) {
    throw new ClientError(0, 'network', err instanceof Error ? err.message : 'network error')
  }
  learnServerTime(response.headers.get('date'), sentAt, Date.now())

  let payload: unknown = null
  try {
    payload = await response.json()
  } catch {
    // not JSON (a proxy's HTML error page, an empty body): handled below by status
  }

  if (!response.ok) {
    const parsed = ErrorBody.safeParse(payload)
    if (parsed.success) throw new ClientError(response.status, parsed.data.error.code, parsed.data.error.message)
    throw new ClientError(response.status, response.status >= 500 ? 'server' : 'unknown', `HTTP ${response.status}`)
  }
  const parsed = schema.safeParse(payload)
  if (!parsed.success) throw new ClientError(response.status, 'bad_response', 'the server answered in an unexpected shape')
  return parsed.data
}
