/**
 * The server's promotion step for any place-limited queue (an activity's registrations today, a
 * shift's slots next): while places are free, the heads of the waitlist get them, in `seq` order,
 * inside the caller's transaction — so the places counter, the new statuses and the promotions
 * commit together or not at all. The queue says how its rows are stored; the rule
 * (shared/rules/capacity.ts) says how many get in and who.
 */
import { nextInLine, promotionCount, type Places } from '../../shared/rules/capacity'

export interface WaitlistQueue<Row> {
  /** capacity and places taken, as they are now in the transaction */
  places(): Promise<Places>
  waitingCount(): Promise<number>
  /** the first `n` waiting, in queue order */
  heads(n: number): Promise<Array<{ id: string; seq: number }>>
  /** gives one waiting row its place (its new status and version); returns it */
  admit(id: string): Promise<Row>
  /** counts `n` more places as taken */
  take(n: number): Promise<void>
}

/** Lets the waitlist's heads into the free places; returns the promoted rows, first in line first. */
export async function promoteWaitlist<Row>(queue: WaitlistQueue<Row>): Promise<Row[]> {
  const places = await queue.places()
  const n = promotionCount(places, await queue.waitingCount())
  if (n === 0) return []
  const promoted: Row[] = []
  for (const head of nextInLine(places, await queue.heads(n))) promoted.push(await queue.admit(head.id))
  await queue.take(promoted.length)
  return promoted
}
