/** The push engine with a fake mutator registry: rollback on rejection, retry on unexpected failure. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import fc from 'fast-check'
import { makeContext, makeUser, mutation } from './fixtures'
import { defineMutation } from '../../shared/mutations/define'
import { mutationDefs } from '../../shared/mutations/index'
import { updateUser } from '../../server/db/user.repository'
import { currentVersion } from '../../server/db/version'
import { push } from '../../server/sync/push'
import { DomainError } from '../../server/errors'
import { memberActor } from '../../server/sync/actor'
import { defineServerMutator, type ServerMutator } from '../../server/sync/mutators/define'
import { serverMutators } from '../../server/sync/mutators/index'
import { cutPage } from '../../server/sync/merge'

const Bio = z.object({ bio: z.string() }).strict()
let boomsLeft = 0
const fakes: ReadonlyMap<string, ServerMutator> = new Map<string, ServerMutator>([
  [
    'test.write_then_reject',
    defineServerMutator(defineMutation('test.write_then_reject', Bio), async ({ trx, user, clock }, args) => {
      await updateUser(trx, user.id, { bio: args.bio }, clock.now())
      throw new DomainError('registration_closed', 'the window closed')
    }),
  ],
  [
    'test.flaky',
    defineServerMutator(defineMutation('test.flaky', Bio), async ({ trx, user, clock }, args) => {
      await updateUser(trx, user.id, { bio: args.bio }, clock.now())
      if (boomsLeft-- > 0) throw new Error('disk I/O error') // after the write: the transaction must roll it back
      return { bio: args.bio }
    }),
  ],
])

async function setup() {
  const ctx = await makeContext()
  const u = await makeUser(ctx.db)
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow()
  const bio = async () => (await ctx.db.selectFrom('users').select('bio').where('id', '=', u.id).executeTakeFirstOrThrow()).bio
  return { ...ctx, user, bio, deps: { db: ctx.db, clock: ctx.clock, mutators: fakes } }
}

describe('push engine', () => {
  it('rolls back a rejected mutator’s writes but commits its rejection as the result', async () => {
    const { db, user, bio, deps } = await setup()
    const clientId = randomUUID()
    const m = mutation('test.write_then_reject', { bio: '不该留下' })
    const res = await push(deps, memberActor(user), { clientId, schemaVersion: 1, mutations: [m] })
    expect(res).toEqual({ results: [{ id: m.id, status: 'rejected', code: 'registration_closed', message: 'the window closed' }] })
    expect(await bio()).toBeNull()
    expect(await db.selectFrom('sync_mutations').select(['mutation_id', 'status']).execute()).toEqual([
      { mutation_id: m.id, status: 'rejected' },
    ])
  })

  it('stops the batch at an unexpected failure without recording it, and applies it exactly once on retry', async () => {
    const { db, user, bio, deps } = await setup()
    const clientId = randomUUID()
    const [m1, m2, m3] = [
      mutation('test.flaky', { bio: '一' }),
      mutation('test.flaky', { bio: '二' }),
      mutation('test.flaky', { bio: '三' }),
    ]
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    boomsLeft = 0
    await push(deps, memberActor(user), { clientId, schemaVersion: 1, mutations: [m1] })
    boomsLeft = 1
    const before = await currentVersion(db)
    const res = await push(deps, memberActor(user), { clientId, schemaVersion: 1, mutations: [m1, m2, m3] })
    expect(error).toHaveBeenCalledTimes(1)
    error.mockRestore()
    expect(res.results.map((r) => r.id)).toEqual([m1.id])
    expect(res.retry).toMatchObject({ id: m2.id, code: 'retry_later' })
    expect(await bio()).toBe('一') // m2's write rolled back, m3 not attempted (it may depend on m2)
    expect(await currentVersion(db)).toBe(before)
    expect(await db.selectFrom('sync_mutations').select('mutation_id').execute()).toHaveLength(1)
    const again = await push(deps, memberActor(user), { clientId, schemaVersion: 1, mutations: [m2, m3] })
    expect(again.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(await bio()).toBe('三')
    expect(await currentVersion(db)).toBe(before + 4)
  })
})

describe('mutator registry', () => {
  it('has a server mutator for every shared mutation definition, and nothing else', () => {
    expect([...serverMutators.keys()].sort()).toEqual(Object.keys(mutationDefs).sort())
    for (const [name, m] of serverMutators) expect(m.def).toBe((mutationDefs as Record<string, unknown>)[name])
  })
})

describe('page cutting (merge.ts)', () => {
  type Item = { version: number; key: string }
  it('delivers every change of several streams exactly once, in version order, whatever the ties and the limit', () => {
    const streamArb = fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 80 })
    fc.assert(
      fc.property(fc.array(streamArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 25 }), (raw, limit) => {
        const streams: Item[][] = raw.map((vs, s) => vs.sort((a, b) => a - b).map((version, i) => ({ version, key: `${s}:${i}` })))
        const read = (after: number, upTo = Infinity, lim = Infinity) =>
          streams.map((s) => s.filter((x) => x.version > after && x.version <= upTo).slice(0, lim))
        const seen: Item[] = []
        let cursor = 0
        for (let guard = 0; guard < 10_000; guard++) {
          const cut = cutPage(read(cursor, Infinity, limit), limit, (a, b) => a.key.localeCompare(b.key))
          const page = 'page' in cut ? cut.page : read(cut.needGroup - 1, cut.needGroup).flat()
          const hasMore = 'page' in cut ? cut.hasMore : true
          const groupSizes = new Map<number, number>()
          for (const x of page) groupSizes.set(x.version, (groupSizes.get(x.version) ?? 0) + 1)
          // at most `limit`, unless the page is one version group larger than the limit
          expect(page.length <= limit || groupSizes.size === 1).toBe(true)
          seen.push(...page)
          if (!hasMore) break
          expect(page.length).toBeGreaterThan(0)
          cursor = page[page.length - 1]!.version
        }
        const all = streams.flat()
        expect(seen.map((x) => x.key).sort()).toEqual(all.map((x) => x.key).sort())
        expect(new Set(seen.map((x) => x.key)).size).toBe(seen.length)
        for (let i = 1; i < seen.length; i++) expect(seen[i]!.version).toBeGreaterThanOrEqual(seen[i - 1]!.version)
      }),
      { seed: 20261128, numRuns: 500 },
    )
  })
})
