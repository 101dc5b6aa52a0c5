/**
 * Places and a first-come waitlist, for anything with a fixed number of places: an activity's
 * registrations today, a volunteer shift's slots next. Pure, no clock; the caller knows the
 * capacity, how many places are taken and who waits. The queue is FIFO by `seq`, the order in which
 * the server processed the requests (its version counter), never by the clocks of devices.
 */

export interface Places {
  capacity: number
  /** places held now (a request awaiting approval holds one too) */
  taken: number
}

/** Never negative: a capacity lowered below the places taken means none left, not a debt. */
export const freePlaces = (p: Places) => Math.max(0, p.capacity - p.taken)

/** A new request gets a place while one is free, else the end of the waitlist. */
export const admission = (p: Places): 'place' | 'waitlist' => (freePlaces(p) > 0 ? 'place' : 'waitlist')

/** How many of `waiting` people a freed place (or a raised capacity) lets in. */
export const promotionCount = (p: Places, waiting: number) => Math.min(Math.max(0, waiting), freePlaces(p))

/** Who gets in, in queue order: the earliest `seq` first, as many as there are free places. */
export function nextInLine<T extends { seq: number }>(p: Places, waiting: readonly T[]): T[] {
  return [...waiting].sort((a, b) => a.seq - b.seq).slice(0, freePlaces(p))
}
