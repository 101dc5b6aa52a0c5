/**
 * activity.checkIn: organisers only; by card QR (verified with the server's keys), member number or
 * phone — but a phone or number finds only people on the activity's list (registered, waitlisted,
 * awaiting approval, or already checked in there); anyone else is a walk-in by name, and no answer
 * carries a stranger's name or id (issue 10, must-fix 1). A person is checked in once.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { admin, beijingContext, cancel, checkIn, makeActivity, makeMembership, person, pulled, register, STARTS_SOON } from './fixtures'

describe('activity.checkIn', () => {
  it('checks a registrant in by card QR once; a second try is refused with the first time and no name', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, STARTS_SOON)
    const m = await person(ctx, { name: '李思远' })
    await makeMembership(ctx.db, { userId: m.user.id, orgId: 'cast-110108' })
    await register(m, act.id)
    const card = (await m.a.get('/api/cards')).body.cards[0]
    const org = await admin(ctx, 'cast-110108')
    const id = randomUUID()
    const first = await checkIn(org, act.id, { card: card.qr }, id)
    expect(first).toMatchObject({
      status: 'applied',
      data: { id, userId: m.user.id, name: '李思远', method: 'card', at: ctx.clock.now().toISOString() },
    })
    ctx.clock.advance(60_000)
    const second = await checkIn(org, act.id, { phone: m.user.phone })
    expect(second.status).toBe('rejected')
    expect(second.code).toBe('already_checked_in')
    expect((second as { message?: string }).message).toContain(first.data.at)
    expect((second as { message?: string }).message).not.toContain('李思远')
    expect(await ctx.db.selectFrom('check_ins').select('id').execute()).toHaveLength(1)
    // the person sees their own check-in on their next pull
    expect((await pulled(m, 'check_ins')).get(id)).toMatchObject({ activityId: act.id, method: 'card' })
  })

  it('refuses a forged or tampered card and a revoked membership', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, STARTS_SOON)
    const m = await person(ctx)
    const membershipId = await makeMembership(ctx.db, { userId: m.user.id, orgId: 'cast-110108' })
    const card = (await m.a.get('/api/cards')).body.cards[0]
    const org = await admin(ctx, 'cast-110108')
    const [prefix, payload, sig, kid] = card.qr.split('.')
    const flipped = sig[0] === 'A' ? 'B' + sig.slice(1) : 'A' + sig.slice(1)
    expect(await checkIn(org, act.id, { card: `${prefix}.${payload}.${flipped}.${kid}` })).toMatchObject({
      status: 'rejected',
      code: 'card_invalid',
    })
    expect(await checkIn(org, act.id, { card: 'SH1.not-a-card-at-all' })).toMatchObject({ status: 'rejected', code: 'card_invalid' })
    await ctx.db.updateTable('memberships').set({ status: 'left' }).where('id', '=', membershipId).execute()
    expect(await checkIn(org, act.id, { card: card.qr })).toMatchObject({ status: 'rejected', code: 'card_revoked' })
  })

  it('finds registered, waitlisted and awaiting-approval people by number or phone', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { ...STARTS_SOON, capacity: 1 })
    const approval = await makeActivity(ctx.db, { ...STARTS_SOON, requiresApproval: true })
    const r = await person(ctx, { name: '赵报名' })
    await makeMembership(ctx.db, { userId: r.user.id, orgId: 'society-1', memberNo: 'KX202600001234' })
    const w = await person(ctx, { name: '钱候补' })
    const p = await person(ctx, { name: '孙待审' })
    await register(r, act.id)
    expect((await register(w, act.id)).data.status).toBe('waitlisted')
    expect((await register(p, approval.id)).data.status).toBe('pending_approval')
    const org = await admin(ctx, 'cast-110108')
    expect(await checkIn(org, act.id, { memberNo: 'KX202600001234' })).toMatchObject({
      status: 'applied',
      data: { userId: r.user.id, name: '赵报名', method: 'member_no' },
    })
    expect(await checkIn(org, act.id, { phone: w.user.phone })).toMatchObject({
      status: 'applied',
      data: { userId: w.user.id, name: '钱候补', method: 'phone' },
    })
    expect(await checkIn(org, approval.id, { phone: p.user.phone })).toMatchObject({
      status: 'applied',
      data: { userId: p.user.id, method: 'phone' },
    })
    // with a name too, a listed phone is still that person (the typed name is only for walk-ins)
    expect(await checkIn(org, approval.id, { phone: p.user.phone, name: '别人' })).toMatchObject({
      status: 'rejected',
      code: 'already_checked_in',
    })
  })

  it('a stranger’s phone or number answers exactly like nobody’s: no name, no id; then a walk-in by name', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, STARTS_SOON)
    const stranger = await person(ctx, { name: '周陌生' })
    await makeMembership(ctx.db, { userId: stranger.user.id, orgId: 'cast-110108', memberNo: 'KX202600005555' })
    const dropped = await person(ctx, { name: '吴取消' })
    const regId = randomUUID()
    await register(dropped, act.id, regId)
    await cancel(dropped, regId)
    const org = await admin(ctx, 'cast-110108')

    const byPhone = await checkIn(org, act.id, { phone: stranger.user.phone })
    const byNumber = await checkIn(org, act.id, { memberNo: 'KX202600005555' })
    const nobodyPhone = await checkIn(org, act.id, { phone: '13700000000' })
    const nobodyNumber = await checkIn(org, act.id, { memberNo: 'KX209900000000' })
    const cancelled = await checkIn(org, act.id, { phone: dropped.user.phone })
    const answers = [byPhone, byNumber, nobodyPhone, nobodyNumber, cancelled]
    for (const a of answers) expect(a).toMatchObject({ status: 'rejected', code: 'not_on_list' })
    const strip = ({ status, code, message, data }: { status: string; code?: string; message?: string; data?: unknown }) => ({
      status,
      code,
      message,
      data,
    })
    expect(strip(byPhone)).toEqual(strip(nobodyPhone))
    expect(strip(byNumber)).toEqual(strip(nobodyNumber))
    const said = JSON.stringify(answers)
    for (const secret of ['周陌生', stranger.user.id, '吴取消', dropped.user.id]) expect(said).not.toContain(secret)

    // the desk then records the person by the name they give: nobody's record is linked or revealed
    const walkIn = await checkIn(org, act.id, { phone: stranger.user.phone, name: '王阿姨' })
    expect(walkIn).toMatchObject({ status: 'applied', data: { userId: null, name: '王阿姨', method: 'walk_in' } })
    expect(JSON.stringify(walkIn)).not.toContain('周陌生')
    expect(await checkIn(org, act.id, { name: '王阿姨' })).toMatchObject({ status: 'applied', data: { method: 'walk_in' } })
    const rows = await ctx.db.selectFrom('check_ins').select(['user_id', 'walk_in_name']).execute()
    expect(rows).toEqual([
      { user_id: null, walk_in_name: '王阿姨' },
      { user_id: null, walk_in_name: '王阿姨' },
    ])
    const att = await org.a.get(`/api/activities/${act.id}/attendance`)
    expect(att.body).toMatchObject({ checkedIn: 2, registered: 0 })
    expect(JSON.stringify(att.body)).not.toContain('周陌生')
  })

  it('a push of sequential member numbers names nobody but the one registrant (the probe the attack used)', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, STARTS_SOON)
    const numbers = Array.from({ length: 40 }, (_, i) => `KX2026${String(7000 + i).padStart(8, '0')}`)
    const names = numbers.map((_, i) => `会员${String.fromCharCode(0x4e00 + i)}`)
    const people = []
    for (const [i, memberNo] of numbers.entries()) {
      const p = await person(ctx, { name: names[i] })
      await makeMembership(ctx.db, { userId: p.user.id, orgId: 'cast-110108', memberNo })
      people.push(p)
    }
    await register(people[7]!, act.id)
    const org = await admin(ctx, 'cast-110108')
    const res = await org.a.post('/api/sync/push', {
      clientId: randomUUID(),
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: numbers.map((memberNo) => ({
        id: randomUUID(),
        name: 'activity.checkIn',
        args: { checkInId: randomUUID(), activityId: act.id, memberNo },
        createdAt: new Date().toISOString(),
      })),
    })
    expect(res.status).toBe(200)
    const results = res.body.results as Array<{ status: string; code?: string }>
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(1)
    expect(results.filter((r) => r.code === 'not_on_list')).toHaveLength(39)
    const body = JSON.stringify(res.body)
    people.forEach((p, i) => {
      if (i === 7) return
      expect(body).not.toContain(names[i])
      expect(body).not.toContain(p.user.id)
    })
  })

  it('a valid card of someone not on the list checks its holder in, answering only the name on the card', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, STARTS_SOON)
    const holder = await person(ctx, { name: '郑持卡' })
    await makeMembership(ctx.db, { userId: holder.user.id, orgId: 'cast-110108' })
    const card = (await holder.a.get('/api/cards')).body.cards[0]
    const org = await admin(ctx, 'cast-110108')
    const res = await checkIn(org, act.id, { card: card.qr })
    expect(res).toMatchObject({ status: 'applied', data: { userId: null, name: card.name, method: 'card' } })
    expect(JSON.stringify(res)).not.toContain(holder.user.id)
    // the attendance and the hours are the holder's own
    const row = await ctx.db.selectFrom('check_ins').select(['user_id', 'method']).executeTakeFirstOrThrow()
    expect(row).toEqual({ user_id: holder.user.id, method: 'card' })
    // now on the list (checked in here): the same person again is "already checked in", still without a name
    const again = await checkIn(org, act.id, { phone: holder.user.phone })
    expect(again).toMatchObject({ status: 'rejected', code: 'already_checked_in' })
    expect(JSON.stringify(again)).not.toContain('郑持卡')
  })

  it('refuses a member, an admin of another organisation, bad arguments and a cancelled activity', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, STARTS_SOON)
    const m = await person(ctx)
    await register(m, act.id)
    expect(await checkIn(m, act.id, { phone: m.user.phone })).toMatchObject({ status: 'rejected', code: 'forbidden' })
    const chaoyang = await admin(ctx, 'cast-110105')
    expect(await checkIn(chaoyang, act.id, { phone: m.user.phone })).toMatchObject({ status: 'rejected', code: 'forbidden' })
    const org = await admin(ctx, 'cast-110108')
    expect(await checkIn(org, act.id, {})).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await checkIn(org, act.id, { phone: m.user.phone, memberNo: 'KX202600000001' })).toMatchObject({
      status: 'rejected',
      code: 'invalid_args',
    })
    expect(await checkIn(org, act.id, { phone: '12345' })).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await checkIn(org, randomUUID(), { phone: m.user.phone })).toMatchObject({ status: 'rejected', code: 'activity_not_found' })
    await ctx.db.updateTable('activities').set({ status: 'cancelled' }).where('id', '=', act.id).execute()
    expect(await checkIn(org, act.id, { phone: m.user.phone })).toMatchObject({ status: 'rejected', code: 'activity_cancelled' })
    expect(await ctx.db.selectFrom('check_ins').select('id').execute()).toHaveLength(0)
  })
})
