import { describe, expect, it } from 'vitest'
import { makeContext, makeMembership, makeOrg, makeSession, makeUser } from './fixtures'
import { audit, purgeAudit } from '../../server/domain/audit'

describe('audit log', () => {
  it('is readable by a system admin, newest first, filtered by action, actor and organisation, in pages', async () => {
    const ctx = await makeContext()
    const root = await makeUser(ctx.db, { systemRole: 'system_admin' })
    const at = ctx.clock.now()
    await audit(ctx.db, { actorId: 'u1', action: 'membership.approve', orgId: 'cast-11', target: 'm1', at })
    await audit(ctx.db, { actorId: 'u2', action: 'membership.approve', orgId: 'cast-37', target: 'm2', at })
    await audit(ctx.db, { actorId: 'u1', action: 'account.export', target: 'u1', detail: { counts: { memberships: 2 } }, at })
    const a = await makeSession(ctx, root)
    const all = await a.get('/api/admin/audit')
    expect(all.status).toBe(200)
    expect(all.body.total).toBe(3)
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual(['account.export', 'membership.approve', 'membership.approve'])
    expect(all.body.items[0].detail).toEqual({ counts: { memberships: 2 } })
    expect((await a.get('/api/admin/audit?action=membership.approve')).body.total).toBe(2)
    expect((await a.get('/api/admin/audit?actor=u1')).body.total).toBe(2)
    const org = await a.get('/api/admin/audit?org=cast-37')
    expect(org.body.items.map((e: { target: string }) => e.target)).toEqual(['m2'])
    const page2 = await a.get('/api/admin/audit?pageSize=2&page=2')
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(page2.body.items).toHaveLength(1)
  })

  it('refuses members and org admins (403) and anonymous callers (401)', async () => {
    const ctx = await makeContext()
    await makeOrg(ctx.db, { id: 'cast-national', name: '中国科学技术协会', level: 'national' })
    const member = await makeUser(ctx.db)
    const orgAdmin = await makeUser(ctx.db)
    await makeMembership(ctx.db, { userId: orgAdmin.id, orgId: 'cast-national', role: 'admin' })
    await audit(ctx.db, { actorId: 'x', action: 'account.export' })
    for (const who of [member, orgAdmin]) {
      const res = await (await makeSession(ctx, who)).get('/api/admin/audit')
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(JSON.stringify(res.body)).not.toContain('account.export')
    }
    expect((await ctx.agent().get('/api/admin/audit')).status).toBe(401)
  })

  it('refuses bad filters with 400', async () => {
    const ctx = await makeContext()
    const a = await makeSession(ctx, await makeUser(ctx.db, { systemRole: 'system_admin' }))
    for (const q of ['page=0', 'page=abc', 'pageSize=1000', "action=x'%20or%201=1", 'unknown=1']) {
      const res = await a.get(`/api/admin/audit?${q}`)
      expect(res.status, q).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
  })

  it('purges entries older than the retention but never younger than 180 days, whatever is asked', async () => {
    const ctx = await makeContext()
    const now = new Date('2027-06-30T00:00:00Z')
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000)
    for (const d of [10, 179, 181, 400]) await audit(ctx.db, { actorId: 'a', action: 'account.export', target: `d${d}`, at: daysAgo(d) })
    expect(await purgeAudit(ctx.db, now, 30)).toBe(2) // asked for 30 days: 180 are kept anyway
    const left = await ctx.db.selectFrom('audit_log').select('target').orderBy('id').execute()
    expect(left.map((r) => r.target)).toEqual(['d10', 'd179'])
    expect(await purgeAudit(ctx.db, now, Number.NaN)).toBe(0)
    await audit(ctx.db, { actorId: 'a', action: 'account.export', target: 'd300', at: daysAgo(300) })
    expect(await purgeAudit(ctx.db, now, 365)).toBe(0) // a longer retention keeps more
  })
})
