/**
 * The server's promotion step (server/domain/waitlist.ts) on a queue that is not an activity — the
 * shape volunteer shifts will use. An activity's registrations (its first user) are covered by
 * activity-register.test.ts and activity-organiser.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { promoteWaitlist, type WaitlistQueue } from '../../server/domain/waitlist'

/** A shift with slots, kept in memory: what the step asks of any queue. */
function shiftQueue(capacity: number, taken: number, waiting: Array<{ id: string; seq: number }>) {
  const state = { capacity, taken, waiting: [...waiting], admitted: [] as string[] }
  const queue: WaitlistQueue<string> = {
    places: async () => ({ capacity: state.capacity, taken: state.taken }),
    waitingCount: async () => state.waiting.length,
    heads: async (n) => [...state.waiting].sort((a, b) => a.seq - b.seq).slice(0, n),
    admit: async (id) => {
      state.waiting = state.waiting.filter((w) => w.id !== id)
      state.admitted.push(id)
      return id
    },
    take: async (n) => void (state.taken += n),
  }
  return { state, queue }
}

describe('the promotion step', () => {
  it('fills the free slots of any queue from its head, and counts them taken', async () => {
    const { state, queue } = shiftQueue(4, 2, [
      { id: 'late', seq: 9 },
      { id: 'first', seq: 3 },
      { id: 'second', seq: 5 },
    ])
    expect(await promoteWaitlist(queue)).toEqual(['first', 'second'])
    expect(state).toMatchObject({ taken: 4, admitted: ['first', 'second'], waiting: [{ id: 'late', seq: 9 }] })
    expect(await promoteWaitlist(queue)).toEqual([]) // full: nobody else, nothing counted
    expect(state.taken).toBe(4)
  })
})
