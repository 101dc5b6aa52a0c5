/**
 * One domain error (server/errors.ts): the same `DomainError` answers a REST request with the status
 * of its code, and a sync push with a `rejected` result — also when it is thrown deep inside a domain
 * function the mutator calls (before, such a refusal made push answer `retry`, and the client would
 * have sent the business "no" again forever).
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { makeContext, makeOrg, makeUser, mutation, person } from './fixtures'
import { createRouter } from '../../server/openapi'
import { DomainError, ERROR_STATUS, answerError } from '../../server/errors'
import { ERROR_CODES } from '../../shared/schemas/error-codes'
import { defineMutation } from '../../shared/mutations/define'
import { assertCanOrganise } from '../../server/domain/authz'
import { toMe } from '../../server/domain/me'
import { updateUser } from '../../server/db/user.repository'
import { push } from '../../server/sync/push'
import { memberActor } from '../../server/sync/actor'
import { defineServerMutator, type ServerMutator } from '../../server/sync/mutators/define'

const OrgArgs = z.object({ orgId: z.string(), bio: z.string() }).strict()
const fakes: ReadonlyMap<string, ServerMutator> = new Map<string, ServerMutator>([
  // writes, then asks a domain check that refuses: the write must roll back and the answer be `rejected`
  [
    'test.organise',
    defineServerMutator(defineMutation('test.organise', OrgArgs), async ({ trx, user, clock }, args) => {
      await updateUser(trx, user.id, { bio: args.bio }, clock.now())
      await assertCanOrganise(trx, user, args.orgId)
      return { ok: true }
    }),
  ],
  [
    'test.me_of',
    defineServerMutator(defineMutation('test.me_of', z.object({ userId: z.string() }).strict()), async ({ trx }, args) =>
      toMe(trx, args.userId),
    ),
  ],
  [
    'test.refuse_with_data',
    defineServerMutator(defineMutation('test.refuse_with_data', z.object({}).strict()), async () => {
      throw new DomainError('already_checked_in', 'this person was already checked in', { data: { at: '2026-11-28T08:00:00.000Z' } })
    }),
  ],
])

async function setup() {
  const ctx = await makeContext()
  const u = await makeUser(ctx.db)
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow()
  await makeOrg(ctx.db, { id: 'org-1', name: '某区科协' })
  const bio = async () => (await ctx.db.selectFrom('users').select('bio').where('id', '=', u.id).executeTakeFirstOrThrow()).bio
  return { ...ctx, user, bio, deps: { db: ctx.db, clock: ctx.clock, mutators: fakes } }
}

describe('DomainError over sync', () => {
  it('a refusal thrown deep in a domain function (authz) comes back rejected, never retry, and rolls the writes back', async () => {
    const { db, user, bio, deps } = await setup()
    const m = mutation('test.organise', { orgId: 'org-1', bio: '不该留下' })
    const after = mutation('test.me_of', { userId: user.id })
    const res = await push(deps, memberActor(user), { clientId: randomUUID(), schemaVersion: 1, mutations: [m, after] })
    expect(res.retry).toBeUndefined()
    expect(res.results[0]).toEqual({
      id: m.id,
      status: 'rejected',
      code: 'forbidden',
      message: 'you do not organise activities for this organisation',
    })
    // the batch went on: the refusal is a result, not a wedge
    expect(res.results[1]).toMatchObject({ id: after.id, status: 'applied' })
    expect(await bio()).toBeNull()
    const recorded = await db.selectFrom('sync_mutations').select(['mutation_id', 'status']).where('mutation_id', '=', m.id).execute()
    expect(recorded).toEqual([{ mutation_id: m.id, status: 'rejected' }])
  })

  it('a not-found from a domain read (me.ts) is rejected too', async () => {
    const { user, deps } = await setup()
    const m = mutation('test.me_of', { userId: randomUUID() })
    const res = await push(deps, memberActor(user), { clientId: randomUUID(), schemaVersion: 1, mutations: [m] })
    expect(res).toEqual({ results: [{ id: m.id, status: 'rejected', code: 'not_found', message: 'user not found' }] })
  })

  it('a refusal carries its data to the client', async () => {
    const { user, deps } = await setup()
    const m = mutation('test.refuse_with_data', {})
    const res = await push(deps, memberActor(user), { clientId: randomUUID(), schemaVersion: 1, mutations: [m] })
    expect(res.results).toEqual([
      {
        id: m.id,
        status: 'rejected',
        code: 'already_checked_in',
        message: 'this person was already checked in',
        data: { at: '2026-11-28T08:00:00.000Z' },
      },
    ])
  })
})

describe('DomainError over REST', () => {
  it('answers every code with the status of the table and the error body', async () => {
    const app = createRouter()
    app.get('/fail/:code', (c) => {
      throw new DomainError(c.req.param('code') as (typeof ERROR_CODES)[number], `refused: ${c.req.param('code')}`)
    })
    app.onError(answerError)
    for (const code of ERROR_CODES) {
      const res = await app.request(`/fail/${code}`)
      expect([code, res.status]).toEqual([code, ERROR_STATUS[code]])
      expect(await res.json()).toEqual({ error: { code, message: `refused: ${code}` } })
    }
  })

  it('a business refusal is never a 5xx (a 500 is a bug; 503 only says "try again": busy hashing, retry later)', () => {
    const serverSide = ERROR_CODES.filter((code) => ERROR_STATUS[code] >= 500)
    expect(serverSide.sort()).toEqual(['busy', 'internal', 'retry_later'])
  })

  it('the same domain check (authz) refuses a REST request with 403 forbidden', async () => {
    const ctx = await setup()
    const { a } = await person(ctx)
    const res = await a.get('/api/admin/orgs/org-1/members')
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
  })
})
