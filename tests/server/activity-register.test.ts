/** activity.register / activity.cancel through the sync engine: window, audience, duplicates, waitlist, promotion. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { admin, beijingContext, cancel, longSessionContext, makeActivity, makeMembership, person, pulled, register } from './fixtures'

describe('activity.register', () => {
  it('gives a place while places are free, then the waitlist; placesLeft follows', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { capacity: 1 })
    const [a, b] = [await person(ctx), await person(ctx)]
    const ra = await register(a, act.id)
    expect(ra).toMatchObject({ status: 'applied', data: { status: 'registered', waitlistPosition: null } })
    const rb = await register(b, act.id)
    expect(rb).toMatchObject({ status: 'applied', data: { status: 'waitlisted', waitlistPosition: 1 } })
    const detail = await b.a.get(`/api/activities/${act.id}`)
    expect(detail.body).toMatchObject({ placesLeft: 0, placesTaken: 1, waitlistCount: 1, myRegistration: { status: 'waitlisted' } })
  })

  it('refuses outside the window, for a cancelled activity, for non-members of a members-only activity, and twice', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const early = await makeActivity(ctx.db, { opensAt: '2026-12-01T00:00:00.000Z' })
    const late = await makeActivity(ctx.db, { closesAt: '2026-11-28T07:59:59.000Z' })
    const gone = await makeActivity(ctx.db, { status: 'cancelled' })
    const members = await makeActivity(ctx.db, { audience: 'members', orgId: 'cast-110108' })
    expect(await register(p, early.id)).toMatchObject({ status: 'rejected', code: 'registration_not_open' })
    expect(await register(p, late.id)).toMatchObject({ status: 'rejected', code: 'registration_closed' })
    expect(await register(p, gone.id)).toMatchObject({ status: 'rejected', code: 'activity_cancelled' })
    expect(await register(p, members.id)).toMatchObject({ status: 'rejected', code: 'members_only' })
    expect(await register(p, randomUUID())).toMatchObject({ status: 'rejected', code: 'activity_not_found' })
    // a member of a township under 海淀 counts as a member for 海淀区科协's members-only activity
    await makeMembership(ctx.db, { userId: p.user.id, orgId: 'cast-110108010' })
    expect(await register(p, members.id)).toMatchObject({ status: 'applied', data: { status: 'registered' } })
    expect(await register(p, members.id)).toMatchObject({ status: 'rejected', code: 'already_registered' })
    const rows = await ctx.db.selectFrom('registrations').selectAll().where('activity_id', '=', members.id).execute()
    expect(rows).toHaveLength(1)
  })

  it('closes when the registration window closes (clock moves on)', async () => {
    const ctx = await longSessionContext()
    const p = await person(ctx)
    const act = await makeActivity(ctx.db, { closesAt: '2026-11-28T09:00:00.000Z' })
    ctx.clock.advance(3600_000)
    expect(await register(p, act.id)).toMatchObject({ status: 'rejected', code: 'registration_closed' })
  })

  it('rejects bad arguments as invalid_args without wedging the queue', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    expect(await p.mutate('activity.register', { registrationId: 'nope', activityId: randomUUID() })).toMatchObject({
      status: 'rejected',
      code: 'invalid_args',
    })
    expect(await p.mutate('activity.register', { registrationId: randomUUID(), activityId: randomUUID(), extra: 1 })).toMatchObject({
      status: 'rejected',
      code: 'invalid_args',
    })
    expect(await p.mutate('activity.cancel', {})).toMatchObject({ status: 'rejected', code: 'invalid_args' })
  })

  it('holds a place as pending_approval when the organiser approves registrations', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { capacity: 1, requiresApproval: true })
    expect(await register(await person(ctx), act.id)).toMatchObject({ data: { status: 'pending_approval' } })
    expect(await register(await person(ctx), act.id)).toMatchObject({ data: { status: 'waitlisted' } })
  })
})

describe('activity.cancel', () => {
  it('frees the place for the head of the waitlist in the same transaction; the promoted person sees it on pull', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { capacity: 1 })
    const [a, b, c] = [await person(ctx), await person(ctx), await person(ctx)]
    const ida = randomUUID()
    const idb = randomUUID()
    const idc = randomUUID()
    await register(a, act.id, ida)
    await register(b, act.id, idb)
    await register(c, act.id, idc)
    const before = await pulled(b, 'registrations')
    expect(before.get(idb)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect(await cancel(a, ida)).toMatchObject({ status: 'applied', data: { status: 'cancelled' } })
    const after = await pulled(b, 'registrations')
    expect(after.get(idb)).toMatchObject({ status: 'registered' })
    expect(Number(after.get(idb)!.version)).toBeGreaterThan(Number(before.get(idb)!.version))
    expect((await pulled(c, 'registrations')).get(idc)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const row = await ctx.db.selectFrom('activities').select('places_taken').where('id', '=', act.id).executeTakeFirstOrThrow()
    expect(row.places_taken).toBe(1)
    // cancelling a waitlisted place promotes nobody and leaves the count alone
    expect(await cancel(c, idc)).toMatchObject({ status: 'applied', data: { status: 'cancelled' } })
    expect(
      (await ctx.db.selectFrom('activities').select('places_taken').where('id', '=', act.id).executeTakeFirstOrThrow()).places_taken,
    ).toBe(1)
  })

  it("refuses twice, someone else's registration, and after the start", async () => {
    const ctx = await longSessionContext()
    const act = await makeActivity(ctx.db, {
      startsAt: '2026-11-28T10:00:00.000Z',
      endsAt: '2026-11-28T12:00:00.000Z',
      closesAt: '2026-11-28T09:00:00.000Z',
    })
    const [a, b] = [await person(ctx), await person(ctx)]
    const id = randomUUID()
    await register(a, act.id, id)
    expect(await cancel(b, id)).toMatchObject({ status: 'rejected', code: 'not_found' })
    ctx.clock.advance(3 * 3600_000)
    expect(await cancel(a, id)).toMatchObject({ status: 'rejected', code: 'activity_started' })
    const other = await makeActivity(ctx.db)
    const id2 = randomUUID()
    await register(a, other.id, id2)
    expect(await cancel(a, id2)).toMatchObject({ status: 'applied' })
    expect(await cancel(a, id2)).toMatchObject({ status: 'rejected', code: 'not_live' })
  })
})

describe('approval by the organiser', () => {
  it('approve keeps the place; reject frees it for the waitlist; only the organiser, only when pending', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { capacity: 1, requiresApproval: true })
    const [a, b] = [await person(ctx), await person(ctx)]
    const ida = randomUUID()
    const idb = randomUUID()
    await register(a, act.id, ida)
    await register(b, act.id, idb)
    const url = (reg: string, d: string) => `/api/activities/${act.id}/registrations/${reg}/${d}`
    expect((await a.a.post(url(ida, 'approve'))).status).toBe(403)
    await makeMembership(ctx.db, { userId: b.user.id, orgId: 'cast-110105', role: 'admin' }) // admin elsewhere
    expect((await b.a.post(url(ida, 'approve'))).status).toBe(403)
    const org = await admin(ctx, 'cast-110108')
    expect((await org.a.post(url('bad', 'approve'))).status).toBe(400)
    expect((await org.a.post(url(randomUUID(), 'approve'))).status).toBe(404)
    expect((await org.a.post(url(idb, 'approve'))).body.error.code).toBe('not_pending') // b is waitlisted
    const rejected = await org.a.post(url(ida, 'reject'))
    expect(rejected).toMatchObject({
      status: 200,
      body: { registration: { status: 'rejected' }, promoted: 1, activity: { placesTaken: 1 } },
    })
    // b was promoted into pending_approval (the organiser still approves), then approved
    expect((await pulled(b, 'registrations')).get(idb)).toMatchObject({ status: 'pending_approval' })
    expect((await org.a.post(url(idb, 'approve'))).body).toMatchObject({ registration: { status: 'registered' }, promoted: 0 })
    expect((await org.a.post(url(idb, 'approve'))).status).toBe(409)
  })
})
