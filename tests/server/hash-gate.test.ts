/** The scrypt gate on its own: concurrency, per-lane queue bound, per-client share, known lane first. */
import { describe, expect, it } from 'vitest'
import { HashGate } from '../../server/domain/hash-gate'

function deferred() {
  let resolve = () => {}
  const promise = new Promise<void>((ok) => (resolve = ok))
  return { promise, resolve }
}

describe('HashGate', () => {
  it('runs at most `concurrency`, queues at most `maxQueued` per lane, refuses the rest at once', async () => {
    const gate = new HashGate({ concurrency: 2, maxQueued: 2, perClient: 10 })
    const block = deferred()
    const order: string[] = []
    const job = (name: string) => async () => {
      order.push(name)
      await block.promise
    }
    const runs = ['a', 'b', 'c', 'd'].map((n) => gate.tryRun(`ip:${n}`, 'other', job(n)))
    expect(runs.every((r) => r !== null)).toBe(true)
    expect(gate.tryRun('ip:e', 'other', job('e'))).toBeNull() // 2 running + 2 waiting: full
    const known = gate.tryRun('browser:k', 'known', job('k')) // its own lane still has room
    expect(known).not.toBeNull()
    await Promise.resolve()
    expect(order).toEqual(['a', 'b'])
    block.resolve()
    await Promise.all([...runs, known])
    expect(order.slice(2)).toEqual(['k', 'c', 'd']) // the known lane is served first
    expect(gate.stats).toEqual({ started: 5, refused: 1, maxRunning: 2 })
  })

  it('one client holds at most `perClient` places, and gets them back when its jobs end (even failing ones)', async () => {
    const gate = new HashGate({ concurrency: 4, maxQueued: 10, perClient: 2 })
    const block = deferred()
    const first = gate.tryRun('ip:x', 'other', () => block.promise)
    const second = gate.tryRun('ip:x', 'other', () => Promise.reject(new Error('scrypt failed')))
    expect(gate.tryRun('ip:x', 'other', async () => undefined)).toBeNull()
    expect(gate.tryRun('ip:y', 'other', async () => undefined)).not.toBeNull()
    await expect(second).rejects.toThrow('scrypt failed')
    expect(gate.tryRun('ip:x', 'other', async () => undefined)).not.toBeNull() // the failed job gave its place back
    block.resolve()
    await first
  })
})
