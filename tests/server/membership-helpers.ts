/** Helpers for membership tests: log in, and send sync mutations as one client would. */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { makeContext, makeUser } from './app-context'
import { makeBeijing } from './orgs-fixtures'

export type Ctx = Awaited<ReturnType<typeof makeContext>>

export async function beijingContext() {
  const ctx = await makeContext()
  await makeBeijing(ctx.db)
  return ctx
}

/** A logged-in person with one sync client id. */
export async function person(ctx: Ctx, over: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(ctx.db, over)
  const a = ctx.agent()
  expect((await a.post('/api/auth/login', { phone: user.phone, password: user.password })).status).toBe(200)
  const clientId = randomUUID()
  async function mutate(name: string, args: unknown) {
    const res = await a.post('/api/sync/push', {
      clientId,
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: [{ id: randomUUID(), name, args, createdAt: new Date().toISOString() }],
    })
    expect(res.status).toBe(200)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever fields the result carries
    return res.body.results[0] as { status: 'applied' | 'rejected'; code?: string; data?: any }
  }
  return {
    user,
    a,
    apply: (orgId: string, membershipId: string = randomUUID()) => mutate('membership.apply', { membershipId, orgId }),
    leave: (membershipId: string) => mutate('membership.leave', { membershipId }),
    mutate,
  }
}
