/** Deleting an account frees the person's upcoming places (the waitlist moves up); export includes activities. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { admin, beijingContext, checkIn, makeActivity, person, register, STARTS_SOON } from './fixtures'

describe('activities and the account', () => {
  it('export lists registrations and check-ins; delete cancels upcoming places, promotes the waitlist, keeps attendance', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { ...STARTS_SOON, capacity: 1, title: '只有一个名额' })
    const leaver = await person(ctx)
    const next = await person(ctx)
    const ownId = randomUUID()
    const nextId = randomUUID()
    await register(leaver, act.id, ownId)
    await register(next, act.id, nextId)
    const org = await admin(ctx, 'cast-110108')
    expect(await checkIn(org, act.id, { phone: leaver.user.phone })).toMatchObject({ status: 'applied' })
    await leaver.a.post('/api/me/calendar-token')

    const exported = await leaver.a.get('/api/me/export')
    expect(exported.status).toBe(200)
    expect(exported.body.sections.activityRegistrations).toMatchObject([{ id: ownId, activityTitle: '只有一个名额', status: 'registered' }])
    expect(exported.body.sections.activityCheckIns).toMatchObject([{ activityId: act.id, method: 'phone' }])

    const del = await leaver.a.post('/api/me/delete', { password: leaver.user.password })
    expect(del.status).toBe(200)
    const regs = await ctx.db.selectFrom('registrations').select(['id', 'status']).where('activity_id', '=', act.id).execute()
    expect(Object.fromEntries(regs.map((r) => [r.id, r.status]))).toEqual({ [ownId]: 'cancelled', [nextId]: 'registered' })
    expect(await ctx.db.selectFrom('check_ins').select('id').execute()).toHaveLength(1)
    expect(await ctx.db.selectFrom('calendar_tokens').select('user_id').execute()).toHaveLength(0)
    const tombs = await ctx.db.selectFrom('tombstones').select('table_name').where('user_id', '=', leaver.user.id).execute()
    expect(tombs.map((t) => t.table_name)).toEqual(expect.arrayContaining(['registrations', 'check_ins']))
  })
})
