/**
 * The fuzz, over real keep-alive HTTP connections (fuzz-openapi.test.ts goes through app.request,
 * which has no sockets). Browsers and proxies send request after request on one connection; a
 * refusal that leaves the request body unread must not cost the NEXT request its answer
 * (server/middleware/read-body.ts says how it did).
 *
 * Every operation gets hostile bodies (malformed, oversized, wrong type) and generated ones, as an
 * anonymous caller and as a member, one request after another on ONE socket. Every answer must
 * arrive whole (the declared length, JSON for a refusal, never 5xx), and the server must have seen
 * exactly one connection: any connection it dropped would show up as a second one.
 */
import { request as httpRequest, Agent, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeBeijing, makeContext, makeMembership, makeUser } from './fixtures'
import { HUGE, mutate, mutationArb, propertyPaths, validishArb, type Mutation } from './fuzz-arbitraries'
import { createSession } from '../../server/db/session.repository'
import { DRAIN_BODY_BYTES } from '../../server/middleware/read-body'

/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is walked generically */
const SEED = 20261201
const GENERATED_PER_OPERATION = Number(process.env.FUZZ_KEEPALIVE_RUNS ?? 3)

const ctx = await makeContext({ loginLimitPerIp: 1_000_000 })
await makeBeijing(ctx.db)
const member = await makeUser(ctx.db, { regionCode: '110108010' })
await makeMembership(ctx.db, { userId: member.id, orgId: 'cast-110108010' })
const doc: any = await (await ctx.app.request('/api/openapi.json')).json()
const operations = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
  Object.entries<any>(item)
    .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, 'cast-110108010'), op })),
)

let server: ReturnType<typeof serve>
let base = ''
let connections = 0
const agent = new Agent({ keepAlive: true, maxSockets: 1 })
beforeAll(async () => {
  server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' })
  // Node closes a connection idle for 5 s; a busy machine must not turn that into a "dropped" one here
  ;(server as Server).keepAliveTimeout = 600_000
  server.on('connection', () => connections++)
  await new Promise<void>((ok) => server.once('listening', () => ok()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  agent.destroy()
  await new Promise<void>((ok) => server.close(() => ok()))
})

interface Answer {
  status: number
  text: string
  headers: Record<string, string | string[] | undefined>
}

/** One request on the shared keep-alive agent; rejects if the answer does not arrive whole. */
function send(method: string, url: string, body: string | undefined, contentType: string | null, asMember: boolean): Promise<Answer> {
  return new Promise((ok, fail) => {
    void (async () => {
      const headers: Record<string, string> = {}
      if (contentType) headers['content-type'] = contentType
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
      // a fresh session each time: a fuzzed logout or account deletion may end the previous one
      if (asMember) headers.cookie = `sh_session=${(await createSession(ctx.db, member.id, ctx.clock.now(), 3_600_000, 'fuzz')).token}`
      const req = httpRequest(base + url, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (d: Buffer) => chunks.push(d))
        res.on('error', fail)
        res.on('end', () => {
          if (!res.complete) return fail(new Error(`answer cut off: ${method} ${url} → ${res.statusCode}`))
          ok({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers })
        })
      })
      req.on('error', (err) => fail(new Error(`no answer: ${method} ${url}: ${err.message}`)))
      req.end(body)
    })().catch(fail)
  })
}

async function check(method: string, url: string, body: string | undefined, contentType: string | null, asMember: boolean) {
  const res = await send(method, url, body, contentType, asMember)
  const label = `${asMember ? 'member' : 'anonymous'} ${method} ${url} (${body?.length ?? 0} bytes) → ${res.status} ${res.text.slice(0, 120)}`
  expect(res.status, label).toBeLessThan(500)
  if (res.status >= 400) expect(typeof JSON.parse(res.text)?.error?.code, label).toBe('string')
  return res
}

const HOSTILE: Array<[string, string | null]> = [
  ['{"phone":', 'application/json'],
  ['', 'application/json'],
  ['null', 'application/json'],
  ['[' + '['.repeat(5000) + ']'.repeat(5000) + ']', 'application/json'],
  [JSON.stringify({ big: HUGE.repeat(11) }), 'application/json'], // 1.1 MB: over the body limit
  [JSON.stringify({ big: HUGE.repeat(5) }), 'application/json'], // 500 kB: under it, refused unread by most routes
  ['{"a":1}', 'text/plain'],
  ['{"a":1}', null],
]

describe('fuzz over one real keep-alive connection', () => {
  it('finds the operations that take a body', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15)
  })

  it('answers every hostile and generated request whole, on one connection that is never dropped', async () => {
    let sent = 0
    for (const { method, url, op } of operations) {
      for (const [body, contentType] of HOSTILE) {
        for (const asMember of [false, true]) {
          await check(method, url, body, contentType, asMember)
          sent++
        }
      }
      const schema = op.requestBody?.content?.['application/json']?.schema
      if (!schema) continue
      const bodies = fc.sample(
        fc.tuple(validishArb(doc, schema), mutationArb(propertyPaths(doc, schema))).map(([b, m]: [unknown, Mutation]) => mutate(b, m)),
        { seed: SEED, numRuns: GENERATED_PER_OPERATION },
      )
      for (const body of bodies) {
        await check(method, url, JSON.stringify(body) ?? 'null', 'application/json', true)
        sent++
      }
    }
    expect(sent).toBeGreaterThan(300)
    expect(connections, 'the server dropped a keep-alive connection (a second one had to be opened)').toBe(1)
  }, 300_000)

  it('closes the connection, and says so, when a body is too large to be worth reading', async () => {
    const before = connections
    // declared over the cap; only its first kilobyte is sent, so the client is not still writing
    // when the server closes (that race is TCP's, not ours)
    const res = await new Promise<Answer>((ok, fail) => {
      const req = httpRequest(
        base + '/api/auth/login',
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(DRAIN_BODY_BYTES + 1) } },
        (r) => {
          const chunks: Buffer[] = []
          r.on('data', (d: Buffer) => chunks.push(d))
          r.on('end', () => ok({ status: r.statusCode!, text: Buffer.concat(chunks).toString('utf8'), headers: r.headers }))
          r.on('error', fail)
        },
      )
      req.on('error', () => undefined) // the socket is closed under the unsent rest of the body
      req.write('x'.repeat(1024))
    })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.text).error.code).toBe('payload_too_large')
    expect(res.headers.connection).toBe('close')
    // the next request is answered (on a new connection, as announced)
    expect((await check('GET', '/api/health', undefined, null, false)).status).toBe(200)
    expect(connections).toBe(before + 1)
  }, 120_000)
})
