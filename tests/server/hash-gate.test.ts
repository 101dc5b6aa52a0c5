/** The scrypt gate on its own: concurrency, per-lane queue bound, fairness between clients, known lane first. */
import { describe, expect, it } from 'vitest'
import { GateBusy, HashGate } from '../../server/domain/hash-gate'

function deferred() {
  let resolve = () => {}
  const promise = new Promise<void>((ok) => (resolve = ok))
  return { promise, resolve }
}
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('HashGate', () => {
  it('runs at most `concurrency`, queues at most `maxQueued` per lane, refuses the rest at once', async () => {
    const gate = new HashGate({ concurrency: 2, maxQueued: 2 })
    const block = deferred()
    const order: string[] = []
    const job = (name: string) => async () => {
      order.push(name)
      await block.promise
    }
    const runs = ['a', 'b', 'c', 'd'].map((n) => gate.run(`ip:${n}`, 'other', job(n)))
    await expect(gate.run('ip:e', 'other', job('e'))).rejects.toBeInstanceOf(GateBusy) // 2 running + 2 waiting
    const known = gate.run('browser:k', 'known', job('k')) // its own lane still has room
    await settle()
    expect(order).toEqual(['a', 'b'])
    block.resolve()
    await Promise.all([...runs, known])
    expect(order.slice(2)).toEqual(['k', 'c', 'd']) // the known lane is served first
    expect(gate.stats).toEqual({ started: 5, refused: 1, maxRunning: 2 })
  })

  it('a burst from one client cannot keep another out: the newcomer takes a waiting place and runs next', async () => {
    const gate = new HashGate({ concurrency: 2, maxQueued: 2 })
    const block = deferred()
    const order: string[] = []
    const job = (name: string) => async () => {
      order.push(name)
      await block.promise
    }
    const flood = ['x1', 'x2', 'x3', 'x4'].map((n) => gate.run('ip:x', 'other', job(n)).catch((e: unknown) => e))
    const x5 = gate.run('ip:x', 'other', job('x5')).catch((e: unknown) => e)
    const y = gate.run('ip:y', 'other', job('y'))
    expect(await x5).toBeInstanceOf(GateBusy) // full, and x holds the most: refused
    expect(await flood[3]).toBeInstanceOf(GateBusy) // x's last waiter gave its place to y
    await settle()
    block.resolve()
    await Promise.all([...flood, y])
    expect(order).toEqual(['x1', 'x2', 'y', 'x3']) // y (nothing running) before x3
    expect(gate.stats.refused).toBe(2)
  })

  it('several people behind one address are not refused for sharing it while there is room', async () => {
    const gate = new HashGate({ concurrency: 2, maxQueued: 4 })
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => gate.run('ip:nat', 'other', async () => i)))
    expect(results).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('gives a place back when its job fails', async () => {
    const gate = new HashGate({ concurrency: 1, maxQueued: 0 })
    await expect(gate.run('ip:x', 'other', () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed')
    await expect(gate.run('ip:x', 'other', async () => 'ok')).resolves.toBe('ok')
  })

  it('keeps a place for known browsers: strangers never use it, a member never waits behind strangers', async () => {
    const gate = new HashGate({ concurrency: 2, maxQueued: 1, reservedForKnown: 1 })
    const block = deferred()
    const strangers = [gate.run('ip:a', 'other', () => block.promise), gate.run('ip:b', 'other', () => block.promise)]
    expect(gate.admits('ip:c', 'other')).toBe(false) // one running, one waiting: full for strangers
    await expect(gate.run('ip:c', 'other', async () => 'no')).rejects.toBeInstanceOf(GateBusy)
    expect(gate.admits('browser:m', 'known')).toBe(true)
    await expect(gate.run('browser:m', 'known', async () => 'member in')).resolves.toBe('member in')
    expect(gate.stats.maxRunning).toBe(2)
    block.resolve()
    await Promise.all(strangers)
  })
})
