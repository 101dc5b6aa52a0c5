/**
 * `/api/requests`: the resident follows a request by number + phone and rates it once it is done —
 * no account, no session. Both must match: a wrong phone answers exactly like an unknown number (404
 * request_not_found). Rate-limited like sign-in (server/db/rate-limit.repository.ts takeAttempts): per
 * client address and per request number, taken before the lookup; a match gives both back, so only
 * failed guesses count. Over the limit: 429 too_many_attempts with Retry-After.
 */
import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { RequestLookupInput, RequestRateInput, RequestTrack } from '../../shared/schemas/service-request'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { clientIp } from '../middleware/client-ip'
import { refundAttempts, secondsLeftInWindow, takeAttempts, type LimitKey } from '../db/rate-limit.repository'
import { DomainError } from '../errors'
import { findTrackedRequest, rateRequest, requestTrack } from '../domain/service-requests'
import { writeTransaction } from '../db/transaction'

/** Failed look-ups allowed per address, and per request number, in one window (the login window, 15 minutes). */
export const REQUEST_LOOKUP_LIMIT_PER_IP = 30
export const REQUEST_LOOKUP_LIMIT_PER_NUMBER = 10

const refusals = {
  400: refusal('invalid input'),
  404: refusal('no request with this number and phone'),
  429: refusal('too many attempts from this address or for this number; Retry-After says when to try again'),
}
const tags = ['requests']

export function requestRoutes({ db, clock, config }: AppDeps) {
  const app = createRouter()

  /** Takes an attempt on the address and the number (429 when either is used up), runs `work`, gives them back if it found the request. */
  async function limited<T>(c: Context, number: string, work: () => Promise<T>): Promise<T> {
    const now = clock.now().getTime()
    const keys: LimitKey[] = [
      [`request:ip:${clientIp(c)}`, REQUEST_LOOKUP_LIMIT_PER_IP],
      [`request:number:${number}`, REQUEST_LOOKUP_LIMIT_PER_NUMBER],
    ]
    if ((await takeAttempts(db, keys, config.loginWindowMs, now)) !== null) {
      c.header('Retry-After', String(secondsLeftInWindow(config.loginWindowMs, now)))
      throw new DomainError('too_many_attempts', 'too many attempts; wait a while and try again')
    }
    try {
      const result = await work()
      await refundAttempts(
        db,
        keys.map(([key]) => key),
        config.loginWindowMs,
        now,
      )
      return result
    } catch (err) {
      // a refusal other than "not found" (e.g. rating closed) came from a matching number + phone
      if (err instanceof DomainError && err.code !== 'request_not_found')
        await refundAttempts(
          db,
          keys.map(([key]) => key),
          config.loginWindowMs,
          now,
        )
      throw err
    }
  }

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'lookupRequest',
      method: 'post',
      path: '/lookup',
      tags,
      summary: 'Follow a service request by its number and the phone given when ordering (no account)',
      request: { body: { required: true, ...json(RequestLookupInput) } },
      responses: { 200: { description: 'the request’s status and timeline', ...json(RequestTrack) }, ...refusals },
    }),
    async (c) => {
      const { number, phone } = c.req.valid('json')
      const track = await limited(c, number, async () => requestTrack(db, await findTrackedRequest(db, number, phone), clock.now()))
      return c.json(track, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'rateRequest',
      method: 'post',
      path: '/rate',
      tags,
      summary: 'Rate a done service request 1–5 with a comment (once, within 30 days of it being done)',
      request: { body: { required: true, ...json(RequestRateInput) } },
      responses: {
        200: { description: 'the request after the rating', ...json(RequestTrack) },
        ...refusals,
        409: refusal('not done (or already rated), or the rating window is over'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const track = await limited(c, input.number, () => writeTransaction(db, (trx) => rateRequest({ trx, clock }, input)))
      return c.json(track, 200)
    },
  )

  return app
}
