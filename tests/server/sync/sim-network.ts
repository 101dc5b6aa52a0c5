/**
 * An in-process network between simulated clients and the app: requests and responses travel with
 * random delays (so they overtake each other), may be lost, and requests may be duplicated. Time is
 * counted in ticks; the maximum delay stays far below the server's RECORD_MIN_AGE_MS (the network's
 * "maximum segment lifetime").
 */
export type Rng = () => number

/** mulberry32: small, seeded, good enough to drive a simulation repeatably. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Faults {
  dropRequest: number
  dropResponse: number
  duplicate: number
  maxDelay: number
}
export interface Stats {
  sent: number
  droppedRequests: number
  droppedResponses: number
  duplicated: number
  delivered: number
}

export interface Wire<Req, Res> {
  req: Req
  deliverAt: number
  /** called with the server's answer when the response reaches the client */
  onResponse: (res: Res) => void
}

export class SimNetwork<Req, Res> {
  private inFlight: Wire<Req, Res>[] = []
  private returning: Array<{ at: number; fire: () => void }> = []
  readonly stats: Stats = { sent: 0, droppedRequests: 0, droppedResponses: 0, duplicated: 0, delivered: 0 }

  constructor(
    private rng: Rng,
    private faults: Faults,
  ) {}

  private delay() {
    return 1 + Math.floor(this.rng() * this.faults.maxDelay)
  }

  send(now: number, req: Req, onResponse: (res: Res) => void) {
    this.stats.sent++
    if (this.rng() < this.faults.dropRequest) {
      this.stats.droppedRequests++
      return
    }
    this.inFlight.push({ req, deliverAt: now + this.delay(), onResponse })
    if (this.rng() < this.faults.duplicate) {
      this.stats.duplicated++
      this.inFlight.push({ req, deliverAt: now + this.delay(), onResponse })
    }
  }

  /** Delivers every request due by `now` to the server at once (they run concurrently there). */
  async deliver(now: number, serve: (req: Req) => Promise<Res>) {
    const due = this.inFlight.filter((w) => w.deliverAt <= now)
    this.inFlight = this.inFlight.filter((w) => w.deliverAt > now)
    await Promise.all(
      due.map(async (w) => {
        const res = await serve(w.req)
        this.stats.delivered++
        if (this.rng() < this.faults.dropResponse) {
          this.stats.droppedResponses++
          return
        }
        this.returning.push({ at: now + this.delay(), fire: () => w.onResponse(res) })
      }),
    )
    const back = this.returning.filter((r) => r.at <= now)
    this.returning = this.returning.filter((r) => r.at > now)
    for (const r of back) r.fire()
  }

  get idle() {
    return this.inFlight.length === 0 && this.returning.length === 0
  }
}
