/**
 * The server's clock as this device sees it. A device clock can be years off (issue 11): whether a
 * registration window is shown open, and "上次同步", follow the server's time instead. The offset
 * (server time − device time) is learned from the Date header of every API answer and kept in
 * localStorage, so it holds offline and after a reload. For display, and for decisions the server
 * makes again anyway; never a cursor or an order (those are server versions).
 */
export const STORAGE_KEY_SERVER_OFFSET = 'sh.serverClockOffset'
/** The Date header has whole seconds and the answer takes a while: differences below this are noise. */
const NOISE_MS = 2_000

let offsetMs = stored()
const listeners = new Set<(offsetMs: number) => void>()

function stored(): number {
  try {
    const value = Number(globalThis.localStorage?.getItem(STORAGE_KEY_SERVER_OFFSET))
    return Number.isFinite(value) ? value : 0
  } catch {
    return 0 // storage blocked: start from the device clock
  }
}

/** Now, by the server's clock (the device clock when no answer has been seen yet). */
export function serverNow(): Date {
  return new Date(Date.now() + offsetMs)
}

export function serverOffsetMs(): number {
  return offsetMs
}

/**
 * Learns from one answer: its Date header, and the device times the request left and the answer
 * arrived. The server stamped the answer somewhere in between, within the header's second.
 */
export function learnServerTime(dateHeader: string | null | undefined, sentAt: number, receivedAt: number): void {
  const server = dateHeader ? Date.parse(dateHeader) : Number.NaN
  if (!Number.isFinite(server)) return
  const next = Math.round(server + 500 - (sentAt + receivedAt) / 2)
  if (Math.abs(next - offsetMs) < NOISE_MS) return
  setServerOffset(next)
}

/** Sets the offset (learnServerTime; tests start from a known one). */
export function setServerOffset(ms: number): void {
  offsetMs = ms
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY_SERVER_OFFSET, String(ms))
  } catch {
    // storage blocked: the offset still holds for this page
  }
  for (const fn of listeners) fn(ms)
}

/** Called whenever the offset changes (views re-evaluate their time decisions). */
export function onServerOffset(fn: (offsetMs: number) => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}
