/**
 * The sync engine against a fake server: atomic outbox + optimistic change, survival across a
 * reload, reconciliation of applied and rejected results, rebase of pending changes on pulled rows.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { freshIndexedDb, makeEngine, syncedEngine } from './sync-setup'
import { FakeSyncServer } from './sync-fake-server'
import { STORE_BASE, STORE_OUTBOX, STORE_ROWS } from '../../client/lib/idb'
import { SyncEngine } from '../../client/lib/sync'
import { clientMutators } from '../../client/features/sync/mutators'
import type { ClientMutator } from '../../client/lib/mutators'

beforeEach(() => freshIndexedDb())

describe('mutate: outbox entry and optimistic change in one transaction', () => {
  it('writes both, and the row shows the change at once', async () => {
    const { engine } = await syncedEngine()
    const entry = await engine.mutate('profile.update', { name: '李四' })
    expect(await engine.db.get(STORE_OUTBOX, entry.id)).toMatchObject({ name: 'profile.update', args: { name: '李四' }, status: 'pending' })
    expect((await engine.getRow('profile', 'user-1'))?.name).toBe('李四')
    expect(await engine.isRowPending('profile', 'user-1')).toBe(true)
    expect(engine.status.pending).toBe(1)
  })

  it('writes neither when the optimistic change fails half-way', async () => {
    const { engine } = await syncedEngine()
    const breaking: ClientMutator = {
      name: 'profile.update',
      async apply(replica) {
        const [row] = await replica.list('profile')
        await replica.put({ ...row!, name: '写了一半' })
        throw new Error('boom after the first write')
      },
    }
    const broken = new SyncEngine({
      db: engine.db,
      fetch: async () => new Response('{}'),
      mutators: { 'profile.update': breaking },
      channelName: null,
    })
    await expect(broken.mutate('profile.update', { name: '王五' })).rejects.toThrow('boom')
    expect(await engine.db.count(STORE_OUTBOX)).toBe(0)
    expect((await engine.getRow('profile', 'user-1'))?.name).toBe('张三')
    expect(await engine.db.count(STORE_BASE)).toBe(0)
  })

  it('refuses arguments the shared schema rejects, storing nothing', async () => {
    const { engine } = await syncedEngine()
    await expect(engine.mutate('profile.update', { name: '' })).rejects.toThrow()
    await expect(engine.mutate('profile.update', { phone: '13800000000' } as never)).rejects.toThrow()
    await expect(engine.mutate('no.such' as never, {} as never)).rejects.toThrow('unknown mutation')
    expect(await engine.db.count(STORE_OUTBOX)).toBe(0)
  })
})

describe('reload', () => {
  it('keeps the outbox and the optimistic row; a new engine pushes it once', async () => {
    const server = new FakeSyncServer()
    const { engine } = await syncedEngine(server)
    await engine.mutate('profile.update', { title: '研究员' })
    // the push succeeds, the pull after it fails: only the push result can settle the entry
    let pulls = 0
    engine['o'].transport.pull = async () => {
      pulls++
      throw new TypeError('offline')
    }
    await engine.sync()
    expect(pulls).toBe(1)
    expect(server.appliedLog).toHaveLength(1)
    expect((await engine.getRow('profile', 'user-1'))?.title).toBe('研究员')
    expect(await engine.isRowPending('profile', 'user-1')).toBe(false)
  })

  it('a rejection rolls back its change, keeps reason and args, and does not wedge later ones', async () => {
    const { engine, server } = await syncedEngine()
    const bad = await engine.mutate('profile.update', { regionCode: '999999', bio: '我写的简介' })
    const good = await engine.mutate('profile.update', { name: '李四' })
    expect((await engine.getRow('profile', 'user-1'))?.bio).toBe('我写的简介')
    // the pull after the push fails: the push results alone must roll the replica back
    const pull = engine['o'].transport.pull
    engine['o'].transport.pull = async () => {
      throw new TypeError('offline')
    }
    expect(await engine.sync()).toBe('error')
    expect(await engine.getRow('profile', 'user-1')).toMatchObject({ name: '李四', regionCode: null, bio: null })
    engine['o'].transport.pull = pull
    expect(await engine.sync()).toBe('ok')
    expect(engine.attempt).toBe(0) // a business rejection is not retried
    const row = await engine.getRow('profile', 'user-1')
    expect(row).toMatchObject({ name: '李四', regionCode: null, bio: null })
    const kept = await engine.db.get(STORE_OUTBOX, bad.id)
    expect(kept).toMatchObject({ status: 'rejected', code: 'unknown_region', args: { regionCode: '999999', bio: '我写的简介' } })
    expect(kept?.message).toContain('999999')
    expect(server.appliedLog).toEqual([good.id])
    expect(engine.status.rejected.map((e) => e.id)).toEqual([bad.id])
    expect(engine.status.pending).toBe(0)

    // the next sync does not send the rejected entry again
    const pushesBefore = server.requests.filter((r) => r.kind === 'push').length
    await engine.mutate('profile.update', { title: '工程师' })
    await engine.sync()
    const pushes = server.requests.filter((r) => r.kind === 'push')
    expect(pushes.length).toBe(pushesBefore + 1)
    expect(pushes.at(-1)!.ids).not.toContain(bad.id)
  })

  it('edit and retry replaces a rejected entry with a new mutation; discard drops it', async () => {
    const { engine, server } = await syncedEngine()
    const bad = await engine.mutate('profile.update', { regionCode: '999999' })
    await engine.sync()
    const retried = await engine.retry(bad.id, { regionCode: '110108' })
    expect(retried.id).not.toBe(bad.id) // the server already answered the old id
    expect(await engine.db.get(STORE_OUTBOX, bad.id)).toBeUndefined()
    await engine.sync()
    expect(server.profile().regionCode).toBe('110108')

    const bad2 = await engine.mutate('profile.update', { regionCode: '888888' })
    await expect(engine.discard(bad2.id)).rejects.toThrow() // still pending: may be in flight
    await engine.sync()
    await engine.discard(bad2.id)
    expect(await engine.db.count(STORE_OUTBOX)).toBe(0)
  })

  it('pending changes are rebased onto rows a pull brings', async () => {
    const { engine, server } = await syncedEngine()
    server.upsert('profile', { ...server.profile(), bio: '另一台设备写的' })
    // the push fails; the pull alone must lay the pending name on top of the new server row
    const mutation = await engine.mutate('profile.update', { name: '李四' })
    engine['o'].transport.push = async () => {
      throw new TypeError('offline')
    }
    await engine.sync()
    const page = await server.fetch('/api/sync/pull?cursor=0&limit=500')
    const { storePullPage } = await import('../../client/lib/sync-steps')
    await storePullPage(engine.db, clientMutators, await page.json())
    expect(await engine.getRow('profile', 'user-1')).toMatchObject({ name: '李四', bio: '另一台设备写的' })
    expect(await engine.db.get(STORE_BASE, ['profile', 'user-1'])).toMatchObject({ name: '张三', bio: '另一台设备写的' })
    expect(await engine.db.get(STORE_OUTBOX, mutation.id)).toBeDefined()
  })

  it('a result delivered by a pull settles the outbox (push answer lost, server already forgot to push it twice)', async () => {
    const { engine } = await syncedEngine()
    const m = await engine.mutate('profile.update', { name: '李四' })
    const { storePullPage } = await import('../../client/lib/sync-steps')
    await storePullPage(engine.db, clientMutators, {
      changes: [{ table: 'profile', id: 'user-1', op: 'upsert', row: { id: 'user-1', name: '李四', bio: null, version: 99 } }],
      cursor: 99,
      hasMore: false,
      results: [{ id: m.id, status: 'applied' }],
    })
    expect(await engine.db.count(STORE_OUTBOX)).toBe(0)
    expect(await engine.db.count(STORE_BASE)).toBe(0)
    expect((await engine.getRow('profile', 'user-1'))?.version).toBe(99)
    expect(await engine.db.count(STORE_ROWS)).toBe(1)
  })
})

describe('stop', () => {
  it('lets a running sync finish before the database closes, and starts no new one', async () => {
    const server = new FakeSyncServer()
    let gate: Promise<void> | null = null
    const engine = await makeEngine(async (input, init) => {
      if (gate) await gate
      return server.fetch(input, init)
    })
    vi.spyOn(engine, 'schedule').mockImplementation(() => undefined)
    expect(await engine.sync()).toBe('ok')
    await engine.mutate('profile.update', { name: '李四' })
    // the push answer is held back, so the sync is mid-flight when the person logs out
    let release!: () => void
    gate = new Promise<void>((ok) => (release = ok))
    const running = engine.sync()
    engine.stop()
    expect(await engine.sync()).toBe('offline') // stopped: no new round
    let idle = false
    const waiting = engine.idle().then(() => (idle = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(idle).toBe(false) // still waiting for the push in flight
    release()
    await waiting
    expect(await running).toBe('ok')
    expect(server.appliedLog).toHaveLength(1) // the push went through once
    engine.db.close() // no InvalidStateError from a transaction under a closed connection
  })
})
