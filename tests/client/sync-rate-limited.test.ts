/**
 * Over its mutation budget the server answers what it applied and stops the batch with `retry`
 * code `rate_limited` (server/sync/push.ts). The offline client must keep the rest pending, back
 * off, send them later with the same ids, and say why in words — never mark them refused.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { freshIndexedDb, makeEngine } from './sync-setup'
import { FakeSyncServer } from './sync-fake-server'
import type { FetchLike } from '../../client/lib/transport'
import type { PushRequest } from '../../shared/schemas/sync'
import { syncMessages } from '../../client/features/sync/messages'
import { syncWords } from '../../client/features/sync/i18n'

beforeEach(() => freshIndexedDb())

/** The fake server with a budget of `allowed` mutations on the first push only. */
function rateLimited(server: FakeSyncServer, allowed: number): FetchLike {
  let limited = false
  return async (input, init) => {
    if (limited || !String(input).includes('/api/sync/push')) return server.fetch(input, init)
    limited = true
    const body = JSON.parse(String(init?.body)) as PushRequest
    const sent = body.mutations.slice(0, allowed)
    const answer = (await (await server.fetch(input, { ...init, body: JSON.stringify({ ...body, mutations: sent }) })).json()) as object
    const retry = { id: body.mutations[allowed]!.id, code: 'rate_limited', message: 'too many changes in a short time' }
    return new Response(JSON.stringify({ ...answer, retry }), { status: 200, headers: { 'content-type': 'application/json' } })
  }
}

describe('rate_limited from the server', () => {
  it('settles what was applied, keeps the rest pending, backs off, then sends the rest exactly once', async () => {
    const server = new FakeSyncServer()
    const engine = await makeEngine(rateLimited(server, 2))
    const schedule = vi.spyOn(engine, 'schedule').mockImplementation(() => undefined)
    const ids = []
    for (let i = 0; i < 5; i++) ids.push((await engine.mutate('profile.update', { bio: `第${i}版` })).id)

    expect(await engine.sync()).toBe('error')
    expect(schedule.mock.calls.some(([, reason]) => reason === 'backoff')).toBe(true)
    expect(engine.status.pending).toBe(3)
    expect(engine.status.rejected).toHaveLength(0) // nothing refused for good
    expect(engine.status.lastError?.code).toBe('rate_limited')

    expect(await engine.sync()).toBe('ok')
    expect(server.appliedLog).toEqual(ids)
    expect(engine.status.pending).toBe(0)
    expect(engine.status.lastError).toBeNull()
  })

  it('has words for it and for the membership caps, in Chinese and English', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const reasons = syncMessages[locale].sync.reason as Record<string, string>
      const lookup = (key: string) =>
        key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], syncMessages[locale])
      const { reason } = syncWords(
        (key) => String(lookup(key)),
        (key) => lookup(key) !== undefined,
      )
      for (const code of ['rate_limited', 'too_many_pending', 'too_many_memberships']) {
        expect(reasons[code], `${locale} ${code}`).toBeTruthy()
        expect(reason({ code, message: 'server words' })).toBe(reasons[code])
      }
    }
    expect(syncMessages['zh-CN'].sync.reason.too_many_pending).toContain('20')
    expect(syncMessages.en.sync.reason.too_many_memberships).toContain('50')
  })
})
