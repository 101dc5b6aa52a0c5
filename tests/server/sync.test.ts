import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeContext, makeMembership, makeOrg, makeRegions, mutation, person, pushBody } from './fixtures'
import { currentVersion } from '../../server/db/version'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'

const userRow = (db: Awaited<ReturnType<typeof makeContext>>['db'], id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('sync push', () => {
  it('applies profile.update and answers the new profile', async () => {
    const { db, agent } = await makeContext()
    await makeRegions(db)
    const { user, a } = await person({ db, agent })
    const m = mutation('profile.update', { name: '  王五 ', regionCode: '110108', employer: '中科院' })
    const res = await a.post('/api/sync/push', pushBody(randomUUID(), [m]))
    expect(res.status).toBe(200)
    expect(res.body.results).toHaveLength(1)
    expect(res.body.results[0]).toMatchObject({
      id: m.id,
      status: 'applied',
      data: { id: user.id, name: '王五', regionCode: '110108', regionName: '北京市海淀区', employer: '中科院' },
    })
    expect(res.body.results[0].data).not.toHaveProperty('passwordHash')
    const row = await userRow(db, user.id)
    expect(row).toMatchObject({ name: '王五', region_code: '110108', employer: '中科院' })
    expect(res.body.results[0].data.version).toBe(row.version)
  })

  it('answers the same push twice with the first result and applies it once', async () => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const body = pushBody(randomUUID(), [mutation('profile.update', { bio: '研究水稻' })])
    const first = await a.post('/api/sync/push', body)
    const versionAfterFirst = (await userRow(db, user.id)).version
    const counterAfterFirst = await currentVersion(db)
    const second = await a.post('/api/sync/push', body)
    expect(second.status).toBe(200)
    expect(second.body).toEqual(first.body)
    expect((await userRow(db, user.id)).version).toBe(versionAfterFirst)
    expect(await currentVersion(db)).toBe(counterAfterFirst)
    expect(await db.selectFrom('sync_mutations').select('mutation_id').execute()).toHaveLength(1)
  })

  it('replays a push whose answer was lost, together with newer work: the first result comes back, applied once', async () => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const clientId = randomUUID()
    const before = (await userRow(db, user.id)).version
    const m1 = mutation('profile.update', { title: '研究员' })
    const lost = await a.post('/api/sync/push', pushBody(clientId, [m1])) // the client never sees this answer
    const afterM1 = (await userRow(db, user.id)).version
    expect(afterM1).toBeGreaterThan(before)
    const m2 = mutation('profile.update', { title: '副研究员' })
    const retry = await a.post('/api/sync/push', pushBody(clientId, [m1, m2]))
    expect(retry.body.results[0]).toEqual(lost.body.results[0])
    expect(retry.body.results[1]).toMatchObject({ id: m2.id, status: 'applied' })
    const row = await userRow(db, user.id)
    expect(row.title).toBe('副研究员')
    // one version for m1's write, one for its record, then m2's write: m1 did not run a second time
    expect(retry.body.results[1].data.version).toBe(afterM1 + 2)
    expect(row.version).toBe(afterM1 + 2)
  })

  it('applies a batch in order: the last update wins', async () => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const res = await a.post(
      '/api/sync/push',
      pushBody(randomUUID(), [mutation('profile.update', { employer: '甲' }), mutation('profile.update', { employer: '乙' })]),
    )
    expect(res.body.results.map((r: any) => r.data.employer)).toEqual(['甲', '乙'])
    expect((await userRow(db, user.id)).employer).toBe('乙')
  })

  it('answers a mixed batch one by one: unknown name, invalid args and a business rejection do not stop the good one', async () => {
    const { db, agent } = await makeContext()
    await makeRegions(db)
    const { user, a } = await person({ db, agent })
    const batch = [
      mutation('profile.explode', {}),
      mutation('constructor', {}),
      mutation('profile.update', { name: '' }),
      mutation('profile.update', { isAdmin: true }),
      mutation('profile.update', { name: '赵六', regionCode: '999999' }),
      mutation('profile.update', { name: '赵六' }),
    ]
    const res = await a.post('/api/sync/push', pushBody(randomUUID(), batch))
    expect(res.status).toBe(200)
    expect(res.body.results.map((r: any) => [r.status, r.code])).toEqual([
      ['rejected', 'unknown_mutation'],
      ['rejected', 'unknown_mutation'],
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
      ['rejected', 'unknown_region'],
      ['applied', undefined],
    ])
    for (const r of res.body.results.slice(0, 5)) expect(r.message).toMatch(/\w/)
    expect(res.body.results[2].message).toMatch(/name/)
    expect((await userRow(db, user.id)).name).toBe('赵六')
    expect((await userRow(db, user.id)).region_code).toBeNull()
  })

  it('does not wedge after a rejection: the next push goes on, and the rejection keeps its answer', async () => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const clientId = randomUUID()
    const bad = mutation('profile.update', { regionCode: '110101' }) // well-formed, but no such region here
    const first = await a.post('/api/sync/push', pushBody(clientId, [bad]))
    expect(first.body.results[0]).toMatchObject({ status: 'rejected', code: 'unknown_region' })
    const good = mutation('profile.update', { bio: '继续' })
    const next = await a.post('/api/sync/push', pushBody(clientId, [bad, good]))
    expect(next.body.results[0]).toEqual(first.body.results[0])
    expect(next.body.results[1].status).toBe('applied')
    expect((await userRow(db, user.id)).bio).toBe('继续')
  })

  it('refuses a clientId that belongs to another person (push and pull), writing nothing', async () => {
    const { db, agent } = await makeContext()
    const alice = await person({ db, agent })
    const bob = await person({ db, agent })
    const clientId = randomUUID()
    expect((await alice.a.post('/api/sync/push', pushBody(clientId, [mutation('profile.update', { bio: 'A' })]))).status).toBe(200)
    const bobBefore = await userRow(db, bob.user.id)
    const hijack = await bob.a.post('/api/sync/push', pushBody(clientId, [mutation('profile.update', { bio: 'B' })]))
    expect(hijack.status).toBe(403)
    expect(hijack.body.error.code).toBe('client_not_yours')
    const peek = await bob.a.get(`/api/sync/pull?cursor=0&clientId=${clientId}`)
    expect(peek.status).toBe(403)
    expect(await userRow(db, bob.user.id)).toEqual(bobBefore)
    expect(await db.selectFrom('sync_mutations').select('user_id').execute()).toEqual([{ user_id: alice.user.id }])
  })

  it('answers 409 client_outdated to an old client and server_outdated to one from the future', async () => {
    const { db, agent } = await makeContext()
    const { a } = await person({ db, agent })
    const old = await a.post('/api/sync/push', { ...pushBody(randomUUID(), [mutation('profile.update', { bio: 'x' })]), schemaVersion: 0 })
    expect(old.status).toBe(409)
    expect(old.body.error.code).toBe('client_outdated')
    const future = await a.post('/api/sync/push', { ...pushBody(randomUUID(), []), schemaVersion: SYNC_SCHEMA_VERSION + 1 })
    expect(future.body.error.code).toBe('server_outdated')
    const oldPull = await a.get('/api/sync/pull?cursor=0&schemaVersion=0')
    expect(oldPull.status).toBe(409)
    expect(oldPull.body.error.code).toBe('client_outdated')
    // version 1 read activity `hours`, now `creditHours` (migration 0013): it must update before it syncs
    const beforeRename = await a.get('/api/sync/pull?cursor=0&schemaVersion=1')
    expect(beforeRename.body.error.code).toBe('client_outdated')
    expect(await db.selectFrom('sync_mutations').select('mutation_id').execute()).toHaveLength(0)
  })

  it('refuses callers without a session with 401', async () => {
    const { agent } = await makeContext()
    const push = await agent().post('/api/sync/push', pushBody(randomUUID(), []))
    expect(push.status).toBe(401)
    expect(push.body.error.code).toBe('unauthorized')
    const pull = await agent().get('/api/sync/pull')
    expect(pull.status).toBe(401)
  })

  const m = () => mutation('profile.update', { bio: 'x' })
  it.each([
    ['not JSON', '{"clientId": ', 400],
    ['missing clientId', { schemaVersion: 1, mutations: [] }, 400],
    ['missing mutations', { clientId: randomUUID(), schemaVersion: 1 }, 400],
    ['missing schemaVersion', { clientId: randomUUID(), mutations: [] }, 400],
    ['clientId not a uuid', { ...pushBody('abc', []) }, 400],
    ['mutation id not a uuid', pushBody(randomUUID(), [{ ...m(), id: '1' }]), 400],
    ['mutation without a name', pushBody(randomUUID(), [{ ...m(), name: undefined }]), 400],
    ['101 mutations', pushBody(randomUUID(), Array.from({ length: 101 }, m)), 400],
    ['a 10,000-character mutation name', pushBody(randomUUID(), [{ ...m(), name: 'x'.repeat(10_000) }]), 400],
    ['a 100,000-character createdAt', pushBody(randomUUID(), [{ ...m(), createdAt: '2'.repeat(100_000) }]), 400],
    ['a body over 1 MiB', pushBody(randomUUID(), [mutation('profile.update', { bio: '长'.repeat(600_000) })]), 413],
  ])('refuses a bad push body (%s) with JSON, writing nothing', async (_label, body, status) => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const before = await userRow(db, user.id)
    const res = await a.post('/api/sync/push', body)
    expect(res.status).toBe(status)
    expect(typeof res.body.error.code).toBe('string')
    expect(typeof res.body.error.message).toBe('string')
    expect(await db.selectFrom('sync_mutations').select('mutation_id').execute()).toHaveLength(0)
    expect(await db.selectFrom('sync_clients').select('client_id').execute()).toHaveLength(0)
    expect(await userRow(db, user.id)).toEqual(before)
  })

  it('rejects huge strings inside args with a reason instead of writing them', async () => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const res = await a.post('/api/sync/push', pushBody(randomUUID(), [mutation('profile.update', { bio: '长'.repeat(50_000) })]))
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(res.body.results[0].message).toMatch(/bio/)
    expect((await userRow(db, user.id)).bio).toBeNull()
  })

  it('refuses a push sent as text/plain (a cross-site form) with 415', async () => {
    const { db, agent } = await makeContext()
    const { a } = await person({ db, agent })
    const res = await a.request('POST', '/api/sync/push', JSON.stringify(pushBody(randomUUID(), [])), { 'content-type': 'text/plain' })
    expect(res.status).toBe(415)
  })
})

describe('sync pull: bad input', () => {
  it.each([
    ['negative cursor', 'cursor=-1'],
    ['non-numeric cursor', 'cursor=abc'],
    ['limit 0', 'limit=0'],
    ['limit above 1000', 'limit=1001'],
    ['clientId not a uuid', 'clientId=nope'],
  ])('answers 400 for %s', async (_label, qs) => {
    const { db, agent } = await makeContext()
    const { a } = await person({ db, agent })
    const res = await a.get(`/api/sync/pull?${qs}`)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_input')
  })
})

describe('sync API document', () => {
  it('describes push and pull with their schemas in /api/openapi.json', async () => {
    const { agent } = await makeContext()
    const doc = (await agent().get('/api/openapi.json')).body
    const push = doc.paths['/api/sync/push'].post
    const pull = doc.paths['/api/sync/pull'].get
    expect(push.requestBody.content['application/json'].schema).toBeTruthy()
    expect(Object.keys(push.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409']))
    const pushOk = JSON.stringify(push.responses['200'])
    expect(pushOk).toMatch(/results/)
    expect(pushOk).toMatch(/retry_later/)
    expect(pull.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['cursor', 'limit', 'schemaVersion', 'clientId']))
    expect(JSON.stringify(pull.responses['200'])).toMatch(/hasMore/)
  })
})

describe('sync pull: compression', () => {
  it('gzips a pull answer when the client accepts it', async () => {
    const { db, agent } = await makeContext()
    await makeRegions(db)
    const { user, a } = await person({ db, agent }, { regionCode: '110108001' })
    for (let i = 0; i < 30; i++) await makeMembership(db, { userId: user.id, orgId: await makeOrg(db, { kind: 'society' }) })
    const zipped = await a.request('GET', '/api/sync/pull?cursor=0', undefined, { 'accept-encoding': 'gzip' })
    expect(zipped.status).toBe(200)
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    const plain = await a.get('/api/sync/pull?cursor=0')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.body.changes).toHaveLength(1 + 30 + 30 + 5)
  })
})

describe('sync engine: clientId claims', () => {
  it('a pull with a new clientId claims it for the caller', async () => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const clientId = randomUUID()
    expect((await a.get(`/api/sync/pull?clientId=${clientId}`)).status).toBe(200)
    expect(await db.selectFrom('sync_clients').select(['client_id', 'user_id']).execute()).toEqual([
      { client_id: clientId, user_id: user.id },
    ])
  })
})
