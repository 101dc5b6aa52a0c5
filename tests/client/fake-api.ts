/**
 * One fake API for client tests, in place of a hand-written `fetch` stub per file:
 *
 *   const api = fakeApi({
 *     'GET /api/me': me,                                  // a value: answered as 200 JSON
 *     'POST /api/sync/push': ({ body }) => ({ results }), // a function of the request
 *     '/api/sync/pull': pullAnswer,                       // no method: any method
 *     '*': (req) => …,                                    // anything else (default: 404 JSON)
 *     'POST /api/auth/register': () => reply(409, { error: { code: 'phone_taken', message: '…' } }),
 *   })
 *
 * It stubs the global fetch (tests undo it with vi.unstubAllGlobals()), answers JSON with a
 * content-type and a Date header like the real server, records every call, and answers 404 JSON for
 * a route it was not given (or whose handler returns undefined). A handler may also return a Response as it is. A handler that throws a TypeError is a network failure, as in a browser.
 * Routes match the path without its query; a handler reads the query from `url`.
 */
import { vi } from 'vitest'
import type { FetchLike } from '../../client/lib/transport'

export interface FakeRequest {
  method: string
  path: string
  url: URL
  /** the parsed JSON body, or undefined when there is none */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields its route expects
  body: any
}

/** An answer with a status other than 200. */
class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
export const reply = (status: number, body: unknown) => new Reply(status, body)

type Handler = (req: FakeRequest) => unknown
export type Routes = Record<string, unknown>

export interface FakeApiOptions {
  /** the server's clock, sent in the Date header (default: the test's clock) */
  date?: () => Date
  /** while true, every request fails as a browser's fetch does without a network */
  offline?: () => boolean
}

/** A JSON response as the real server sends it. */
export function jsonResponse(status: number, body: unknown, date: Date = new Date()) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', date: date.toUTCString() } })
}

export function fakeApi(routes: Routes, options: FakeApiOptions = {}) {
  const calls: FakeRequest[] = []
  const fetch = vi.fn<FetchLike>(async (input, init) => {
    if (options.offline?.()) throw new TypeError('Failed to fetch')
    const url = new URL(String(input), 'http://localhost')
    const method = (init?.method ?? 'GET').toUpperCase()
    const req: FakeRequest = { method, path: url.pathname, url, body: init?.body ? JSON.parse(String(init.body)) : undefined }
    calls.push(req)
    const key = `${method} ${url.pathname}`
    const route = [key, url.pathname, '*'].map((k) => routes[k]).find((r) => r !== undefined)
    const date = options.date?.() ?? new Date()
    const answer = typeof route === 'function' ? await (route as Handler)(req) : route
    if (answer === undefined) return jsonResponse(404, { error: { code: 'not_found', message: key } }, date)
    if (answer instanceof Response) return answer
    if (answer instanceof Reply) return jsonResponse(answer.status, answer.body, date)
    return jsonResponse(200, answer, date)
  })
  vi.stubGlobal('fetch', fetch)
  return { fetch, calls, routes }
}

/** The empty sync answers, for tests whose page starts the engine but is not about sync. */
export const idleSync = {
  '/api/sync/push': { results: [] },
  '/api/sync/pull': { changes: [], cursor: 0, hasMore: false },
} as const
