// @vitest-environment node
// (happy-dom's Request drops the Cookie header, which a browser sets itself; the engine needs no DOM)
/**
 * The client engine against the REAL server app (createApp on an in-memory database), with fetch
 * routed to app.request: true end-to-end without a browser. A network layer in between can go
 * offline or drop a response after the server applied the request.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { freshIndexedDb, makeEngine } from './sync-setup'
import { makeContext } from '../server/fixtures'
import { STORE_OUTBOX } from '../../client/lib/idb'
import type { FetchLike } from '../../client/lib/transport'

beforeEach(() => freshIndexedDb())

async function setup() {
  const ctx = await makeContext()
  await ctx.db
    .insertInto('regions')
    .values([
      { code: '11', name: '北京市', level: 'province', parent_code: null, full_name: '北京市' },
      { code: '110108', name: '海淀区', level: 'county', parent_code: '11', full_name: '北京市海淀区' },
    ])
    .execute()
  const person = ctx.agent()
  const reg = await person.post(
    '/api/auth/register',
    await ctx.withCode({ phone: '13912345678', password: 'Kexie-2026!', name: '张三', acceptPrivacy: true }),
  )
  expect(reg.status).toBe(201)
  const net = { offline: false, dropNextResponse: false, requests: 0 }
  const fetch: FetchLike = async (input, init) => {
    if (net.offline) throw new TypeError('Failed to fetch')
    net.requests++
    const headers = new Headers(init?.headers)
    headers.set('cookie', person.cookie)
    const res = await ctx.app.request(input, { method: init?.method, body: init?.body, headers })
    if (net.dropNextResponse) {
      net.dropNextResponse = false
      throw new TypeError('connection reset after the server answered')
    }
    return res
  }
  const engine = await makeEngine(fetch)
  vi.spyOn(engine, 'schedule').mockImplementation(() => undefined)
  return { ...ctx, person, userId: reg.body.id as string, net, engine }
}

describe('engine ↔ real server', () => {
  it('an offline edit shows at once, survives, and reaches the server once when back online', async () => {
    const { engine, net, person, userId } = await setup()
    expect(await engine.sync()).toBe('ok')
    expect((await engine.getRow('profile', userId))?.name).toBe('张三')

    net.offline = true
    await engine.mutate('profile.update', { name: '张三丰', employer: '中国科学院', discipline: '理科' })
    expect(await engine.sync()).toBe('error')
    expect((await engine.getRow('profile', userId))?.name).toBe('张三丰')
    expect(engine.status.pending).toBe(1)

    net.offline = false
    expect(await engine.sync()).toBe('ok')
    const me = (await person.get('/api/me')).body
    expect(me).toMatchObject({ name: '张三丰', employer: '中国科学院', discipline: '理科' })
    const row = await engine.getRow('profile', userId)
    expect(row).toMatchObject({ name: '张三丰', version: me.version })
    expect(engine.status.pending).toBe(0)
  })

  it('a push whose answer was lost is applied once (same id replayed)', async () => {
    const { engine, net, person, userId, db } = await setup()
    await engine.sync()
    const counter = async () => (await db.selectFrom('sync_state').select('version').executeTakeFirstOrThrow()).version
    const before = await counter()
    const m = await engine.mutate('profile.update', { title: '研究员' })
    net.dropNextResponse = true
    expect(await engine.sync()).toBe('error')
    expect(await engine.db.get(STORE_OUTBOX, m.id)).toBeDefined() // we do not know it was applied
    expect(await engine.sync()).toBe('ok')
    expect(await engine.db.count(STORE_OUTBOX)).toBe(0)
    // one apply = one version for the users row + one for its idempotency record; a second apply
    // would have moved the counter again
    expect(await counter()).toBe(before + 2)
    const after = (await person.get('/api/me')).body.version as number
    expect(after).toBe(before + 1)
    expect((await db.selectFrom('users').select('title').where('id', '=', userId).executeTakeFirstOrThrow()).title).toBe('研究员')
    expect(await engine.getRow('profile', userId)).toMatchObject({ title: '研究员', version: after })
  })

  it('the server rejects an unknown region: rolled back, shown with its reason, the next edit goes through', async () => {
    const { engine, person, userId } = await setup()
    await engine.sync()
    const bad = await engine.mutate('profile.update', { regionCode: '990101' })
    const good = await engine.mutate('profile.update', { regionCode: '110108', bio: '做土壤研究' })
    expect(await engine.sync()).toBe('ok')
    const rejected = await engine.db.get(STORE_OUTBOX, bad.id)
    expect(rejected).toMatchObject({ status: 'rejected', code: 'unknown_region', args: { regionCode: '990101' } })
    expect(rejected?.message).toBeTruthy()
    expect(await engine.db.get(STORE_OUTBOX, good.id)).toBeUndefined()
    expect(await engine.getRow('profile', userId)).toMatchObject({ regionCode: '110108', regionName: '北京市海淀区', bio: '做土壤研究' })
    expect((await person.get('/api/me')).body.regionCode).toBe('110108')
  })

  it('401 after the session ends keeps the outbox', async () => {
    const { engine, person } = await setup()
    await engine.sync()
    await person.post('/api/auth/logout')
    await engine.mutate('profile.update', { name: '李四' })
    expect(await engine.sync()).toBe('auth')
    expect(engine.status.authRequired).toBe(true)
    expect(engine.status.pending).toBe(1)
  })
})
