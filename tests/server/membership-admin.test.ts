import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { beijingContext, type Ctx, makeMembership, person } from './fixtures'

/** Admins of 海淀, 朝阳 and one 海淀 street, a plain member, a system admin; applications across the tree. */
async function world() {
  const ctx = await beijingContext()
  const haidianAdmin = await person(ctx, { phone: '13800001001' })
  const chaoyangAdmin = await person(ctx)
  const streetAdmin = await person(ctx)
  const member = await person(ctx)
  const sysAdmin = await person(ctx, { systemRole: 'system_admin' })
  await makeMembership(ctx.db, { userId: haidianAdmin.user.id, orgId: 'cast-110108', role: 'admin' })
  await makeMembership(ctx.db, { userId: chaoyangAdmin.user.id, orgId: 'cast-110105', role: 'admin' })
  await makeMembership(ctx.db, { userId: streetAdmin.user.id, orgId: 'cast-110108010', role: 'admin' })
  await makeMembership(ctx.db, { userId: member.user.id, orgId: 'cast-110108' })

  const applicant = await person(ctx, { phone: '13812341234', name: '李研究' })
  const county = randomUUID()
  const chaoyang = randomUUID()
  expect((await applicant.apply('cast-110108', county)).data.status).toBe('pending')
  expect((await applicant.apply('cast-110105', chaoyang)).data.status).toBe('pending')
  // the street is open, so a pending application there can only come from older data: insert it directly
  const street = await makeMembership(ctx.db, {
    userId: applicant.user.id,
    orgId: 'cast-110108010',
    status: 'pending',
    createdAt: '2026-11-02T00:00:00.000Z',
  })
  const park = await makeMembership(ctx.db, {
    userId: applicant.user.id,
    orgId: 'park-zgc',
    status: 'pending',
    createdAt: '2026-11-03T00:00:00.000Z',
  })
  return { ctx, haidianAdmin, chaoyangAdmin, streetAdmin, member, sysAdmin, applicant, apps: { county, chaoyang, street, park } }
}
const listIds = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id).sort()
const statusOf = async (ctx: Ctx, id: string) =>
  await ctx.db.selectFrom('memberships').select(['status', 'version', 'reason', 'member_no']).where('id', '=', id).executeTakeFirstOrThrow()

describe('admin: pending applications', () => {
  it('lists the caller’s organisation and everything below it, with masked phones', async () => {
    const w = await world()
    const res = await w.haidianAdmin.a.get('/api/admin/memberships?status=pending')
    expect(res.status).toBe(200)
    expect(listIds(res.body)).toEqual([w.apps.county, w.apps.street, w.apps.park].sort())
    expect(res.body.total).toBe(3)
    const item = res.body.items.find((i: { id: string }) => i.id === w.apps.county)
    expect(item).toMatchObject({
      orgId: 'cast-110108',
      orgName: '北京市海淀区科学技术协会',
      userName: '李研究',
      phone: '138****1234',
      status: 'pending',
    })
    expect(JSON.stringify(res.body)).not.toContain('13812341234')

    expect(listIds((await w.chaoyangAdmin.a.get('/api/admin/memberships')).body)).toEqual([w.apps.chaoyang])
    expect(listIds((await w.streetAdmin.a.get('/api/admin/memberships')).body)).toEqual([w.apps.street])
    expect((await w.sysAdmin.a.get('/api/admin/memberships')).body.total).toBe(4)
  })

  it('narrows to an organisation’s subtree with orgId, and refuses one outside the caller’s', async () => {
    const w = await world()
    expect(listIds((await w.haidianAdmin.a.get('/api/admin/memberships?orgId=cast-110108010')).body)).toEqual([w.apps.street])
    const outside = await w.haidianAdmin.a.get('/api/admin/memberships?orgId=cast-110105')
    expect(outside.status).toBe(403)
    expect(outside.body.error.code).toBe('forbidden')
    expect((await w.streetAdmin.a.get('/api/admin/memberships?orgId=cast-110108')).status).toBe(403)
    expect((await w.haidianAdmin.a.get('/api/admin/memberships?orgId=cast-999')).status).toBe(404)
  })

  it('refuses anonymous callers (401), plain members (403) and bad queries (400)', async () => {
    const w = await world()
    const anon = w.ctx.agent()
    expect((await anon.get('/api/admin/memberships')).status).toBe(401)
    expect((await anon.get('/api/admin/memberships?status=bogus')).status).toBe(401)
    expect((await w.member.a.get('/api/admin/memberships')).status).toBe(403)
    for (const qs of ['status=bogus', 'orgId=Bad%20Id', 'page=0', 'pageSize=201', 'pageSize=x']) {
      const res = await w.haidianAdmin.a.get('/api/admin/memberships?' + qs)
      expect(res.status, qs).toBe(400)
      expect(res.body.error.code, qs).toBe('invalid_input')
    }
  })
})

describe('admin: approve and reject', () => {
  it('approves: active, member number, a year’s validity, new version, audit entry, and the applicant’s pull shows it', async () => {
    const w = await world()
    const before = await statusOf(w.ctx, w.apps.county)
    const res = await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.county}/approve`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: w.apps.county, status: 'active', phone: '138****1234', validUntil: '2027-11-28T08:00:00.000Z' })
    expect(res.body.memberNo).toMatch(/^KX2026\d{8}$/)
    const after = await statusOf(w.ctx, w.apps.county)
    expect(after.version).toBeGreaterThan(before.version)
    const audit = await w.ctx.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: w.haidianAdmin.user.id,
        action: 'membership.approve',
        org_id: 'cast-110108',
        target: w.apps.county,
      }),
    ])
    const pull = await w.applicant.a.get(`/api/sync/pull?cursor=${before.version}`)
    expect(pull.body.changes.find((c: { id: string }) => c.id === w.apps.county).row.status).toBe('active')
    // deciding twice is a conflict, not a second write
    const again = await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.county}/approve`)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('not_pending')
    expect((await statusOf(w.ctx, w.apps.county)).version).toBe(after.version)
  })

  it('a county admin approves for its streets and attached organisations; the system admin everywhere', async () => {
    const w = await world()
    expect((await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.street}/approve`)).status).toBe(200)
    expect((await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.park}/reject`, { reason: '请补充单位信息' })).status).toBe(200)
    expect((await w.sysAdmin.a.post(`/api/admin/memberships/${w.apps.chaoyang}/approve`)).status).toBe(200)
  })

  it('refuses admins of other places, lower levels and plain members, and changes nothing', async () => {
    const w = await world()
    const before = await statusOf(w.ctx, w.apps.chaoyang)
    const cases = [
      [w.haidianAdmin, w.apps.chaoyang], // 海淀 admin for 朝阳
      [w.streetAdmin, w.apps.county], // a street admin for its county
      [w.chaoyangAdmin, w.apps.street],
      [w.member, w.apps.county], // a member
      [w.applicant, w.apps.county], // the applicant
    ] as const
    for (const [who, id] of cases) {
      const res = await who.a.post(`/api/admin/memberships/${id}/approve`)
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect((await who.a.post(`/api/admin/memberships/${id}/reject`, { reason: 'x' })).status).toBe(403)
    }
    expect(await statusOf(w.ctx, w.apps.chaoyang)).toEqual(before)
    expect(await w.ctx.db.selectFrom('audit_log').select('id').execute()).toEqual([])
  })

  it('an admin whose admin membership has ended has no rights', async () => {
    const w = await world()
    await w.ctx.db.updateTable('memberships').set({ status: 'left' }).where('user_id', '=', w.haidianAdmin.user.id).execute()
    expect((await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.county}/approve`)).status).toBe(403)
    expect((await w.haidianAdmin.a.get('/api/admin/memberships')).status).toBe(403)
  })

  it('an admin cannot decide on their own application', async () => {
    const w = await world()
    const own = await makeMembership(w.ctx.db, { userId: w.haidianAdmin.user.id, orgId: 'cast-110108011', status: 'pending' })
    expect((await w.haidianAdmin.a.post(`/api/admin/memberships/${own}/approve`)).status).toBe(403)
    expect((await w.sysAdmin.a.post(`/api/admin/memberships/${own}/approve`)).status).toBe(200)
  })

  it('rejects with a reason the applicant sees; without a reason it is 400 and nothing is written', async () => {
    const w = await world()
    const before = await statusOf(w.ctx, w.apps.county)
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(201) }, { reason: 'ok', extra: 1 }, { reason: 5 }]) {
      const res = await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.county}/reject`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect((await w.haidianAdmin.a.request('POST', `/api/admin/memberships/${w.apps.county}/reject`, 'not json')).status).toBe(400)
    expect(await statusOf(w.ctx, w.apps.county)).toEqual(before)
    const res = await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.county}/reject`, { reason: '不在本会服务范围' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'rejected', reason: '不在本会服务范围', memberNo: null })
    const pull = await w.applicant.a.get('/api/sync/pull?cursor=0')
    expect(pull.body.changes.find((c: { id: string }) => c.id === w.apps.county).row).toMatchObject({
      status: 'rejected',
      reason: '不在本会服务范围',
    })
    expect((await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.county}/approve`)).status).toBe(409)
    const audit = await w.ctx.db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail!)).toEqual({ reason: '不在本会服务范围' })
  })

  it('answers 404 for unknown ids, 400 for malformed ids or bodies, 401 without a session', async () => {
    const w = await world()
    expect((await w.haidianAdmin.a.post(`/api/admin/memberships/${randomUUID()}/approve`)).status).toBe(404)
    expect((await w.haidianAdmin.a.post('/api/admin/memberships/not-a-uuid/approve')).status).toBe(400)
    expect((await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.county}/approve`, { note: 'x' })).status).toBe(400)
    expect((await w.ctx.agent().post(`/api/admin/memberships/${w.apps.county}/approve`)).status).toBe(401)
    expect((await w.ctx.agent().post(`/api/admin/memberships/${w.apps.county}/reject`, { reason: 'x' })).status).toBe(401)
    expect((await statusOf(w.ctx, w.apps.county)).status).toBe('pending')
  })
})

describe('admin: member list', () => {
  it('lists an organisation’s members with masked phones, paged, for its admins only', async () => {
    const w = await world()
    const res = await w.haidianAdmin.a.get('/api/admin/orgs/cast-110108/members?pageSize=1')
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(2) // the admin and the member
    expect(res.body.items).toHaveLength(1)
    expect(res.body.items[0].phone).toMatch(/^1\d\d\*{4}\d{4}$/)
    const page2 = await w.haidianAdmin.a.get('/api/admin/orgs/cast-110108/members?pageSize=1&page=2')
    expect(page2.body.items[0].id).not.toBe(res.body.items[0].id)
    expect((await w.chaoyangAdmin.a.get('/api/admin/orgs/cast-110108/members')).status).toBe(403)
    expect((await w.streetAdmin.a.get('/api/admin/orgs/cast-110108/members')).status).toBe(403)
    expect((await w.member.a.get('/api/admin/orgs/cast-110108/members')).status).toBe(403)
    expect((await w.ctx.agent().get('/api/admin/orgs/cast-110108/members')).status).toBe(401)
    expect((await w.haidianAdmin.a.get('/api/admin/orgs/cast-110108010/members')).status).toBe(200)
    expect((await w.haidianAdmin.a.get('/api/admin/orgs/cast-nope/members')).status).toBe(404)
    expect((await w.haidianAdmin.a.get('/api/admin/orgs/cast-110108/members?status=pending')).status).toBe(400)
    expect((await w.haidianAdmin.a.get('/api/admin/orgs/BAD/members')).status).toBe(400)
  })
})

describe('admin: reads of personal data are audited', () => {
  it('records who listed which organisation’s applicants and members, and what they decided', async () => {
    const w = await world()
    expect((await w.haidianAdmin.a.get('/api/admin/memberships?status=pending&orgId=cast-110108')).status).toBe(200)
    expect((await w.haidianAdmin.a.get('/api/admin/orgs/cast-110108/members')).status).toBe(200)
    expect((await w.haidianAdmin.a.post(`/api/admin/memberships/${w.apps.county}/approve`, {})).status).toBe(200)
    const entries = await w.ctx.db.selectFrom('audit_log').select(['actor_id', 'action', 'org_id', 'target']).orderBy('id').execute()
    expect(entries).toEqual([
      { actor_id: w.haidianAdmin.user.id, action: 'members.read', org_id: 'cast-110108', target: null },
      { actor_id: w.haidianAdmin.user.id, action: 'members.read', org_id: 'cast-110108', target: null },
      { actor_id: w.haidianAdmin.user.id, action: 'membership.approve', org_id: 'cast-110108', target: w.apps.county },
    ])
    // a refused read leaves no trace of data it never showed
    expect((await w.chaoyangAdmin.a.get('/api/admin/orgs/cast-110108/members')).status).toBe(403)
    expect(await w.ctx.db.selectFrom('audit_log').select('id').execute()).toHaveLength(3)
  })
})
