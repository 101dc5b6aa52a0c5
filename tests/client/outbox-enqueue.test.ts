/**
 * Enqueue is constant-time in the outbox size (issue 11, should-fix): a mutation never re-reads
 * the outbox; the status grows by the new entry. Order stays the order of the calls, in the status,
 * in IndexedDB and at the server — also with refreshes and a push running in between.
 * (The time per enqueue at 10 / 100 / 1,000 pending: bench/outbox-enqueue.ts.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { freshIndexedDb, syncedEngine } from './sync-setup'
import { readOutbox } from '../../client/lib/outbox'

beforeEach(() => freshIndexedDb())

describe('enqueue', () => {
  it('reads no outbox store or index however many entries wait', async () => {
    const { engine } = await syncedEngine()
    for (let i = 0; i < 50; i++) await engine.mutate('profile.update', { bio: `第${i}条` })
    const getAll = vi.spyOn(engine.db, 'getAll')
    const getAllFromIndex = vi.spyOn(engine.db, 'getAllFromIndex')
    const entry = await engine.mutate('profile.update', { bio: '第51条' })
    expect(getAll).not.toHaveBeenCalled()
    expect(getAllFromIndex).not.toHaveBeenCalled()
    expect(engine.status.pending).toBe(51)
    expect(engine.status.outbox.at(-1)).toEqual(entry)
  })

  it('keeps the order of the calls in the status, in IndexedDB and at the server, with refreshes in between', async () => {
    const { engine, server } = await syncedEngine()
    const bios = Array.from({ length: 40 }, (_, i) => `第${i}条`)
    // all at once, with status refreshes racing them (a sync finishing, another tab's message)
    const calls: Array<Promise<unknown>> = []
    for (const [i, bio] of bios.entries()) {
      calls.push(engine.mutate('profile.update', { bio }))
      if (i % 7 === 0) calls.push(engine.refresh())
    }
    await Promise.all(calls)

    const stored = await readOutbox(engine.db)
    expect(stored.map((e) => (e.args as { bio: string }).bio)).toEqual(bios)
    expect(stored.map((e) => e.seq)).toEqual([...stored.map((e) => e.seq)].sort((a, b) => a - b))
    expect(engine.status.outbox.map((e) => e.id)).toEqual(stored.map((e) => e.id))
    expect(engine.status.pending).toBe(40)

    // a push in flight while more arrive: those go after, in order
    const syncing = engine.sync()
    const late = await engine.mutate('profile.update', { bio: '推送时加的' })
    await syncing
    expect(await engine.sync()).toBe('ok')
    expect(server.appliedLog).toEqual([...stored.map((e) => e.id), late.id])
    expect(server.profile().bio).toBe('推送时加的')
    expect(engine.status.outbox).toEqual([])
    expect(engine.status.pending).toBe(0)
  })
})
