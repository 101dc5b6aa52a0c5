/**
 * Sharing the one event loop. better-sqlite3 is synchronous and kysely's promises around it resolve
 * as microtasks, so a push that applies 100 mutations back to back never lets Node read another
 * socket: every other request waited for whole batches. Yielding between mutations puts the push
 * behind the I/O that arrived meanwhile (setImmediate runs after the poll phase), so an unrelated
 * request waits for at most one mutation per busy push, not for the batches.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * One mutation at a time across ALL pushes, first come first served, with the event loop turning
 * after each. Yielding inside each push alone is not enough: four busy pushes would each run a
 * mutation per turn of the loop (every queued setImmediate runs in the same phase), so a GET
 * waited for four fsyncs. Through the turnstile it waits for at most the one mutation running
 * when it arrived, and the pushes still alternate fairly among themselves. SQLite has one writer,
 * so this costs no throughput.
 */
export function turnstile() {
  let tail: Promise<unknown> = Promise.resolve()
  return function take<T>(task: () => Promise<T>): Promise<T> {
    const result = tail.then(task)
    tail = result.then(yieldToEventLoop, yieldToEventLoop)
    return result
  }
}

/**
 * Runs tasks with the same key one after another, in arrival order; different keys run interleaved.
 * The push uses it per sync client: once pushes yield, two overlapping pushes of one client (a retry
 * sent while the first is still running) would otherwise interleave their mutations.
 */
export function keyedQueue() {
  const tails = new Map<string, Promise<unknown>>()
  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (tails.get(key) ?? Promise.resolve()).then(task)
    const tail = result.catch(() => undefined)
    tails.set(key, tail)
    try {
      return await result
    } finally {
      if (tails.get(key) === tail) tails.delete(key)
    }
  }
}
