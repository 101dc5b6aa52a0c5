/**
 * Delegation: an admin makes an active member an organiser (活动组织者) of their organisation, who
 * may then publish, edit and cancel that organisation's activities, see attendance and check people
 * in — for that one organisation only, and never administer its members. Taking the role back
 * takes the rights back.
 */
import { describe, expect, it } from 'vitest'
import { admin, beijingContext, checkIn, makeActivity, makeMembership, person, pulled, register } from './fixtures'

const input = (over: Record<string, unknown> = {}) => ({
  orgId: 'cast-110108',
  kind: 'training',
  title: '科技志愿者服务能力培训',
  venueAddress: '海淀区科技馆',
  startsAt: '2026-12-12T02:00:00Z',
  endsAt: '2026-12-12T05:00:00Z',
  registrationOpensAt: '2026-11-28T00:00:00Z',
  registrationClosesAt: '2026-12-11T12:00:00Z',
  capacity: 20,
  ...over,
})

async function delegated() {
  const ctx = await beijingContext()
  const boss = await admin(ctx, 'cast-110108')
  const helper = await person(ctx)
  const membershipId = await makeMembership(ctx.db, { userId: helper.user.id, orgId: 'cast-110108' })
  return { ctx, boss, helper, membershipId }
}

describe('POST /api/admin/memberships/{id}/role', () => {
  it('lets an admin delegate and take back, audited; the member pulls the new role', async () => {
    const { ctx, boss, helper, membershipId } = await delegated()
    const res = await boss.a.post(`/api/admin/memberships/${membershipId}/role`, { role: 'organiser' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: membershipId, role: 'organiser', phone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) })
    expect((await pulled(helper, 'memberships')).get(membershipId)).toMatchObject({ role: 'organiser' })
    const entry = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'membership.role').executeTakeFirst()
    expect(entry).toMatchObject({ actor_id: boss.user.id, org_id: 'cast-110108', target: membershipId })
    expect(JSON.parse(entry!.detail!)).toEqual({ from: 'member', to: 'organiser' })
    expect((await boss.a.post(`/api/admin/memberships/${membershipId}/role`, { role: 'member' })).body.role).toBe('member')
  })

  it('refuses a member, the organiser themself, an admin of another county, and bad roles', async () => {
    const { ctx, boss, helper, membershipId } = await delegated()
    const url = `/api/admin/memberships/${membershipId}/role`
    expect((await ctx.agent().post(url, { role: 'organiser' })).status).toBe(401)
    expect((await helper.a.post(url, { role: 'organiser' })).status).toBe(403)
    const chaoyang = await admin(ctx, 'cast-110105')
    expect((await chaoyang.a.post(url, { role: 'organiser' })).status).toBe(403)
    expect((await boss.a.post(url, { role: 'admin' })).status).toBe(400)
    expect((await boss.a.post(url, { role: 'organiser', extra: 1 })).status).toBe(400)
    const row = await ctx.db.selectFrom('memberships').select('role').where('id', '=', membershipId).executeTakeFirstOrThrow()
    expect(row.role).toBe('member')
  })

  it('only delegates to active members, never changes an admin, and not one’s own role', async () => {
    const { ctx, boss } = await delegated()
    const applicant = await person(ctx)
    const pending = await makeMembership(ctx.db, { userId: applicant.user.id, orgId: 'cast-110108', status: 'pending' })
    expect((await boss.a.post(`/api/admin/memberships/${pending}/role`, { role: 'organiser' })).body.error.code).toBe('not_active')
    const other = await admin(ctx, 'cast-110108')
    const otherAdmin = (await ctx.db.selectFrom('memberships').select('id').where('user_id', '=', other.user.id).executeTakeFirstOrThrow())
      .id
    expect((await boss.a.post(`/api/admin/memberships/${otherAdmin}/role`, { role: 'member' })).body.error.code).toBe('is_admin')
    const own = (await ctx.db.selectFrom('memberships').select('id').where('user_id', '=', boss.user.id).executeTakeFirstOrThrow()).id
    expect((await boss.a.post(`/api/admin/memberships/${own}/role`, { role: 'member' })).status).toBe(403)
  })
})

describe('an organiser', () => {
  it('runs the organisation’s activities: publish, edit, cancel, attendance, check-in', async () => {
    const { ctx, boss, helper, membershipId } = await delegated()
    await boss.a.post(`/api/admin/memberships/${membershipId}/role`, { role: 'organiser' })
    // starting within the hour, so check-in (2 h before) is open
    const created = await helper.a.post(
      '/api/activities',
      input({ startsAt: '2026-11-28T08:30:00Z', endsAt: '2026-11-28T10:00:00Z', registrationClosesAt: '2026-11-28T08:30:00Z' }),
    )
    expect(created.status).toBe(201)
    expect((await helper.a.request('PATCH', `/api/activities/${created.body.id}`, { capacity: 30 })).status).toBe(200)
    expect((await helper.a.get(`/api/activities/${created.body.id}/attendance`)).status).toBe(200)
    const guest = await person(ctx, { name: '王来宾', phone: '13912345678' })
    await register(guest, created.body.id)
    expect((await checkIn(helper, created.body.id, { phone: guest.user.phone })).status).toBe('applied')
    expect((await helper.a.post(`/api/activities/${created.body.id}/cancel`, {})).status).toBe(200)
  })

  it('does not run a child’s or a sibling’s activities, nor administer members', async () => {
    const { ctx, boss, helper, membershipId } = await delegated()
    await boss.a.post(`/api/admin/memberships/${membershipId}/role`, { role: 'organiser' })
    expect((await helper.a.post('/api/activities', input({ orgId: 'cast-110108011' }))).status).toBe(403) // a street below
    expect((await helper.a.post('/api/activities', input({ orgId: 'cast-110105' }))).status).toBe(403) // 朝阳
    const below = await makeActivity(ctx.db, { orgId: 'cast-110108011' })
    expect((await helper.a.get(`/api/activities/${below.id}/attendance`)).status).toBe(403)
    expect((await checkIn(helper, below.id, { name: '路人' })).code).toBe('forbidden')
    expect((await helper.a.get('/api/admin/memberships?status=pending')).status).toBe(403)
    expect((await helper.a.get('/api/admin/orgs/cast-110108/members')).status).toBe(403)
  })

  it('loses the rights when the role is taken back', async () => {
    const { boss, helper, membershipId } = await delegated()
    await boss.a.post(`/api/admin/memberships/${membershipId}/role`, { role: 'organiser' })
    expect((await helper.a.post('/api/activities', input())).status).toBe(201)
    await boss.a.post(`/api/admin/memberships/${membershipId}/role`, { role: 'member' })
    expect((await helper.a.post('/api/activities', input())).status).toBe(403)
  })
})

describe('GET /api/admin/activities', () => {
  it('lists what the caller organises: an admin’s subtree (cancelled too), an organiser’s one organisation', async () => {
    const { ctx, boss, helper, membershipId } = await delegated()
    const county = await makeActivity(ctx.db, { orgId: 'cast-110108', title: '区科协讲座' })
    const street = await makeActivity(ctx.db, { orgId: 'cast-110108011', title: '街道科普', status: 'cancelled' })
    const sibling = await makeActivity(ctx.db, { orgId: 'cast-110105', title: '朝阳讲座' })
    const full = await makeActivity(ctx.db, { orgId: 'cast-110108', title: '满员讲座', capacity: 1 })
    const [a, b] = [await person(ctx), await person(ctx)]
    expect((await a.mutate('activity.register', { registrationId: crypto.randomUUID(), activityId: full.id })).status).toBe('applied')
    expect((await b.mutate('activity.register', { registrationId: crypto.randomUUID(), activityId: full.id })).data.status).toBe(
      'waitlisted',
    )

    const mine = await boss.a.get('/api/admin/activities')
    expect(mine.status).toBe(200)
    const ids = mine.body.items.map((i: { id: string }) => i.id)
    expect(ids).toEqual(expect.arrayContaining([county.id, street.id, full.id]))
    expect(ids).not.toContain(sibling.id)
    expect(mine.body.items.find((i: { id: string }) => i.id === full.id)).toMatchObject({
      waitlistCount: 1,
      placesLeft: 0,
      orgName: '北京市海淀区科学技术协会',
    })
    expect((await boss.a.get('/api/admin/activities?status=cancelled')).body.items.map((i: { id: string }) => i.id)).toEqual([street.id])

    await boss.a.post(`/api/admin/memberships/${membershipId}/role`, { role: 'organiser' })
    const delegatedIds = (await helper.a.get('/api/admin/activities')).body.items.map((i: { id: string }) => i.id)
    expect(delegatedIds.sort()).toEqual([county.id, full.id].sort()) // not the street below
  })

  it('refuses a caller who organises nothing, and a logged-out one', async () => {
    const ctx = await beijingContext()
    expect((await ctx.agent().get('/api/admin/activities')).status).toBe(401)
    const member = await person(ctx)
    expect((await member.a.get('/api/admin/activities')).status).toBe(403)
    expect((await member.a.get('/api/admin/activities?status=deleted')).status).toBe(400)
  })
})
