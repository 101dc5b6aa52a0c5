/** activity.checkIn: organisers only; by card QR (verified with the server's keys), member number or phone; once; walk-ins. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeMembership } from './orgs-fixtures'
import { admin, beijingContext, checkIn, makeActivity, person, pulled, register } from './activity-fixtures'

describe('activity.checkIn', () => {
  it('checks a member in by card QR once; a second scan is rejected with the first time', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db)
    const m = await person(ctx, { name: '李思远' })
    await makeMembership(ctx.db, { userId: m.user.id, orgId: 'cast-110108' })
    await register(m, act.id)
    const card = (await m.a.get('/api/cards')).body.cards[0]
    const org = await admin(ctx, 'cast-110108')
    const id = randomUUID()
    const first = await checkIn(org, act.id, { card: card.qr }, id)
    expect(first).toMatchObject({ status: 'applied', data: { id, userId: m.user.id, name: '李思远', method: 'card', at: ctx.clock.now().toISOString() } })
    ctx.clock.advance(60_000)
    const second = await checkIn(org, act.id, { phone: m.user.phone })
    expect(second.status).toBe('rejected')
    expect(second.code).toBe('already_checked_in')
    expect((second as { message?: string }).message).toContain(first.data.at)
    expect(await ctx.db.selectFrom('check_ins').select('id').execute()).toHaveLength(1)
    // the person sees their own check-in on their next pull
    expect((await pulled(m, 'check_ins')).get(id)).toMatchObject({ activityId: act.id, method: 'card' })
  })

  it('refuses a forged or tampered card and a revoked membership', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db)
    const m = await person(ctx)
    const membershipId = await makeMembership(ctx.db, { userId: m.user.id, orgId: 'cast-110108' })
    const card = (await m.a.get('/api/cards')).body.cards[0]
    const org = await admin(ctx, 'cast-110108')
    const [prefix, payload, sig, kid] = card.qr.split('.')
    const flipped = sig[0] === 'A' ? 'B' + sig.slice(1) : 'A' + sig.slice(1)
    expect(await checkIn(org, act.id, { card: `${prefix}.${payload}.${flipped}.${kid}` })).toMatchObject({ status: 'rejected', code: 'card_invalid' })
    expect(await checkIn(org, act.id, { card: 'SH1.not-a-card-at-all' })).toMatchObject({ status: 'rejected', code: 'card_invalid' })
    await ctx.db.updateTable('memberships').set({ status: 'left' }).where('id', '=', membershipId).execute()
    expect(await checkIn(org, act.id, { card: card.qr })).toMatchObject({ status: 'rejected', code: 'card_revoked' })
  })

  it('finds people by member number or phone; unknown ones need a walk-in name; walk-ins are recorded by name', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db)
    const m = await person(ctx)
    await makeMembership(ctx.db, { userId: m.user.id, orgId: 'society-1', memberNo: 'KX202600001234' })
    const p = await person(ctx)
    const org = await admin(ctx, 'cast-110108')
    expect(await checkIn(org, act.id, { memberNo: 'KX202600001234' })).toMatchObject({ status: 'applied', data: { userId: m.user.id, method: 'member_no' } })
    expect(await checkIn(org, act.id, { phone: p.user.phone })).toMatchObject({ status: 'applied', data: { userId: p.user.id, method: 'phone' } })
    expect(await checkIn(org, act.id, { memberNo: 'KX209900000000' })).toMatchObject({ status: 'rejected', code: 'member_not_found' })
    expect(await checkIn(org, act.id, { phone: '13700000000', name: '王阿姨' })).toMatchObject({ status: 'applied', data: { userId: null, name: '王阿姨', method: 'walk_in' } })
    expect(await checkIn(org, act.id, { name: '王阿姨' })).toMatchObject({ status: 'applied', data: { method: 'walk_in' } })
    const att = await org.a.get(`/api/activities/${act.id}/attendance`)
    expect(att.body).toMatchObject({ checkedIn: 4, registered: 0 })
  })

  it('refuses a member, an admin of another organisation, bad arguments and a cancelled activity', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db)
    const m = await person(ctx)
    expect(await checkIn(m, act.id, { phone: m.user.phone })).toMatchObject({ status: 'rejected', code: 'forbidden' })
    const chaoyang = await admin(ctx, 'cast-110105')
    expect(await checkIn(chaoyang, act.id, { phone: m.user.phone })).toMatchObject({ status: 'rejected', code: 'forbidden' })
    const org = await admin(ctx, 'cast-110108')
    expect(await checkIn(org, act.id, {})).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await checkIn(org, act.id, { phone: m.user.phone, memberNo: 'KX202600000001' })).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await checkIn(org, act.id, { phone: '12345' })).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await checkIn(org, randomUUID(), { phone: m.user.phone })).toMatchObject({ status: 'rejected', code: 'activity_not_found' })
    await ctx.db.updateTable('activities').set({ status: 'cancelled' }).where('id', '=', act.id).execute()
    expect(await checkIn(org, act.id, { phone: m.user.phone })).toMatchObject({ status: 'rejected', code: 'activity_cancelled' })
    expect(await ctx.db.selectFrom('check_ins').select('id').execute()).toHaveLength(0)
  })
})
