/**
 * The kiosk's plain REST calls for the resident's follow-up (POST /api/requests/lookup and /rate):
 * no session and no device credential are needed, so none is sent (credentials 'omit').
 */
import type { z } from 'zod'
import { ErrorBody } from '../../../shared/schemas/common'
import { RequestTrack, type RequestLookupInput, type RequestRateInput } from '../../../shared/schemas/service-request'
import { ClientError } from '../../lib/errors'
import { learnServerTime } from '../../lib/server-clock'

async function post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
  let res: Response
  const sentAt = Date.now()
  try {
    res = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch (err) {
    throw new ClientError(0, 'network', err instanceof Error ? err.message : 'network error')
  }
  learnServerTime(res.headers.get('date'), sentAt, Date.now())
  const payload: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const e = ErrorBody.safeParse(payload)
    throw new ClientError(res.status, e.success ? e.data.error.code : res.status >= 500 ? 'server' : 'unknown', `HTTP ${res.status}`)
  }
  const parsed = schema.safeParse(payload)
  if (!parsed.success) throw new ClientError(res.status, 'bad_response', 'the server answered in an unexpected shape')
  return parsed.data
}

export const kioskRequestApi = {
  lookup: (input: RequestLookupInput) => post('/requests/lookup', input, RequestTrack),
  rate: (input: RequestRateInput) => post('/requests/rate', input, RequestTrack),
}
