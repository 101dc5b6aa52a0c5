/**
 * Judging applicants: the queue shows what an admin decides by (region by name, employer, title,
 * discipline) and filters by discipline and region text; several applications are approved or
 * refused at once, each checked and audited as a single decision, all or none.
 */
import { describe, expect, it } from 'vitest'
import { beijingContext, makeMembership, person } from './fixtures'

async function world() {
  const ctx = await beijingContext()
  const admin = await person(ctx)
  await makeMembership(ctx.db, { userId: admin.user.id, orgId: 'cast-110108', role: 'admin' })
  const outsider = await person(ctx)
  await makeMembership(ctx.db, { userId: outsider.user.id, orgId: 'cast-110105', role: 'admin' })
  const profile = async (name: string, regionCode: string, discipline: string, employer: string, title: string) => {
    const p = await person(ctx, { name, regionCode })
    await ctx.db.updateTable('users').set({ discipline, employer, title }).where('id', '=', p.user.id).execute()
    return p
  }
  const li = await profile('李研究', '110108010', '农科', '中国农业大学', '副教授')
  const wang = await profile('王工程', '110105001', '工科', '北京建工集团', '高级工程师')
  const zhao = await profile('赵医生', '110108010', '医科', '北医三院', '主治医师')
  const apps = {
    li: await makeMembership(ctx.db, { userId: li.user.id, orgId: 'cast-110108', status: 'pending' }),
    wang: await makeMembership(ctx.db, { userId: wang.user.id, orgId: 'cast-110108', status: 'pending' }),
    zhao: await makeMembership(ctx.db, { userId: zhao.user.id, orgId: 'cast-110108', status: 'pending' }),
    chaoyang: await makeMembership(ctx.db, { userId: zhao.user.id, orgId: 'cast-110105', status: 'pending' }),
  }
  return { ctx, admin, outsider, apps }
}
const statuses = async (w: Awaited<ReturnType<typeof world>>, ids: string[]) =>
  (await w.ctx.db.selectFrom('memberships').select(['id', 'status', 'reason']).where('id', 'in', ids).orderBy('id').execute()).map(
    (r) => r.status,
  )

describe('the applicants queue', () => {
  it('shows region by name, employer, title and discipline, and filters by discipline and region text', async () => {
    const w = await world()
    const res = await w.admin.a.get('/api/admin/memberships')
    expect(res.status).toBe(200)
    expect(res.body.items.find((i: { id: string }) => i.id === w.apps.li)).toMatchObject({
      userName: '李研究',
      regionName: expect.stringContaining('海淀区'),
      employer: '中国农业大学',
      title: '副教授',
      discipline: '农科',
    })
    expect(res.body.items.find((i: { id: string }) => i.id === w.apps.wang).regionName).toContain('朝阳区')
    const agri = await w.admin.a.get('/api/admin/memberships?discipline=%E5%86%9C%E7%A7%91')
    expect(agri.body.items.map((i: { id: string }) => i.id)).toEqual([w.apps.li])
    expect(agri.body.total).toBe(1)
    const haidian = await w.admin.a.get(`/api/admin/memberships?region=${encodeURIComponent('海淀')}`)
    expect(haidian.body.items.map((i: { id: string }) => i.id).sort()).toEqual([w.apps.li, w.apps.zhao].sort())
    // the text means itself: a % matches nothing
    expect((await w.admin.a.get('/api/admin/memberships?region=%25')).body.total).toBe(0)
    expect((await w.admin.a.get('/api/admin/memberships?discipline=%E6%96%87%E7%A7%91')).status).toBe(400) // 文科 is not a discipline
  })
})

describe('deciding many at once', () => {
  it('approves several in one call, each audited as its own decision', async () => {
    const w = await world()
    const res = await w.admin.a.post('/api/admin/memberships/decisions', { ids: [w.apps.li, w.apps.zhao], decision: 'approve' })
    expect(res.status).toBe(200)
    expect(res.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [w.apps.li, 'active'],
      [w.apps.zhao, 'active'],
    ])
    expect(res.body.items.every((i: { memberNo: string | null }) => i.memberNo)).toBe(true)
    const audits = await w.ctx.db.selectFrom('audit_log').select(['action', 'target']).where('action', '=', 'membership.approve').execute()
    expect(audits.map((a) => a.target).sort()).toEqual([w.apps.li, w.apps.zhao].sort())
    expect(await statuses(w, [w.apps.wang])).toEqual(['pending'])
  })

  it('refuses several with one reason the applicants see', async () => {
    const w = await world()
    const res = await w.admin.a.post('/api/admin/memberships/decisions', {
      ids: [w.apps.li, w.apps.wang],
      decision: 'reject',
      reason: '请先完善工作单位信息',
    })
    expect(res.status).toBe(200)
    expect(res.body.items.map((i: { status: string; reason: string }) => [i.status, i.reason])).toEqual([
      ['rejected', '请先完善工作单位信息'],
      ['rejected', '请先完善工作单位信息'],
    ])
  })

  it('decides none when one cannot be decided: not the admin’s, no longer pending, or unknown', async () => {
    const w = await world()
    const outside = await w.admin.a.post('/api/admin/memberships/decisions', { ids: [w.apps.li, w.apps.chaoyang], decision: 'approve' })
    expect(outside.status).toBe(403)
    expect(outside.body.error.code).toBe('forbidden')
    expect(outside.body.error.message).toContain(w.apps.chaoyang)
    expect(await statuses(w, [w.apps.li, w.apps.chaoyang])).toEqual(['pending', 'pending'])

    await w.admin.a.post(`/api/admin/memberships/${w.apps.zhao}/approve`, {})
    const again = await w.admin.a.post('/api/admin/memberships/decisions', {
      ids: [w.apps.li, w.apps.zhao],
      decision: 'reject',
      reason: '重复',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('not_pending')
    expect(await statuses(w, [w.apps.li])).toEqual(['pending'])
    const unknown = await w.admin.a.post('/api/admin/memberships/decisions', {
      ids: [w.apps.li, '6f9619ff-8b86-4d11-b42d-00c04fc964ff'],
      decision: 'approve',
    })
    expect(unknown.status).toBe(404)
    expect(await statuses(w, [w.apps.li])).toEqual(['pending'])
    const audits = await w.ctx.db
      .selectFrom('audit_log')
      .select('target')
      .where('action', 'in', ['membership.approve', 'membership.reject'])
      .execute()
    expect(audits.map((a) => a.target)).toEqual([w.apps.zhao]) // only the single decision above
  })

  it('answers 400 for a refusal without a reason, an id twice, no ids or too many; 403 for others’ admins and members', async () => {
    const w = await world()
    const post = (body: unknown) => w.admin.a.post('/api/admin/memberships/decisions', body)
    expect((await post({ ids: [w.apps.li], decision: 'reject' })).status).toBe(400)
    expect((await post({ ids: [w.apps.li, w.apps.li], decision: 'approve' })).status).toBe(400)
    expect((await post({ ids: [], decision: 'approve' })).status).toBe(400)
    const many = Array.from({ length: 51 }, () => crypto.randomUUID())
    expect((await post({ ids: many, decision: 'approve' })).status).toBe(400)
    expect((await post({ ids: [w.apps.li], decision: 'maybe' })).status).toBe(400)
    expect((await w.outsider.a.post('/api/admin/memberships/decisions', { ids: [w.apps.li], decision: 'approve' })).status).toBe(403)
    expect(await statuses(w, [w.apps.li])).toEqual(['pending'])
  })
})
