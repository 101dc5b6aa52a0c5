/**
 * A small in-memory stand-in for the sync API, for engine tests that need fault injection the real
 * app cannot give (dropped responses, 5xx, slow answers). It keeps the protocol's promises:
 * idempotency by (clientId, mutationId), versions as cursors, paging, reset.
 * The end-to-end test (sync-app.test.ts) runs the engine against the real server instead.
 */
import type { MutationResult, PullResponse, PushRequest } from '../../shared/schemas/sync'
import type { FetchLike } from '../../client/lib/transport'
import { jsonResponse } from './fake-api'

/** The signed-in account whose profile a new FakeSyncServer holds (user-1, 张三). */
export const fakeServerMe = {
  id: 'user-1',
  phone: '13912345678',
  name: '张三',
  regionCode: null,
  regionName: null,
  discipline: null,
  employer: null,
  title: null,
  bio: null,
  systemRole: 'member' as const,
  createdAt: '2026-11-01T00:00:00.000Z',
  version: 1,
}

export type Fault = 'network' | 'lost' | 'http500' | 'http401' | 'outdated'
type Row = Record<string, unknown> & { id: string }

export class FakeSyncServer {
  version = 0
  tables = new Map<string, Map<string, { row: Row | null; version: number }>>()
  processed = new Map<string, MutationResult>()
  /** every mutation actually applied, in order (to check exactly-once) */
  appliedLog: string[] = []
  requests: Array<{ kind: 'push' | 'pull'; ids?: string[]; cursor?: number; body?: PushRequest }> = []
  faults: Fault[] = []
  /** the mutation ids of every push attempt, including those a fault swallowed */
  attempts: string[][] = []
  /** pulls with a cursor below this get reset */
  resetBelow = 0
  /** called on each pull before answering (to interleave person actions) */
  beforePull: ((cursor: number) => Promise<void>) | null = null
  pushDelayMs = 0
  inFlightPushes = 0
  maxInFlightPushes = 0
  /** when false, applied results carry no data */
  sendData = true

  constructor(userId = 'user-1') {
    this.upsert('profile', {
      id: userId,
      name: '张三',
      regionCode: null,
      regionName: null,
      discipline: null,
      employer: null,
      title: null,
      bio: null,
    })
  }

  upsert(table: string, row: Row) {
    const t = this.tables.get(table) ?? new Map()
    this.tables.set(table, t)
    t.set(row.id, { row: { ...row, version: ++this.version }, version: this.version })
  }
  remove(table: string, id: string, keepTombstone = true) {
    const t = this.tables.get(table)
    if (!t) return
    if (keepTombstone) t.set(id, { row: null, version: ++this.version })
    else t.delete(id)
  }
  row(table: string, id: string) {
    return this.tables.get(table)?.get(id)?.row ?? undefined
  }
  profile() {
    return [...this.tables.get('profile')!.values()][0]!.row!
  }

  private apply(m: PushRequest['mutations'][number]): MutationResult {
    const args = m.args as Record<string, unknown>
    if (m.name !== 'profile.update') return { id: m.id, status: 'rejected', code: 'unknown_mutation', message: 'no such mutation' }
    if (typeof args.regionCode === 'string' && !/^11/.test(args.regionCode)) {
      return { id: m.id, status: 'rejected', code: 'unknown_region', message: `there is no region with code ${args.regionCode}` }
    }
    const current = this.profile()
    const next = { ...current, ...args, regionName: args.regionCode ? '北京市' : current.regionName }
    this.upsert('profile', next)
    this.appliedLog.push(m.id)
    return { id: m.id, status: 'applied', data: this.sendData ? this.profile() : undefined }
  }

  fetch: FetchLike = async (input, init) => {
    const url = new URL(input, 'http://localhost')
    if (url.pathname === '/api/sync/push') this.attempts.push((JSON.parse(String(init?.body)) as PushRequest).mutations.map((m) => m.id))
    const fault = this.faults.shift()
    if (fault === 'network') throw new TypeError('Failed to fetch')
    if (fault === 'http500') return json({ error: { code: 'internal', message: 'boom' } }, 500)
    if (fault === 'http401') return json({ error: { code: 'unauthorized', message: 'log in' } }, 401)
    if (fault === 'outdated') return json({ error: { code: 'client_outdated', message: 'update the app' } }, 409)
    let answer: Response
    if (url.pathname === '/api/sync/push') answer = await this.push(JSON.parse(String(init?.body)) as PushRequest)
    else if (url.pathname === '/api/sync/pull')
      answer = await this.pull(Number(url.searchParams.get('cursor')), Number(url.searchParams.get('limit')))
    else answer = json({ error: { code: 'not_found', message: 'no route' } }, 404)
    if (fault === 'lost') throw new TypeError('Failed to fetch (response lost after the server applied it)')
    return answer
  }

  private async push(body: PushRequest) {
    this.requests.push({ kind: 'push', ids: body.mutations.map((m) => m.id), body })
    this.inFlightPushes++
    this.maxInFlightPushes = Math.max(this.maxInFlightPushes, this.inFlightPushes)
    try {
      if (this.pushDelayMs) await new Promise((r) => setTimeout(r, this.pushDelayMs))
      const results = body.mutations.map((m) => {
        const key = `${body.clientId}:${m.id}`
        const seen = this.processed.get(key)
        if (seen) return seen
        const result = this.apply(m)
        this.processed.set(key, result)
        return result
      })
      return json({ results }, 200)
    } finally {
      this.inFlightPushes--
    }
  }

  private async pull(cursor: number, limit: number) {
    this.requests.push({ kind: 'pull', cursor })
    if (this.beforePull) await this.beforePull(cursor)
    if (cursor > 0 && cursor < this.resetBelow)
      return json({ changes: [], cursor: 0, hasMore: false, reset: true } satisfies PullResponse, 200)
    const all = [...this.tables.entries()]
      .flatMap(([table, rows]) => [...rows.entries()].map(([id, r]) => ({ table, id, ...r })))
      .filter((r) => r.version > cursor)
      .sort((a, b) => a.version - b.version)
    const page = all.slice(0, limit)
    const changes = page.map((r) =>
      r.row ? { table: r.table, id: r.id, op: 'upsert' as const, row: r.row } : { table: r.table, id: r.id, op: 'delete' as const },
    )
    const next = page.length < all.length ? page[page.length - 1]!.version : this.version
    return json({ changes, cursor: next, hasMore: page.length < all.length } satisfies PullResponse, 200)
  }
}

const json = (body: unknown, status: number) => jsonResponse(status, body)
