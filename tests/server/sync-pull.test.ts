import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deleteMembership, makeContext, makeMembership, makeOrg, makeRegions, mutation, person, pullAll, pushBody } from './fixtures'
import { currentVersion } from '../../server/db/version'
import { purgeExpiredTombstones, purgeTombstones } from '../../server/sync/tombstones'

const DAY = 24 * 3600_000

describe('sync pull: scope', () => {
  it('gives a member their profile (phone unmasked), their memberships, their organisations and their region’s 科协 chain', async () => {
    const { db, agent } = await makeContext()
    await makeRegions(db)
    const { user, a } = await person({ db, agent }, { regionCode: '110108001' })
    const society = await makeOrg(db, { kind: 'society', name: '中国农学会' })
    const membership = await makeMembership(db, { userId: user.id, orgId: society, status: 'pending' })
    await makeOrg(db, { kind: 'society', name: '无关学会' })
    const { changes, cursor } = await pullAll(a)
    expect(cursor).toBe(await currentVersion(db))
    const byTable = (t: string) => changes.filter((c) => c.table === t)
    expect(byTable('profile')).toEqual([
      {
        table: 'profile',
        id: user.id,
        op: 'upsert',
        row: expect.objectContaining({ phone: user.phone, regionName: '北京市海淀区万寿路街道' }),
      },
    ])
    expect(byTable('profile')[0].row).not.toHaveProperty('password_hash')
    expect(byTable('profile')[0].row).not.toHaveProperty('passwordHash')
    expect(byTable('memberships')).toEqual([
      expect.objectContaining({ id: membership, op: 'upsert', row: expect.objectContaining({ orgId: society, status: 'pending' }) }),
    ])
    expect(
      byTable('organizations')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['cast-11', 'cast-1101', 'cast-110108', 'cast-110108001', 'cast-national', society].sort())
    expect(byTable('organizations').find((c) => c.id === 'cast-110105')).toBeUndefined()
  })

  it('never gives member A member B’s profile, memberships or their deletes', async () => {
    const { db, agent } = await makeContext()
    await makeRegions(db)
    const alice = await person({ db, agent }, { regionCode: '110108' })
    const bob = await person({ db, agent }, { regionCode: '110105' })
    const shared = await makeOrg(db, { kind: 'society' })
    const bobOnly = await makeOrg(db, { kind: 'society' })
    await makeMembership(db, { userId: alice.user.id, orgId: shared })
    const bobShared = await makeMembership(db, { userId: bob.user.id, orgId: shared })
    await makeMembership(db, { userId: bob.user.id, orgId: bobOnly })
    await bob.a.post('/api/sync/push', pushBody(randomUUID(), [mutation('profile.update', { bio: 'Bob 的私事' })]))
    await deleteMembership(db, bobShared) // same organisation as Alice's: still Bob's private row
    const { changes } = await pullAll(alice.a)
    const text = JSON.stringify(changes)
    expect(text).not.toContain(bob.user.id)
    expect(text).not.toContain(bob.user.phone)
    expect(text).not.toContain(bobShared)
    expect(text).not.toContain(bobOnly)
    expect(text).not.toContain('cast-110105')
    expect(changes.filter((c) => c.table === 'profile').map((c) => c.id)).toEqual([alice.user.id])
  })

  it('sends the new 科协 chain after a region change, although those rows are older than the cursor', async () => {
    const { db, agent } = await makeContext()
    await makeRegions(db)
    const { a } = await person({ db, agent }, { regionCode: '110108' })
    const first = await pullAll(a)
    expect(first.changes.map((c) => c.id)).not.toContain('cast-110105')
    await a.post('/api/sync/push', pushBody(randomUUID(), [mutation('profile.update', { regionCode: '110105' })]))
    const next = await pullAll(a, first.cursor)
    expect(next.changes.filter((c) => c.table === 'organizations' && c.op === 'upsert').map((c) => c.id)).toContain('cast-110105')
    // and retracts the county it left; the city and province above both stay
    const gone = next.changes.filter((c) => c.op === 'delete').map((c) => c.id)
    expect(gone).toEqual(['cast-110108'])
    // moving back brings it again, after the delete
    await a.post('/api/sync/push', pushBody(randomUUID(), [mutation('profile.update', { regionCode: '110108' })]))
    const back = await pullAll(a, next.cursor)
    const orgOps = back.changes.filter((c) => c.table === 'organizations').map((c) => `${c.op} ${c.id}`)
    expect(orgOps).toContain('delete cast-110105')
    expect(orgOps).toContain('upsert cast-110108')
    expect(orgOps).not.toContain('delete cast-110108')
  })

  it('keeps an organisation whose membership was deleted while another path still shows it', async () => {
    const { db, agent } = await makeContext()
    await makeRegions(db)
    const { user, a } = await person({ db, agent }, { regionCode: '110108' })
    const id = await makeMembership(db, { userId: user.id, orgId: 'cast-110108' }) // a member of their own county 科协
    const first = await pullAll(a)
    await deleteMembership(db, id)
    const next = await pullAll(a, first.cursor)
    expect(next.changes).toEqual([{ table: 'memberships', id, op: 'delete' }])
  })

  it('sends an old organisation when the person joins it after their last pull', async () => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const old = await makeOrg(db, { kind: 'society' })
    const first = await pullAll(a)
    expect(first.changes.map((c) => c.id)).not.toContain(old)
    await makeMembership(db, { userId: user.id, orgId: old })
    const next = await pullAll(a, first.cursor)
    expect(next.changes.filter((c) => c.table === 'organizations').map((c) => c.id)).toEqual([old])
  })
})

describe('sync pull: tombstones and reset', () => {
  it('turns the caller’s tombstones into delete changes', async () => {
    const { db, agent } = await makeContext()
    const { user, a } = await person({ db, agent })
    const org = await makeOrg(db, { kind: 'society' })
    const id = await makeMembership(db, { userId: user.id, orgId: org })
    const first = await pullAll(a)
    expect(first.changes).toContainEqual(expect.objectContaining({ table: 'memberships', id, op: 'upsert' }))
    await deleteMembership(db, id)
    const next = await pullAll(a, first.cursor)
    // the membership is gone, and its organisation has left the person's scope
    expect(next.changes).toEqual([
      { table: 'memberships', id, op: 'delete' },
      { table: 'organizations', id: org, op: 'delete' },
    ])
  })

  it('answers reset to a cursor older than the purged tombstones, and only to it', async () => {
    const { db, agent, clock } = await makeContext()
    const { user, a } = await person({ db, agent })
    const id = await makeMembership(db, { userId: user.id, orgId: await makeOrg(db, { kind: 'society' }) })
    const offline = await pullAll(a) // this device then goes offline for 40 days
    await deleteMembership(db, id, clock.now().toISOString())
    const tombstoneVersion = await currentVersion(db)
    const upToDate = await pullAll(a, offline.cursor) // another device saw the delete
    clock.advance(29 * DAY)
    expect((await purgeExpiredTombstones(db, clock)).purged).toBe(0) // kept 30 days at least
    clock.advance(2 * DAY)
    expect(await purgeExpiredTombstones(db, clock)).toEqual({ purged: 1, horizon: tombstoneVersion })
    const a2 = agent() // 31 days on, the old session has idled out: log in again
    expect((await a2.post('/api/auth/login', { phone: user.phone, password: user.password })).status).toBe(200)
    expect(await db.selectFrom('tombstones').select('row_id').execute()).toHaveLength(0)
    const stale = await a2.get(`/api/sync/pull?cursor=${offline.cursor}`)
    expect(stale.body).toEqual({ changes: [], cursor: 0, hasMore: false, reset: true })
    const fresh = await a2.get(`/api/sync/pull?cursor=${upToDate.cursor}`)
    expect(fresh.body.reset).toBeUndefined()
    const fromZero = await pullAll(a2, 0)
    expect(fromZero.changes.map((c) => c.id)).not.toContain(id)
    expect(fromZero.last.reset).toBeUndefined()
  })

  it('keeps tombstones newer than the cut-off and never lowers the horizon', async () => {
    const { db, agent, clock } = await makeContext()
    const { user } = await person({ db, agent })
    const org = await makeOrg(db, { kind: 'society' })
    const oldOne = await makeMembership(db, { userId: user.id, orgId: org, status: 'lapsed' })
    const newOne = await makeMembership(db, { userId: user.id, orgId: org })
    await deleteMembership(db, oldOne, new Date(clock.now().getTime() - 40 * DAY).toISOString())
    const oldVersion = await currentVersion(db)
    await deleteMembership(db, newOne, clock.now().toISOString())
    const result = await purgeTombstones(db, new Date(clock.now().getTime() - 30 * DAY))
    expect(result).toEqual({ purged: 1, horizon: oldVersion })
    expect((await db.selectFrom('tombstones').select('row_id').execute()).map((r) => r.row_id)).toEqual([newOne])
    expect((await purgeTombstones(db, new Date(0))).horizon).toBe(oldVersion)
  })

  it('answers reset to a cursor from the future (a database restored from backup)', async () => {
    const { db, agent } = await makeContext()
    const { a } = await person({ db, agent })
    const res = await a.get(`/api/sync/pull?cursor=${(await currentVersion(db)) + 100}`)
    expect(res.body.reset).toBe(true)
  })
})

describe('sync pull: paging', () => {
  it('pages 1,000+ changes across tables in pages of 100: each change once, cursors ascending, nothing left over', async () => {
    const { db, agent } = await makeContext()
    await makeRegions(db)
    const { user, a } = await person({ db, agent }, { regionCode: '110108001' })
    const memberships: string[] = []
    for (let i = 0; i < 550; i++)
      memberships.push(await makeMembership(db, { userId: user.id, orgId: await makeOrg(db, { kind: 'society' }) }))
    for (const id of memberships.slice(0, 120)) await deleteMembership(db, id)
    const clientId = randomUUID()
    await a.post(
      '/api/sync/push',
      pushBody(
        clientId,
        Array.from({ length: 40 }, (_, i) => mutation('profile.update', { bio: `第${i}版` })),
      ),
    )
    expect(await currentVersion(db)).toBeGreaterThan(1000)

    const seen = new Map<string, any>()
    const cursors: number[] = []
    let cursor = 0
    let pages = 0
    for (;;) {
      const res = await a.get(`/api/sync/pull?cursor=${cursor}&limit=100`)
      expect(res.status).toBe(200)
      expect(res.body.changes.length).toBeLessThanOrEqual(100)
      for (const c of res.body.changes) {
        const key = `${c.table}/${c.id}`
        expect(seen.has(key), `${key} delivered twice`).toBe(false)
        seen.set(key, c)
      }
      expect(res.body.cursor).toBeGreaterThanOrEqual(cursor)
      cursors.push(res.body.cursor)
      cursor = res.body.cursor
      pages++
      if (!res.body.hasMore) break
    }
    expect(pages).toBeGreaterThanOrEqual(10)
    expect(cursor).toBe(await currentVersion(db))
    const upserts = [...seen.values()].filter((c) => c.op === 'upsert')
    const deletes = [...seen.values()].filter((c) => c.op === 'delete')
    // each membership is either a live row or a delete, never both; each organisation still in scope came once
    expect(upserts.filter((c) => c.table === 'memberships')).toHaveLength(430)
    expect(
      deletes
        .filter((c) => c.table === 'memberships')
        .map((c) => c.id)
        .sort(),
    ).toEqual(memberships.slice(0, 120).sort())
    expect(deletes.filter((c) => c.table === 'organizations')).toHaveLength(120)
    expect(upserts.filter((c) => c.table === 'organizations')).toHaveLength(430 + 5)
    expect(seen.get(`profile/${user.id}`).row.bio).toBe('第39版')
    // a page-by-page pull ends with exactly what one big pull gives
    const big = await pullAll(a, 0, 1000)
    expect(new Set(big.changes.map((c) => `${c.table}/${c.id}`))).toEqual(new Set(seen.keys()))
    // and nothing more comes from the final cursor
    expect((await a.get(`/api/sync/pull?cursor=${cursor}`)).body).toMatchObject({ changes: [], hasMore: false, cursor })
  })
})

describe('sync pull: idempotency records', () => {
  it('carries the client’s results up to the new cursor, and forgets them once the client pulled past them', async () => {
    const { db, agent, clock } = await makeContext()
    const { a } = await person({ db, agent })
    const clientId = randomUUID()
    const m1 = mutation('profile.update', { bio: '一' })
    const pushed = await a.post('/api/sync/push', pushBody(clientId, [m1]))
    const records = () => db.selectFrom('sync_mutations').select('mutation_id').where('client_id', '=', clientId).execute()

    const p1 = await a.get(`/api/sync/pull?cursor=0&clientId=${clientId}`)
    expect(p1.body.results).toEqual(pushed.body.results) // a lost push answer arrives here instead
    expect(await records()).toHaveLength(1)

    clock.advance(11 * 60_000)
    // a pull from a cursor below the record does not forget it
    await a.get(`/api/sync/pull?cursor=0&clientId=${clientId}`)
    expect(await records()).toHaveLength(1)
    // a pull without clientId forgets nothing
    await a.get(`/api/sync/pull?cursor=${p1.body.cursor}`)
    expect(await records()).toHaveLength(1)

    const p2 = await a.get(`/api/sync/pull?cursor=${p1.body.cursor}&clientId=${clientId}`)
    expect(p2.body.results).toEqual([])
    expect(await records()).toHaveLength(0)
  })

  it('keeps a seen record while a duplicate of its push may still be travelling (10 minutes)', async () => {
    const { db, agent, clock } = await makeContext()
    const { user, a } = await person({ db, agent })
    const clientId = randomUUID()
    const body = pushBody(clientId, [mutation('profile.update', { bio: '一' })])
    const first = await a.post('/api/sync/push', body)
    const p1 = await a.get(`/api/sync/pull?cursor=0&clientId=${clientId}`)
    clock.advance(5 * 60_000)
    await a.get(`/api/sync/pull?cursor=${p1.body.cursor}&clientId=${clientId}`)
    const version = (await db.selectFrom('users').select('version').where('id', '=', user.id).executeTakeFirstOrThrow()).version
    const late = await a.post('/api/sync/push', body) // the network delivers an old copy
    expect(late.body).toEqual(first.body)
    expect((await db.selectFrom('users').select('version').where('id', '=', user.id).executeTakeFirstOrThrow()).version).toBe(version)
  })
})
