/** The place + FIFO waitlist rule (shared/rules/capacity.ts), not tied to activities. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { admission, freePlaces, nextInLine, promotionCount } from '../../shared/rules/capacity'

describe('capacity and the waitlist', () => {
  it('gives a place while one is free, else the waitlist; a lowered capacity leaves none, not a debt', () => {
    expect(admission({ capacity: 2, taken: 1 })).toBe('place')
    expect(admission({ capacity: 2, taken: 2 })).toBe('waitlist')
    expect(freePlaces({ capacity: 3, taken: 5 })).toBe(0)
    expect(admission({ capacity: 3, taken: 5 })).toBe('waitlist')
    expect(admission({ capacity: 0, taken: 0 })).toBe('waitlist')
  })

  it('lets in as many as there are free places, never more than wait', () => {
    expect(promotionCount({ capacity: 10, taken: 7 }, 5)).toBe(3)
    expect(promotionCount({ capacity: 10, taken: 7 }, 2)).toBe(2)
    expect(promotionCount({ capacity: 7, taken: 7 }, 2)).toBe(0)
    expect(promotionCount({ capacity: 7, taken: 9 }, 2)).toBe(0)
  })

  it('promotes first come, first served by seq, whatever order the rows arrive in', () => {
    const waiting = [
      { id: 'c', seq: 30 },
      { id: 'a', seq: 10 },
      { id: 'b', seq: 20 },
    ]
    expect(nextInLine({ capacity: 5, taken: 3 }, waiting).map((w) => w.id)).toEqual(['a', 'b'])
    expect(nextInLine({ capacity: 5, taken: 5 }, waiting)).toEqual([])
    expect(waiting.map((w) => w.id)).toEqual(['c', 'a', 'b']) // the caller's list is left alone
  })

  it('never overfills and never skips anyone ahead (any capacity, taken and queue)', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(25), fc.uniqueArray(fc.nat(1000), { maxLength: 15 }), (capacity, taken, seqs) => {
        const places = { capacity, taken }
        const chosen = nextInLine(
          places,
          seqs.map((seq) => ({ seq })),
        )
        expect(chosen).toHaveLength(promotionCount(places, seqs.length))
        expect(taken + chosen.length <= Math.max(capacity, taken)).toBe(true)
        const sorted = [...seqs].sort((a, b) => a - b)
        expect(chosen.map((c) => c.seq)).toEqual(sorted.slice(0, chosen.length))
      }),
    )
  })
})
