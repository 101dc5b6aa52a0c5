import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeContext, makeMembership, makeOrg, makeUser } from './fixtures'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'

type Ctx = Awaited<ReturnType<typeof makeContext>>

/** A person with a membership, a second device, and one processed sync mutation. */
async function personWithData(ctx: Ctx) {
  await makeOrg(ctx.db, { id: 'cast-national', name: '中国科学技术协会', level: 'national' })
  const user = await makeUser(ctx.db, { name: '王小明' })
  const membershipId = await makeMembership(ctx.db, { userId: user.id, orgId: 'cast-national' })
  const a = ctx.agent()
  expect((await a.post('/api/auth/login', { phone: user.phone, password: user.password })).status).toBe(200)
  const other = ctx.agent()
  expect((await other.post('/api/auth/login', { phone: user.phone, password: user.password })).status).toBe(200)
  const clientId = randomUUID()
  const push = await a.post('/api/sync/push', {
    clientId,
    schemaVersion: SYNC_SCHEMA_VERSION,
    mutations: [{ id: randomUUID(), name: 'profile.update', args: { bio: '研究土壤' }, createdAt: new Date().toISOString() }],
  })
  expect(push.status).toBe(200)
  return { user, membershipId, a, other, clientId }
}

describe('export my data', () => {
  it('answers a JSON attachment with profile, memberships, sessions, sync records and audit entries, and audits it', async () => {
    const ctx = await makeContext()
    const { user, a, clientId } = await personWithData(ctx)
    const res = await a.get('/api/me/export')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="scientists-home-export-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = res.body
    expect(body.format).toBe('scientists-home-export/1')
    expect(body.profile).toMatchObject({ id: user.id, phone: user.phone, name: '王小明', bio: '研究土壤' })
    expect(body.profile.privacyConsentAt).toEqual(expect.any(String))
    expect(body.sections.memberships).toHaveLength(1)
    expect(body.sections.memberships[0]).toMatchObject({ orgId: 'cast-national', orgName: '中国科学技术协会', status: 'active' })
    expect(body.sections.sessions).toHaveLength(2)
    expect(body.sections.knownBrowsers).toHaveLength(2) // each login's browser, dates only
    expect(Object.keys(body.sections.knownBrowsers[0]).sort()).toEqual(['createdAt', 'lastUsedAt'])
    expect(body.sections.syncClients.map((c: { clientId: string }) => c.clientId)).toEqual([clientId])
    expect(body.sections.syncMutations).toHaveLength(1)
    expect(body.sections.syncMutations[0]).toMatchObject({ name: 'profile.update', status: 'applied' })
    const text = JSON.stringify(body)
    expect(text).not.toContain('scrypt$')
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.export').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: user.id, target: user.id })
    // The second export contains the audit entry of the first.
    const again = await a.get('/api/me/export')
    expect(again.body.sections.auditEntries.map((e: { action: string }) => e.action)).toContain('account.export')
  })

  it('exports nothing of another person', async () => {
    const ctx = await makeContext()
    const { a } = await personWithData(ctx)
    const stranger = await makeUser(ctx.db, { name: '陌生人' })
    await makeMembership(ctx.db, { userId: stranger.id, orgId: 'cast-national' })
    const text = JSON.stringify((await a.get('/api/me/export')).body)
    expect(text).not.toContain(stranger.id)
    expect(text).not.toContain(stranger.phone)
    expect(text).not.toContain('陌生人')
  })

  it('refuses anonymous callers', async () => {
    const ctx = await makeContext()
    const res = await ctx.agent().get('/api/me/export')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })
})

describe('delete my account', () => {
  it('removes personal data, anonymises the membership it keeps, tombstones synced rows and says what was kept', async () => {
    const ctx = await makeContext()
    const { user, membershipId, a, other } = await personWithData(ctx)
    const before = (await ctx.db.selectFrom('sync_state').select('version').executeTakeFirstOrThrow()).version
    const res = await a.post('/api/me/delete', { password: user.password })
    expect(res.status).toBe(200)
    expect(res.body.deleted).toBe(true)
    expect(res.body.kept.map((k: { what: string }) => k.what)).toEqual(['memberships', 'auditEntries'])
    expect(res.body.kept[0]).toMatchObject({ count: 1, why: expect.stringMatching(/anonymised/) })
    expect(res.body.removed).toEqual(
      expect.arrayContaining([
        { what: 'sessions', count: 2 },
        { what: 'syncMutations', count: 1 },
        { what: 'knownBrowsers', count: 2 },
      ]),
    )

    // both devices are logged out; the number can neither log in nor is it stored anywhere
    expect((await a.get('/api/me')).status).toBe(401)
    expect((await other.get('/api/me')).status).toBe(401)
    const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: '已注销用户', bio: null, employer: null, region_code: null, system_role: 'member' })
    expect(row.phone).toMatch(/^deleted:[0-9a-f-]{36}$/)
    for (const table of ['sessions', 'sync_mutations', 'sync_clients'] as const) {
      expect(await ctx.db.selectFrom(table).selectAll().where('user_id', '=', user.id).execute()).toHaveLength(0)
    }
    const dump =
      JSON.stringify(await ctx.db.selectFrom('rate_limits').selectAll().execute()) +
      JSON.stringify(await ctx.db.selectFrom('audit_log').selectAll().execute())
    expect(dump).not.toContain(user.phone)
    expect((await ctx.agent().post('/api/auth/login', { phone: user.phone, password: user.password })).status).toBe(401)

    // the kept membership still points at the (anonymised) user row: foreign keys hold
    const m = await ctx.db.selectFrom('memberships').selectAll().where('id', '=', membershipId).executeTakeFirstOrThrow()
    expect(m).toMatchObject({ user_id: user.id, status: 'left', reason: null })
    // PostgreSQL checks every foreign key on each statement, so the anonymising writes above would have failed there;
    // SQLite's check is a pragma
    if (ctx.raw) expect(ctx.raw.pragma('foreign_key_check')).toEqual([])

    const stones = await ctx.db.selectFrom('tombstones').selectAll().where('user_id', '=', user.id).orderBy('table_name').execute()
    expect(stones.map((t) => [t.table_name, t.row_id])).toEqual([
      ['memberships', membershipId],
      ['profile', user.id],
    ])
    for (const t of stones) expect(t.version).toBeGreaterThan(before)
    expect(await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.delete').execute()).toHaveLength(1)
  })

  it('lets the number register again as a new, unrelated account', async () => {
    const ctx = await makeContext()
    const { user, a } = await personWithData(ctx)
    expect((await a.post('/api/me/delete', { password: user.password })).status).toBe(200)
    const fresh = await ctx
      .agent()
      .post('/api/auth/register', await ctx.withCode({ phone: user.phone, password: 'Fresh-start-1', name: '新用户', acceptPrivacy: true }))
    expect(fresh.status).toBe(201)
    expect(fresh.body.id).not.toBe(user.id)
  })

  it('refuses a wrong password (401, nothing changes) and rate-limits guesses', async () => {
    const ctx = await makeContext()
    const { user, a } = await personWithData(ctx)
    for (let i = 0; i < 5; i++) {
      const res = await a.post('/api/me/delete', { password: 'not-my-password' })
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('bad_credentials')
    }
    expect((await a.post('/api/me/delete', { password: user.password })).status).toBe(429)
    expect((await a.get('/api/me')).body.phone).toBe(user.phone)
    expect(await ctx.db.selectFrom('tombstones').selectAll().execute()).toHaveLength(0)
  })

  it('refuses bad input and anonymous callers', async () => {
    const ctx = await makeContext()
    const { a } = await personWithData(ctx)
    for (const body of [{}, { password: '' }, { password: 'x', extra: 1 }, { password: 12345678 }]) {
      const res = await a.post('/api/me/delete', body)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect((await ctx.agent().post('/api/me/delete', { password: 'whatever1' })).status).toBe(401)
  })
})
