/**
 * Issue 11 (shared devices), the server's half: a sync client id belongs to the account that first
 * used it, for ever. A push under another account's client id is refused before anything is
 * applied or recorded, and the refused person recovers with a client id of their own.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeContext, mutation, person, pushBody } from './fixtures'
import { currentVersion } from '../../server/db/version'

type Db = Awaited<ReturnType<typeof makeContext>>['db']
const userRow = (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const snapshot = async (db: Db) => ({
  version: await currentVersion(db),
  mutations: await db.selectFrom('sync_mutations').selectAll().orderBy('mutation_id').execute(),
  clients: await db.selectFrom('sync_clients').selectAll().orderBy('client_id').execute(),
})

describe('sync: a client id claimed by another account', () => {
  it('refuses the push without applying or recording anything, then applies it once under a new client id', async () => {
    const { db, agent } = await makeContext()
    const alice = await person({ db, agent })
    const bob = await person({ db, agent })
    const shared = randomUUID()
    const aliceEdit = mutation('profile.update', { bio: '甲的简介' })
    expect((await alice.a.post('/api/sync/push', pushBody(shared, [aliceEdit]))).status).toBe(200)
    const before = await snapshot(db)
    const aliceBefore = await userRow(db, alice.user.id)
    const bobBefore = await userRow(db, bob.user.id)

    // Bob's device presents Alice's client id: his batch (and a replay of her mutation id) is refused whole.
    const bobEdit = mutation('profile.update', { name: '乙', bio: '乙的简介' })
    const refused = await bob.a.post('/api/sync/push', pushBody(shared, [bobEdit, aliceEdit]))
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('client_not_yours')
    expect(JSON.stringify(refused.body)).not.toContain('甲的简介') // Alice's recorded result is not replayed to Bob
    expect(await snapshot(db)).toEqual(before)
    expect(await userRow(db, bob.user.id)).toEqual(bobBefore)
    expect(await userRow(db, alice.user.id)).toEqual(aliceBefore)

    // The client's recovery: a client id of its own, the same mutation ids — applied once, to Bob only.
    const own = randomUUID()
    const recovered = await bob.a.post('/api/sync/push', pushBody(own, [bobEdit]))
    expect(recovered.status).toBe(200)
    expect(recovered.body.results).toEqual([expect.objectContaining({ id: bobEdit.id, status: 'applied' })])
    expect(await bob.a.post('/api/sync/push', pushBody(own, [bobEdit]))).toMatchObject({ status: 200 })
    expect(await userRow(db, bob.user.id)).toMatchObject({ name: '乙', bio: '乙的简介' })
    expect(await userRow(db, alice.user.id)).toEqual(aliceBefore)
    const rows = await db.selectFrom('sync_mutations').select(['client_id', 'user_id']).where('mutation_id', '=', bobEdit.id).execute()
    expect(rows).toEqual([{ client_id: own, user_id: bob.user.id }])
  })

  it('a client id first claimed by a pull is refused to a push from another account as well', async () => {
    const { db, agent } = await makeContext()
    const alice = await person({ db, agent })
    const bob = await person({ db, agent })
    const id = randomUUID()
    expect((await alice.a.get(`/api/sync/pull?cursor=0&clientId=${id}`)).status).toBe(200)
    const before = await snapshot(db)
    const res = await bob.a.post('/api/sync/push', pushBody(id, [mutation('profile.update', { bio: '不该写入' })]))
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('client_not_yours')
    expect(await snapshot(db)).toEqual(before)
    expect((await userRow(db, bob.user.id)).bio).toBeNull()
  })
})
