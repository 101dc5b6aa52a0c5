/**
 * The OpenAPI document as a contract, and auth declared per route rather than by mount order:
 * every operation has a unique camelCase operationId and a `security` from its access declaration;
 * the schemes and servers are declared; a route without a declaration cannot be registered; and the
 * four routers sharing /api/me refuse anonymous callers in whatever order they are mounted (before,
 * the calendar feed worked only when its router came first, and meRoutes guarded all of /api/me/*).
 */
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import { createRoute } from '@hono/zod-openapi'
import { makeContext, makeUser } from './fixtures'
import { apiServers } from '../../server/app'
import { createRouter } from '../../server/openapi'
import { loadSession } from '../../server/middleware/session'
import { meRoutes } from '../../server/routes/me'
import { myActivityRoutes } from '../../server/routes/my-activities'
import { sessionRoutes } from '../../server/routes/sessions'
import { accountRoutes } from '../../server/routes/account'
import { issueCalendarToken } from '../../server/db/activity-calendar.repository'
import type { AppDeps } from '../../server/deps'

interface Operation {
  operationId?: string
  security?: Record<string, string[]>[]
  'x-access'?: string
}
interface Doc {
  servers: { url: string }[]
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> }
  paths: Record<string, Record<string, Operation>>
}

async function document(overrides = {}) {
  const ctx = await makeContext(overrides)
  return (await (await ctx.app.request('/api/openapi.json')).json()) as Doc
}
const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([m, op]) => ({ name: `${m.toUpperCase()} ${path}`, op })))

describe('OpenAPI document', () => {
  it('gives every operation a unique camelCase operationId', async () => {
    const ops = operations(await document())
    expect(ops.length).toBeGreaterThanOrEqual(45)
    expect(ops.filter(({ op }) => !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId ?? '')).map((o) => o.name)).toEqual([])
    const ids = ops.map(({ op }) => op.operationId)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it('declares its security schemes and a security on every operation, naming only declared schemes', async () => {
    const doc = await document()
    expect(doc.components.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'sh_session' }),
      deviceToken: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Authorization' }),
      calendarToken: expect.objectContaining({ type: 'apiKey', in: 'query', name: 'token' }),
    })
    for (const { name, op } of operations(doc)) {
      expect(op.security, name).toBeInstanceOf(Array)
      for (const requirement of op.security!)
        expect(Object.keys(doc.components.securitySchemes), name).toEqual(expect.arrayContaining(Object.keys(requirement)))
      // anonymous routes say so with an empty list; the others name one credential (sync: a session or a device token)
      expect(op.security!.length, name).toBe(op['x-access'] === 'anyone' ? 0 : op['x-access'] === 'memberOrDevice' ? 2 : 1)
    }
  })

  it('names the __Host- cookie when cookies are Secure', async () => {
    expect((await document({ secureCookies: true })).components.securitySchemes.sessionCookie!.name).toBe('__Host-sh_session')
  })

  it("lists the configured public origin as its server, else '/'", async () => {
    expect((await document()).servers).toEqual([{ url: '/' }])
    expect(apiServers({ publicOrigin: 'https://kexie.example.cn' })).toEqual([{ url: 'https://kexie.example.cn' }])
    expect(apiServers({ publicOrigin: null })).toEqual([{ url: '/' }])
  })
})

describe('auth declared per route', () => {
  it('refuses to register a route without an access declaration', () => {
    const app = createRouter()
    const route = createRoute({ method: 'get', path: '/', operationId: 'undeclared', responses: { 200: { description: 'ok' } } })
    expect(() => app.openapi(route, (c) => c.body(null, 200))).toThrow(/access declaration/)
  })

  // every order of the four routers that share /api/me
  const routers = { meRoutes, myActivityRoutes, sessionRoutes, accountRoutes }
  const orders = permutations(Object.keys(routers) as (keyof typeof routers)[])

  it.each(orders.map((order) => ({ order: order.join(' → '), list: order })))(
    'anonymous calls answer 401 and the feed its token, mounted $order',
    async ({ list }) => {
      const ctx = await makeContext()
      const deps: AppDeps = { db: ctx.db, clock: ctx.clock, config: ctx.config }
      const app = new Hono()
      app.use('/api/*', loadSession(deps))
      for (const name of list) app.route(name === 'sessionRoutes' ? '/api/me/sessions' : '/api/me', routers[name](deps))
      // the status a refusal carries, whatever the error type is called
      app.onError((err, c) => c.json({ error: { message: err.message } }, ((err as { status?: number }).status ?? 500) as 401))

      const user = await makeUser(ctx.db)
      const token = await issueCalendarToken(ctx.db, user.id, ctx.clock.now())
      const status = async (method: string, path: string) =>
        (await app.request(path, { method, headers: { 'content-type': 'application/json' }, ...(method === 'POST' && { body: '{}' }) }))
          .status
      expect(await status('GET', '/api/me')).toBe(401)
      expect(await status('GET', '/api/me/activities')).toBe(401)
      expect(await status('POST', '/api/me/calendar-token')).toBe(401)
      expect(await status('GET', '/api/me/sessions')).toBe(401)
      expect(await status('GET', '/api/me/export')).toBe(401)
      expect(await status('POST', '/api/me/delete')).toBe(401)
      expect(await status('GET', `/api/me/calendar.ics?token=${token}`)).toBe(200)
    },
  )

  it('the whole app, meRoutes now mounted before the feed: anonymous member routes 401, the feed answers its token', async () => {
    const ctx = await makeContext()
    const user = await makeUser(ctx.db)
    const token = await issueCalendarToken(ctx.db, user.id, ctx.clock.now())
    const a = ctx.agent()
    for (const path of [
      '/api/me',
      '/api/me/activities',
      '/api/me/sessions',
      '/api/me/export',
      '/api/cards',
      '/api/orgs/suggest',
      '/api/admin/audit',
    ]) {
      expect((await a.get(path)).status, path).toBe(401)
    }
    expect((await a.post('/api/activities', {})).status).toBe(401)
    expect((await a.get('/api/activities/00000000-0000-4000-8000-000000000000/attendance')).status).toBe(401)
    expect((await a.get(`/api/me/calendar.ics?token=${token}`)).status).toBe(200)
  })
})

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}
