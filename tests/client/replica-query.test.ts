/**
 * What the replica tells views, and useReplicaQuery: the engine names the tables each change
 * touched (a mutation, a pull page, a settled push; a status-only refresh touches none), and the
 * composable re-reads only for its own tables and drops a read that finishes after a newer one.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { freshIndexedDb, makeEngine, quiet } from './sync-setup'
import { FakeSyncServer } from './sync-fake-server'
import type { SyncEngine } from '../../client/lib/sync'
import type { TablesChanged } from '../../client/lib/tables'
import { useReplicaQuery, type ReplicaSource } from '../../client/features/sync/use-replica-query'

beforeEach(() => freshIndexedDb())

const names = (t: TablesChanged) => (t === 'all' ? 'all' : [...t].sort())

describe('the engine names the tables a change touched', () => {
  it('a mutation, a pull page and a status-only refresh', async () => {
    const server = new FakeSyncServer()
    server.upsert('memberships', {
      id: 'm1',
      orgId: 'o1',
      status: 'active',
      role: 'member',
      memberNo: null,
      reason: null,
      validUntil: null,
      createdAt: '',
      updatedAt: '',
      version: 1,
    })
    const engine = quiet(await makeEngine(server.fetch))
    const seen: Array<{ revision: number; tables: TablesChanged }> = []
    engine.subscribe((s) => {
      if (seen.at(-1)?.revision !== s.revision) seen.push({ revision: s.revision, tables: s.changedTables })
    })
    await engine.sync()
    // the first pull stores both tables; the closing refresh of the run changes no table
    expect(seen.slice(1).map((s) => names(s.tables))).toEqual([['memberships', 'profile'], []])

    seen.length = 0
    await engine.mutate('profile.update', { name: '李四' })
    expect(seen.map((s) => names(s.tables))).toEqual([['profile']])

    seen.length = 0
    server.upsert('memberships', {
      id: 'm2',
      orgId: 'o2',
      status: 'pending',
      role: 'member',
      memberNo: null,
      reason: null,
      validUntil: null,
      createdAt: '',
      updatedAt: '',
      version: 1,
    })
    await engine.sync()
    const touched = seen.map((s) => names(s.tables))
    // the push settles the profile edit; the pull brings only the new membership (plus the profile
    // row the edit changed on the server); nothing else is announced
    expect(touched).toContainEqual(['profile'])
    expect(touched.flat()).not.toContain('organizations')
    expect(touched.some((t) => Array.isArray(t) && t.includes('memberships'))).toBe(true)
    expect(touched.at(-1)).toEqual([])
  })
})

/** A hand-driven source: the test says when the engine is there and what changed. */
function fakeSource() {
  let listener: ((t: TablesChanged) => void) | null = null
  const source: ReplicaSource = {
    engine: () => ({}) as SyncEngine,
    started: () => true,
    onChange(fn) {
      listener = fn
      return () => (listener = null)
    },
  }
  return { source, announce: (t: TablesChanged) => listener?.(t) }
}

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
}

describe('useReplicaQuery', () => {
  it('re-reads only when one of its tables changed (or all did)', async () => {
    const { source, announce } = fakeSource()
    let reads = 0
    const scope = effectScope()
    const q = scope.run(() => useReplicaQuery(['memberships', 'organizations'], async () => ++reads, 0, { source }))!
    await settle()
    expect(reads).toBe(1)
    expect(q.data.value).toBe(1)
    expect(q.loaded.value).toBe(true)

    announce(new Set(['profile']))
    announce(new Set())
    await settle()
    expect(reads).toBe(1)

    announce(new Set(['organizations']))
    await settle()
    expect(reads).toBe(2)
    announce('all')
    await settle()
    expect(reads).toBe(3)
    expect(q.data.value).toBe(3)

    scope.stop()
    announce('all')
    await settle()
    expect(reads).toBe(3)
  })

  it('ignores an older read that finishes after a newer one', async () => {
    const { source, announce } = fakeSource()
    const answers = [deferred<string>(), deferred<string>(), deferred<string>()]
    let call = 0
    const read = vi.fn(() => answers[call++]!.promise)
    const scope = effectScope()
    const q = scope.run(() => useReplicaQuery(['profile'], read, 'none', { source }))!
    answers[0]!.resolve('first')
    await settle()
    expect(q.data.value).toBe('first')

    announce(new Set(['profile'])) // read 2 starts (slow)
    announce(new Set(['profile'])) // read 3 starts and answers first
    answers[2]!.resolve('newest')
    await settle()
    expect(q.data.value).toBe('newest')
    answers[1]!.resolve('older, finished last')
    await settle()
    expect(q.data.value).toBe('newest')
    expect(read).toHaveBeenCalledTimes(3)
    scope.stop()
  })
})
