/**
 * Fuzz every operation in /api/openapi.json with invalid and boundary input, anonymously and as a
 * logged-in member. Routes added later are covered automatically: the list comes from the document.
 *
 * For every answer: never a 5xx; a status the operation declares (plus the generic refusals any
 * route may give: 401 403 404 413 415 429); for 4xx a JSON `{ error: { code, message } }` and not
 * one row added to or removed from any table (rate_limits excepted: counting failed attempts is
 * the point of it).
 */
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { makeBeijing, makeContext, makeMembership, makeUser } from './fixtures'
import { HUGE, NASTY, mutate, mutationArb, paramArb, propertyPaths, queryArb, validishArb, type Mutation } from './fuzz-arbitraries'
import { audit } from '../../server/domain/audit'
import { createSession } from '../../server/db/session.repository'

/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is walked generically */
const SEED = 20261128
const RUNS = Number(process.env.FUZZ_RUNS ?? 100)
const GENERIC = [401, 403, 404, 413, 415, 429]
/** counting failed attempts is what this table is for */
const MAY_CHANGE_ON_REFUSAL = new Set(['rate_limits'])

/** FUZZ_STATS=1 prints the statuses each operation answered (to see that the fuzz gets past validation) */
const STATS: Record<string, Record<number, number>> | null = process.env.FUZZ_STATS ? {} : null
afterAll(() => {
  if (STATS)
    console.log(
      Object.entries(STATS)
        .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
        .sort()
        .join('\n'),
    )
})

const docCtx = await makeContext()
const doc: any = await (await docCtx.app.request('/api/openapi.json')).json()
const operations = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
  Object.entries<any>(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ method: method.toUpperCase(), path, op, label: `${method.toUpperCase()} ${path}` })),
)

type Ctx = Awaited<ReturnType<typeof makeContext>>
const CALLERS = ['anonymous', 'member', 'orgAdmin', 'systemAdmin'] as const
type Caller = (typeof CALLERS)[number]
interface Sent {
  method: string
  url: string
  body?: string
  contentType?: string | null
  as: Caller
  /** the document's path, for statistics */
  template?: string
}

async function setup() {
  const ctx = await makeContext({ loginLimitPerIp: 1_000_000 })
  await makeBeijing(ctx.db)
  const member = await makeUser(ctx.db, { regionCode: '110108010' })
  await makeMembership(ctx.db, { userId: member.id, orgId: 'cast-110108010' })
  const other = await makeUser(ctx.db)
  await makeMembership(ctx.db, { userId: other.id, orgId: 'cast-110105001', status: 'pending' })
  const orgAdmin = await makeUser(ctx.db)
  await makeMembership(ctx.db, { userId: orgAdmin.id, orgId: 'cast-110108', role: 'admin' })
  const systemAdmin = await makeUser(ctx.db, { systemRole: 'system_admin' })
  await audit(ctx.db, { actorId: orgAdmin.id, action: 'membership.approve', orgId: 'cast-110108', target: member.id })
  const users: Record<Exclude<Caller, 'anonymous'>, { id: string }> = { member, orgAdmin, systemAdmin }
  // every table of this test's database (its own schema on PostgreSQL), on either engine
  const tableRows = ctx.raw
    ? (ctx.raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as Array<{ name: string }>)
    : (
        await sql<{ name: string }>`
          select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
          ctx.db,
        )
      ).rows
  const tables = tableRows.map((r) => r.name).filter((n) => !MAY_CHANGE_ON_REFUSAL.has(n))
  const counts = async () => {
    const row = (
      await sql<
        Record<string, number>
      >`select ${sql.join(tables.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`))}`.execute(ctx.db)
    ).rows[0]!
    return Object.fromEntries(tables.map((t) => [t, Number(row[t])]))
  }
  return { ctx, users, counts }
}

/** Sends one request (a fresh member session each time, since a fuzzed logout may end it) and checks the answer. */
async function sendAndCheck(env: Awaited<ReturnType<typeof setup>>, declared: Set<number>, req: Sent) {
  const { ctx, users, counts } = env
  const headers: Record<string, string> = {}
  if (req.as !== 'anonymous')
    headers.cookie = `sh_session=${(await createSession(ctx.db, users[req.as].id, ctx.clock.now(), 3_600_000, 'fuzz')).token}`
  if (req.contentType) headers['content-type'] = req.contentType
  const before = await counts()
  const res = await ctx.app.request(req.url, { method: req.method, headers, body: req.body })
  const text = await res.text()
  if (STATS) {
    const key = `${req.method} ${req.template ?? req.url.split('?')[0]!.slice(0, 60)} ${req.as}`
    STATS[key] = { ...STATS[key], [res.status]: (STATS[key]?.[res.status] ?? 0) + 1 }
  }
  const label = `${req.as} ${req.method} ${req.url.slice(0, 200)} ${String(req.body ?? '').slice(0, 200)} → ${res.status} ${text.slice(0, 200)}`
  expect(res.status, label).toBeLessThan(500)
  expect(declared.has(res.status) || GENERIC.includes(res.status), `undeclared status: ${label}`).toBe(true)
  if (res.status >= 400) {
    let body: any
    expect(() => (body = JSON.parse(text)), label).not.toThrow()
    expect(typeof body?.error?.code, label).toBe('string')
    expect(typeof body?.error?.message, label).toBe('string')
    expect(await counts(), `rows changed by a refused request: ${label}`).toEqual(before)
  }
  return res.status
}

function fillPath(path: string, values: Record<string, string>) {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'x'))
}

function opShape(op: any) {
  const params: any[] = op.parameters ?? []
  const pathParams = params.filter((p) => p.in === 'path')
  const queryParams = params.filter((p) => p.in === 'query')
  const bodySchema = op.requestBody?.content?.['application/json']?.schema
  const declared = new Set(
    Object.keys(op.responses ?? {})
      .map(Number)
      .filter(Number.isFinite),
  )
  return { pathParams, queryParams, bodySchema, declared }
}

describe('fuzz every operation in the OpenAPI document', () => {
  it('finds the operations (so the fuzz cannot pass by finding none)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20)
    for (const known of ['POST /api/auth/login', 'POST /api/me/delete', 'GET /api/admin/audit', 'POST /api/me/sessions/{id}/end']) {
      expect(operations.map((o) => o.label)).toContain(known)
    }
  })

  it.each(operations)('$label: generated invalid and boundary input', async ({ method, path, op }) => {
    const env = await setup()
    const { pathParams, queryParams, bodySchema, declared } = opShape(op)
    const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, paramArb(doc, p.schema ?? {})]))) as fc.Arbitrary<
      Record<string, string>
    >
    const extraQueryArb = fc.option(
      fc.tuple(
        fc.constantFrom('page', 'admin', 'q', 'x'.repeat(50)),
        fc.constantFrom(...(NASTY.filter((v) => typeof v === 'string') as string[])),
      ),
      { nil: undefined, freq: 1 },
    )
    const bodyArb = bodySchema
      ? fc
          .tuple(validishArb(doc, bodySchema), mutationArb(propertyPaths(doc, bodySchema)))
          .map(([base, m]: [unknown, Mutation]) => mutate(base, m))
      : fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })
    await fc.assert(
      fc.asyncProperty(
        pathArb,
        queryArb(doc, queryParams),
        extraQueryArb,
        bodyArb,
        fc.constantFrom(...CALLERS),
        async (pathValues, query, extra, body, as) => {
          const qs = new URLSearchParams(query)
          if (extra) qs.append(extra[0], extra[1])
          const url = fillPath(path, pathValues) + (qs.size ? `?${qs}` : '')
          const hasBody = method !== 'GET' && body !== undefined
          await sendAndCheck(env, declared, {
            method,
            url,
            template: path,
            as,
            body: hasBody ? JSON.stringify(body) : undefined,
            contentType: hasBody ? 'application/json' : null,
          })
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    )
  })

  it.each(operations)(
    '$label: malformed bodies, wrong content types, oversized bodies, hostile path params',
    async ({ method, path, op }) => {
      const env = await setup()
      const { pathParams, declared } = opShape(op)
      const ok = Object.fromEntries(pathParams.map((p) => [p.name, 'cast-110108010']))
      const url = fillPath(path, ok)
      const cases: Array<Omit<Sent, 'as'>> = []
      if (method !== 'GET') {
        for (const [body, contentType] of [
          ['{"phone":', 'application/json'],
          ['', 'application/json'],
          ['null', 'application/json'],
          ['[]', 'application/json'],
          ['"just a string"', 'application/json'],
          ['[' + '['.repeat(5000) + ']'.repeat(5000) + ']', 'application/json'],
          [JSON.stringify({ big: HUGE.repeat(11) }), 'application/json'], // 1.1 MB: over the body limit
          ['phone=13800000000&password=x', 'application/x-www-form-urlencoded'],
          ['{"a":1}', 'text/plain'],
          ['<xml/>', 'application/xml'],
          ['{"a":1}', null],
        ] as Array<[string, string | null]>)
          cases.push({ method, url, body, contentType })
      }
      for (const p of pathParams) {
        for (const bad of ['', HUGE, '😀', "' OR 1=1 --", '<script>', '..', '%00', '-1', 'NaN', '1e309']) {
          cases.push({
            method,
            url: fillPath(path, { ...ok, [p.name]: bad }),
            body: method === 'GET' ? undefined : '{}',
            contentType: method === 'GET' ? null : 'application/json',
          })
        }
      }
      cases.push({ method, url: `${url}${url.includes('?') ? '&' : '?'}page=-1&page=${HUGE}&q=%F0%9F%98%80` })
      for (const c of cases) for (const as of CALLERS) await sendAndCheck(env, declared, { ...c, as, template: path })
    },
  )
})

describe('the fuzz harness itself', () => {
  it('notices a route that answers 500 or changes rows while refusing', async () => {
    const env = await setup()
    const ctx: Ctx = env.ctx
    // A deliberately broken request path: the checker must reject an undeclared status.
    await expect(sendAndCheck(env, new Set([200]), { method: 'GET', url: '/api/nope', as: 'anonymous' })).resolves.toBe(404)
    await expect(
      sendAndCheck(env, new Set([200]), {
        method: 'POST',
        url: '/api/auth/login',
        body: '{}',
        contentType: 'application/json',
        as: 'anonymous',
      }),
    ).rejects.toThrow(/undeclared status/)
    // Rows written during a refused request are caught (simulated by writing between snapshot and answer).
    const counts = env.counts
    const broken = {
      ...env,
      counts: (() => {
        let n = 0
        return async () => ({ ...(await counts()), fake: n++ })
      })(),
    }
    await expect(sendAndCheck(broken, new Set([401]), { method: 'GET', url: '/api/me', as: 'anonymous' })).rejects.toThrow(/rows changed/)
    expect(ctx).toBeTruthy()
  })
})
