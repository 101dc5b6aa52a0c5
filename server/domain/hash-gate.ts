/**
 * The gate in front of scrypt. Hashing a password at OWASP cost takes 0.3–0.9 s of CPU and 128 MiB;
 * node runs it on libuv's 4-thread pool, so 30 concurrent logins used to queue every login behind
 * all 30 (16.9 s instead of 0.65 s). The gate keeps the work bounded and the wait short:
 *
 *   1. at most `concurrency` jobs hash at once (the machine's cores, not the thread pool's 4), and
 *      `reservedForKnown` of those places only ever run logins from known browsers (below);
 *   2. at most `maxQueued` jobs wait per lane; past that a job is refused AT ONCE (GateBusy; the
 *      route answers 503 with Retry-After), costing nothing;
 *   3. fairness between clients (an address, or a known browser): when a lane is full, a newcomer
 *      takes the place of the last waiter of the client holding the most places, if that client
 *      holds more than the newcomer would; and a free slot goes to the waiter whose client has the
 *      least in the gate (running or waiting). One sender's burst cannot keep everyone else out, while several people
 *      behind one address (a NAT) are not refused merely for sharing it;
 *   4. two lanes: a login from a browser that logged into this account before (`known`) has its own
 *      reserved place and is served before the rest, so strangers' bursts, even from many
 *      addresses, do not keep a member out nor make them wait for strangers' hashes.
 *
 * Routes ask `admits` first (no database write for a refusal), then take their rate-limit
 * attempts, then `run`: a throttled attempt never reaches the gate, a full gate costs nothing.
 */
export type Lane = 'known' | 'other'

export interface HashGateOptions {
  concurrency: number
  maxQueued: number
  /** places only the known lane may use (default 0) */
  reservedForKnown?: number
}

/** The gate refused the job (full), or gave its waiting place to another client. */
export class GateBusy extends Error {
  constructor() {
    super('too many passwords being checked at once')
  }
}

interface Waiter {
  client: string
  start: () => void
  refuse: (err: GateBusy) => void
}

export class HashGate {
  private running = 0
  private readonly runningIn: Record<Lane, number> = { known: 0, other: 0 }
  private readonly waiting: Record<Lane, Waiter[]> = { known: [], other: [] }
  /** places per client: running + waiting, and running alone */
  private readonly held = new Map<string, number>()
  private readonly runningBy = new Map<string, number>()
  /** counters for tests and the bench: jobs started, refused (at once or displaced), most ever running at once */
  readonly stats = { started: 0, refused: 0, maxRunning: 0 }

  constructor(private readonly opts: HashGateOptions) {}

  /**
   * Runs `job` when a place is free; rejects with GateBusy at once when the gate is full, or later
   * if another client takes its waiting place. The admission decision is synchronous: concurrent
   * callers cannot overshoot.
   */
  run<T>(client: string, lane: Lane, job: () => Promise<T>): Promise<T> {
    if (this.canStart(lane)) {
      this.begin(client, lane)
      return this.execute(client, lane, job)
    }
    const queue = this.waiting[lane]
    if (queue.length >= this.opts.maxQueued && !this.displaceFor(client, queue)) {
      this.stats.refused++
      return Promise.reject(new GateBusy())
    }
    this.bump(this.held, client, 1)
    return new Promise<void>((start, refuse) => queue.push({ client, start, refuse })).then(() => this.execute(client, lane, job))
  }

  /** Would `run` accept this client's job now? (Asked before any work, so a refusal costs nothing.) */
  admits(client: string, lane: Lane): boolean {
    const queue = this.waiting[lane]
    return this.canStart(lane) || queue.length < this.opts.maxQueued || this.victimFor(client, queue) >= 0
  }

  private canStart(lane: Lane): boolean {
    const limit = lane === 'known' ? this.opts.concurrency : this.opts.concurrency - (this.opts.reservedForKnown ?? 0)
    return this.running < this.opts.concurrency && this.runningIn[lane] < limit
  }

  /** The waiting place to give `client`: the last waiter of the client holding the most, if more than `client` would. */
  private victimFor(client: string, queue: Waiter[]): number {
    const mine = this.held.get(client) ?? 0
    let victim = -1
    for (let i = 0; i < queue.length; i++) {
      const theirs = this.held.get(queue[i]!.client) ?? 0
      if (theirs > mine + 1 && (victim < 0 || theirs >= (this.held.get(queue[victim]!.client) ?? 0))) victim = i
    }
    return victim
  }

  /** Frees a waiting place in a full lane for `client` when another client holds more; true if done. */
  private displaceFor(client: string, queue: Waiter[]): boolean {
    const victim = this.victimFor(client, queue)
    if (victim < 0) return false
    const [out] = queue.splice(victim, 1)
    this.bump(this.held, out!.client, -1)
    this.stats.refused++
    out!.refuse(new GateBusy())
    return true
  }

  private begin(client: string, lane: Lane) {
    this.running++
    this.runningIn[lane]++
    this.bump(this.runningBy, client, 1)
    this.bump(this.held, client, 1)
  }

  private async execute<T>(client: string, lane: Lane, job: () => Promise<T>): Promise<T> {
    this.stats.started++
    this.stats.maxRunning = Math.max(this.stats.maxRunning, this.running)
    try {
      return await job()
    } finally {
      this.running--
      this.runningIn[lane]--
      this.bump(this.runningBy, client, -1)
      this.bump(this.held, client, -1)
      this.next()
    }
  }

  /** Starts waiters while places are free: known lane first; in a lane, the client with the least in the gate (ties: oldest). */
  private next() {
    for (const lane of ['known', 'other'] as const) {
      const queue = this.waiting[lane]
      while (queue.length > 0 && this.canStart(lane)) {
        let pick = 0
        for (let i = 1; i < queue.length; i++) {
          if (this.load(queue[i]!.client) < this.load(queue[pick]!.client)) pick = i
        }
        const [waiter] = queue.splice(pick, 1)
        // its place was counted in `held` when it queued; now it runs
        this.running++
        this.runningIn[lane]++
        this.bump(this.runningBy, waiter!.client, 1)
        waiter!.start()
      }
    }
  }

  /** how much a client has in the gate: jobs running weigh more than jobs waiting */
  private load(client: string): number {
    return (this.held.get(client) ?? 0) + (this.runningBy.get(client) ?? 0)
  }

  private bump(map: Map<string, number>, client: string, by: number) {
    const n = (map.get(client) ?? 0) + by
    if (n > 0) map.set(client, n)
    else map.delete(client)
  }
}
