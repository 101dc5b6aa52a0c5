/**
 * What the screens need so they do not offer what cannot work: a members-only activity tells the
 * caller whether they may register (callerIsMember); the organiser's list counts registrations
 * awaiting approval (the admin home); the attendance list carries every member number of a person
 * (the check-in desk's offline list).
 */
import { describe, expect, it } from 'vitest'
import { admin, beijingContext, makeActivity, makeMembership, person, register, STARTS_SOON } from './fixtures'

describe('what the screens are told', () => {
  it('says whether the caller may register for a members-only activity: a member below the organiser may, others not', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { audience: 'members', orgId: 'cast-110108' })
    const open = await makeActivity(ctx.db, { audience: 'public' })
    const stranger = await person(ctx)
    const street = await person(ctx)
    await makeMembership(ctx.db, { userId: street.user.id, orgId: 'cast-110108010' })
    const pending = await person(ctx)
    await makeMembership(ctx.db, { userId: pending.user.id, orgId: 'cast-110108', status: 'pending' })

    expect((await stranger.a.get(`/api/activities/${act.id}`)).body.callerIsMember).toBe(false)
    expect((await pending.a.get(`/api/activities/${act.id}`)).body.callerIsMember).toBe(false)
    expect((await street.a.get(`/api/activities/${act.id}`)).body.callerIsMember).toBe(true)
    expect((await ctx.agent().get(`/api/activities/${act.id}`)).body.callerIsMember).toBeNull() // a guest
    expect((await stranger.a.get(`/api/activities/${open.id}`)).body.callerIsMember).toBeNull() // open to everyone
    // and the register button it stands for: the server refuses the stranger, accepts the street member
    expect(await register(stranger, act.id)).toMatchObject({ status: 'rejected', code: 'members_only' })
    expect(await register(street, act.id)).toMatchObject({ status: 'applied' })
  })

  it('counts registrations awaiting approval in the organiser’s list', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { ...STARTS_SOON, requiresApproval: true })
    expect(await register(await person(ctx), act.id)).toMatchObject({ status: 'applied', data: { status: 'pending_approval' } })
    expect(await register(await person(ctx), act.id)).toMatchObject({ status: 'applied', data: { status: 'pending_approval' } })
    const org = await admin(ctx, 'cast-110108')
    const res = await org.a.get(`/api/admin/activities?from=${encodeURIComponent('2026-11-01T00:00:00.000Z')}`)
    expect(res.status).toBe(200)
    expect(res.body.items.find((i: { id: string }) => i.id === act.id)).toMatchObject({ approvalCount: 2, waitlistCount: 0 })
  })

  it('gives every active member number of a registrant in the attendance list', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, STARTS_SOON)
    const p = await person(ctx, { name: '双会员' })
    await makeMembership(ctx.db, {
      userId: p.user.id,
      orgId: 'cast-110108',
      memberNo: 'KX2026000001',
      createdAt: '2026-01-01T00:00:00.000Z',
    })
    await makeMembership(ctx.db, {
      userId: p.user.id,
      orgId: 'cast-110105',
      memberNo: 'KX2026000002',
      createdAt: '2026-02-01T00:00:00.000Z',
    })
    expect(await register(p, act.id)).toMatchObject({ status: 'applied' })
    const org = await admin(ctx, 'cast-110108')
    const item = (await org.a.get(`/api/activities/${act.id}/attendance`)).body.items[0]
    expect(item).toMatchObject({ name: '双会员', memberNo: 'KX2026000001', memberNos: ['KX2026000001', 'KX2026000002'] })
  })
})
