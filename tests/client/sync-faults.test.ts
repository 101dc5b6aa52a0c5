/**
 * The traps: retries with backoff (and none for business rejections), duplicate-safe retries,
 * reset after expired tombstones, paged pulls with a stored cursor, the device clock never used as
 * a cursor, blocked IndexedDB upgrades, two tabs never pushing the same outbox at once, 401 and 409.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDB } from 'idb'
import { freshIndexedDb, makeEngine, openTestDb } from './sync-setup'
import { FakeSyncServer } from './sync-fake-server'
import { DB_NAME, DB_VERSION, META_CURSOR, STORE_META, STORE_OUTBOX, openSyncDb } from '../../client/lib/idb'
import { backoffDelay } from '../../client/lib/transport'

beforeEach(() => freshIndexedDb())
afterEach(() => {
  vi.useRealTimers()
  delete (navigator as { locks?: unknown }).locks
})

async function engineFor(server: FakeSyncServer, over = {}) {
  const engine = await makeEngine(server.fetch, over)
  const schedule = vi.spyOn(engine, 'schedule').mockImplementation(() => undefined)
  return { engine, schedule }
}

describe('retries', () => {
  it('backs off exponentially with jitter on network errors and 5xx, then succeeds with the same ids', async () => {
    const server = new FakeSyncServer()
    const { engine, schedule } = await engineFor(server)
    const m = await engine.mutate('profile.update', { name: '李四' })
    server.faults.push('network', 'http500', 'lost')
    expect(await engine.sync()).toBe('error')
    expect(await engine.sync()).toBe('error')
    expect(await engine.sync()).toBe('error') // 'lost': the server applied it, the answer never came
    const backoffs = schedule.mock.calls.filter(([, reason]) => reason === 'backoff').map(([ms]) => ms)
    expect(backoffs).toEqual([750, 1500, 3000]) // base 1 s, doubling, random() = 0.5 → ¾ of the ceiling
    expect(engine.status.lastError?.code).toBe('network')
    expect(engine.status.pending).toBe(1)

    expect(await engine.sync()).toBe('ok')
    expect(engine.attempt).toBe(0)
    expect(server.attempts).toEqual([[m.id], [m.id], [m.id], [m.id]]) // the same id on every attempt
    const delivered = server.requests.filter((r) => r.kind === 'push')
    expect(delivered).toHaveLength(2) // the 'lost' one and the last
    expect(new Set(delivered.map((p) => p.body!.clientId)).size).toBe(1)
    expect(server.appliedLog).toEqual([m.id]) // applied exactly once despite the replay
    expect(engine.status.pending).toBe(0)
    expect(engine.status.lastError).toBeNull()
  })

  it('the backoff grows to its ceiling and jitter spreads it', () => {
    expect(backoffDelay(0, () => 0)).toBe(500)
    expect(backoffDelay(0, () => 1)).toBe(1000)
    expect(backoffDelay(5, () => 0.999)).toBeLessThanOrEqual(32_000)
    expect(backoffDelay(30, () => 1)).toBe(60_000)
    expect(backoffDelay(30, () => 0)).toBe(30_000)
  })

  it('401 stops and keeps the outbox until the person logs in again', async () => {
    const server = new FakeSyncServer()
    const { engine, schedule } = await engineFor(server)
    await engine.mutate('profile.update', { name: '李四' })
    server.faults.push('http401')
    expect(await engine.sync()).toBe('auth')
    expect(engine.status.authRequired).toBe(true)
    expect(await engine.sync()).toBe('auth') // no traffic while logged out
    expect(server.requests).toHaveLength(0)
    expect(schedule.mock.calls.filter(([, r]) => r === 'backoff')).toHaveLength(0)
    expect(await engine.db.count(STORE_OUTBOX)).toBe(1)
    expect(await engine.syncNow()).toBe('ok') // after login
    expect(server.profile().name).toBe('李四')
  })

  it('409 client_outdated asks for the update and stops', async () => {
    const server = new FakeSyncServer()
    const { engine } = await engineFor(server)
    await engine.mutate('profile.update', { name: '李四' })
    server.faults.push('outdated')
    expect(await engine.sync()).toBe('outdated')
    expect(engine.status.updateRequired).toBe(true)
    expect(await engine.db.count(STORE_OUTBOX)).toBe(1)
  })
})

describe('pull', () => {
  it('pages until done, storing rows and the cursor page by page', async () => {
    const server = new FakeSyncServer()
    for (let i = 0; i < 1234; i++) server.upsert('organizations', { id: `org-${i}`, name: `组织${i}` })
    const { engine } = await engineFor(server, { pageSize: 500 })
    const attempted: number[] = []
    const pull = engine['o'].transport.pull
    engine['o'].transport.pull = async (...a) => {
      attempted.push(a[1])
      if (attempted.length === 3) throw new TypeError('dropped')
      return pull(...a)
    }
    expect(await engine.sync()).toBe('error')
    const cursorAfterTwo = (await engine.db.get(STORE_META, META_CURSOR)) as number
    expect(cursorAfterTwo).toBe(1000)
    expect((await engine.listRows('organizations')).length).toBe(999) // the profile row was version 1
    expect(await engine.sync()).toBe('ok')
    expect(attempted).toEqual([0, 500, 1000, 1000]) // resumes where the stored cursor says
    expect(await engine.db.get(STORE_META, META_CURSOR)).toBe(server.version)
    expect((await engine.listRows('organizations')).length).toBe(1234)
  })

  it('stores deletes (tombstones) by removing the row', async () => {
    const server = new FakeSyncServer()
    server.upsert('organizations', { id: 'org-1', name: '海淀区科协' })
    const { engine } = await engineFor(server)
    await engine.sync()
    server.remove('organizations', 'org-1')
    await engine.sync()
    expect(await engine.getRow('organizations', 'org-1')).toBeUndefined()
  })

  it('never takes the cursor from the device clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2099-01-01T00:00:00Z'))
    const server = new FakeSyncServer()
    for (let i = 0; i < 30; i++) server.upsert('organizations', { id: `org-${i}`, name: `组织${i}` })
    const { engine } = await engineFor(server, { pageSize: 10 })
    await engine.mutate('profile.update', { name: '李四' })
    await engine.sync()
    vi.setSystemTime(new Date('1999-01-01T00:00:00Z'))
    server.upsert('organizations', { id: 'late', name: '后来的' })
    await engine.sync()
    const cursors = server.requests.filter((r) => r.kind === 'pull').map((r) => r.cursor)
    expect(cursors).toEqual([0, 11, 21, 31, 32]) // each one the server's answer to the one before
    expect(await engine.db.get(STORE_META, META_CURSOR)).toBe(server.version)
    expect(await engine.getRow('organizations', 'late')).toBeDefined()
    expect(await engine.db.count(STORE_OUTBOX)).toBe(0)
  })
})

describe('reset (tombstones expired while offline)', () => {
  it('flushes the outbox first, then drops the replica and pulls from zero', async () => {
    const server = new FakeSyncServer()
    server.upsert('organizations', { id: 'gone', name: '已撤销的组织' })
    const { engine } = await engineFor(server)
    await engine.sync()
    server.remove('organizations', 'gone', false) // its tombstone has expired
    server.resetBelow = server.version + 1
    let typedDuringSync: string | null = null
    server.beforePull = async (cursor) => {
      if (cursor > 0 && !typedDuringSync) typedDuringSync = (await engine.mutate('profile.update', { bio: '同步时写的' })).id
    }
    expect(await engine.sync()).toBe('ok')
    const log = server.requests.map((r) => (r.kind === 'push' ? `push:${r.ids!.length}` : `pull:${r.cursor}`))
    expect(log).toEqual(['pull:0', `pull:${server.resetBelow - 1}`, 'push:1', 'pull:0'])
    expect(server.appliedLog).toEqual([typedDuringSync])
    expect(await engine.getRow('organizations', 'gone')).toBeUndefined()
    expect((await engine.getRow('profile', 'user-1'))?.bio).toBe('同步时写的')
  })

  it('keeps the replica when the outbox cannot be flushed', async () => {
    const server = new FakeSyncServer()
    server.upsert('organizations', { id: 'gone', name: '已撤销的组织' })
    const { engine } = await engineFor(server)
    await engine.sync()
    server.remove('organizations', 'gone', false)
    server.resetBelow = server.version + 1
    server.beforePull = async () => {
      server.beforePull = null
      await engine.mutate('profile.update', { bio: '同步时写的' })
      server.faults.push('network') // the flush push fails
    }
    expect(await engine.sync()).toBe('error')
    expect(await engine.getRow('organizations', 'gone')).toBeDefined()
    expect((await engine.db.get(STORE_META, META_CURSOR)) as number).toBeGreaterThan(0)
    expect(engine.status.pending).toBe(1)
  })
})

describe('IndexedDB upgrades', () => {
  it('closes the connection on versionchange and asks for a reload, so the upgrade is not blocked', async () => {
    const onVersionChange = vi.fn()
    const onBlocked = vi.fn()
    const old = await openSyncDb({ onVersionChange })
    const newer = await openDB(DB_NAME, DB_VERSION + 1, { blocked: onBlocked })
    expect(onVersionChange).toHaveBeenCalledOnce()
    expect(onBlocked).not.toHaveBeenCalled()
    expect(newer.version).toBe(DB_VERSION + 1)
    expect(() => old.transaction(STORE_META)).toThrow()
    newer.close()
  })
})

/** A LockManager with ifAvailable semantics, as Chromium has it (happy-dom has none). */
function installLocks() {
  const held = new Set<string>()
  const locks = {
    async request(name: string, opts: { ifAvailable?: boolean }, cb: (lock: unknown) => Promise<unknown>) {
      if (held.has(name) && opts.ifAvailable) return cb(null)
      held.add(name)
      try {
        return await cb({ name })
      } finally {
        held.delete(name)
      }
    },
  }
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
}

describe('two tabs', () => {
  it('never push the same outbox concurrently (Web Locks, ifAvailable)', async () => {
    installLocks()
    const server = new FakeSyncServer()
    server.pushDelayMs = 30
    const a = await engineFor(server, { db: await openTestDb() })
    const b = await engineFor(server, { db: await openTestDb() })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await a.engine.mutate('profile.update', { title: `职称${i}` })).id)
    const results = await Promise.all([a.engine.sync(), b.engine.sync(), a.engine.sync(), b.engine.sync()])
    expect(results).toContain('busy')
    expect(server.maxInFlightPushes).toBe(1)
    const pushedIds = server.requests.filter((r) => r.kind === 'push').flatMap((r) => r.ids!)
    expect(pushedIds).toEqual(ids) // each id sent once, in order
    expect(b.schedule.mock.calls.some(([, r]) => r === 'busy')).toBe(true)
    await b.engine.refresh()
    expect(b.engine.status.pending).toBe(0) // the other tab sees the outbox emptied
  })
})
