/**
 * A simulated sync client following the protocol a real client must follow (client/lib/sync.ts):
 * an ordered outbox pushed from its head; every result settles its mutation (from a push answer or
 * from a pull's `results`); a pull answer is used only if it answers the current cursor (late
 * answers to an old cursor would roll the replica back); `reset` drops the replica and starts at 0.
 */
import { SYNC_SCHEMA_VERSION, type MutationResult } from '../../../shared/schemas/sync'

export interface Outgoing {
  kind: 'push' | 'pull'
  cookie: string
  path: string
  body?: unknown
  /** the cursor a pull was sent with */
  cursor?: number
}
export interface Answer {
  status: number
  body: any
}
export interface Planned {
  id: string
  name: string
  args: unknown
  createdAt: string
}

export class SimClient {
  outbox: Planned[] = []
  readonly results = new Map<string, MutationResult>()
  readonly replica = new Map<string, Record<string, unknown>>()
  cursor = 0
  busyUntil = -1
  backoffUntil = 0
  resets = 0
  /** mutations whose only answer came through a pull (their push answers were lost) */
  settledByPull = 0
  conflicts: string[] = []

  constructor(
    readonly name: string,
    readonly clientId: string,
    readonly userId: string,
    readonly cookie: string,
  ) {}

  settle(r: MutationResult) {
    const first = this.results.get(r.id)
    if (first && JSON.stringify(first) !== JSON.stringify(r))
      this.conflicts.push(`${r.id}: ${JSON.stringify(first)} then ${JSON.stringify(r)}`)
    if (!first) this.results.set(r.id, r)
    this.outbox = this.outbox.filter((m) => m.id !== r.id)
  }

  nextPush(batch: number): Outgoing | null {
    if (!this.outbox.length) return null
    return {
      kind: 'push',
      cookie: this.cookie,
      path: '/api/sync/push',
      body: { clientId: this.clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations: this.outbox.slice(0, batch) },
    }
  }

  nextPull(limit: number): Outgoing {
    return {
      kind: 'pull',
      cookie: this.cookie,
      path: `/api/sync/pull?cursor=${this.cursor}&limit=${limit}&clientId=${this.clientId}`,
      cursor: this.cursor,
    }
  }

  /** Returns true when a pull answer was used and more pages remain. */
  receive(req: Outgoing, res: Answer, now: number): boolean {
    if (res.status !== 200) throw new Error(`${this.name}: ${req.kind} answered ${res.status} ${JSON.stringify(res.body)}`)
    if (req.kind === 'push') {
      for (const r of res.body.results) this.settle(r)
      if (res.body.retry) this.backoffUntil = now + 5
      return false
    }
    if (req.cursor !== this.cursor) return false // a late answer to an old cursor
    for (const r of res.body.results ?? []) {
      if (this.outbox.some((m) => m.id === r.id)) this.settledByPull++
      this.settle(r)
    }
    if (res.body.reset) {
      this.resets++
      this.replica.clear()
      this.cursor = 0
      return true
    }
    for (const c of res.body.changes) {
      const key = `${c.table}/${c.id}`
      if (c.op === 'delete') this.replica.delete(key)
      else this.replica.set(key, c.row)
    }
    this.cursor = res.body.cursor
    return res.body.hasMore
  }
}
