/**
 * The gate in front of scrypt. Hashing a password at OWASP cost takes 0.3–0.9 s of CPU and 128 MiB;
 * node runs it on libuv's 4-thread pool, so 30 concurrent logins used to queue every login behind
 * all 30 (16.9 s instead of 0.65 s). The gate keeps the work bounded and the wait short:
 *
 *   1. at most `concurrency` jobs hash at once (the machine's cores, not the thread pool's 4);
 *   2. at most `maxQueued` jobs wait per lane; a job that finds its lane full is refused AT ONCE
 *      (the route answers 503 with Retry-After), costing nothing;
 *   3. one client (an address, or a known device) holds at most `perClient` places, running or
 *      waiting, so one sender cannot fill the queue;
 *   4. two lanes: a login from a device that logged into this account before (`known`) is served
 *      before the rest, so a burst of strangers' attempts does not keep a member out.
 *
 * Rate limits are checked BEFORE the gate (a throttled attempt never reaches it).
 */
export type Lane = 'known' | 'other'

export interface HashGateOptions {
  concurrency: number
  maxQueued: number
  perClient: number
}

export class HashGate {
  private running = 0
  private readonly waiting: Record<Lane, Array<() => void>> = { known: [], other: [] }
  private readonly held = new Map<string, number>()
  /** counters for tests and the bench: jobs started, refused, and the most ever running at once */
  readonly stats = { started: 0, refused: 0, maxRunning: 0 }

  constructor(private readonly opts: HashGateOptions) {}

  /**
   * Runs `job` when a place is free, or returns null at once when the gate refuses it (full lane,
   * or this client already holds its share). The decision is synchronous: no await between check
   * and reservation, so concurrent callers cannot overshoot.
   */
  tryRun<T>(client: string, lane: Lane, job: () => Promise<T>): Promise<T> | null {
    const mine = this.held.get(client) ?? 0
    const full = this.running >= this.opts.concurrency && this.waiting[lane].length >= this.opts.maxQueued
    if (mine >= this.opts.perClient || full) {
      this.stats.refused++
      return null
    }
    this.held.set(client, mine + 1)
    return this.slot(lane)
      .then(() => {
        this.stats.started++
        this.stats.maxRunning = Math.max(this.stats.maxRunning, this.running)
        return job()
      })
      .finally(() => {
        this.running--
        const left = (this.held.get(client) ?? 1) - 1
        if (left > 0) this.held.set(client, left)
        else this.held.delete(client)
        this.next()
      })
  }

  private slot(lane: Lane): Promise<void> {
    if (this.running < this.opts.concurrency) {
      this.running++
      return Promise.resolve()
    }
    return new Promise((start) => this.waiting[lane].push(start))
  }

  private next() {
    if (this.running >= this.opts.concurrency) return
    const start = this.waiting.known.shift() ?? this.waiting.other.shift()
    if (!start) return
    this.running++
    start()
  }
}
