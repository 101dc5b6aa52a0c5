/**
 * Capacity and the waitlist under contention: 500 people push activity.register at once (Promise.all
 * of app.request on ONE in-memory database) for 100 places. Exactly 100 get a place, 400 wait in
 * server processing order (the order their results were recorded), nobody twice; cancellations
 * promote the head of the waitlist.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { beijingContext, cancel, makeActivity, person, pulled, register } from './fixtures'

describe('500 concurrent registrations for 100 places', () => {
  it('end with exactly 100 registered and 400 waitlisted FIFO; cancellations promote the head', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { capacity: 100 })
    const people = []
    for (let i = 0; i < 500; i++) people.push(await person(ctx))
    const regIds: string[] = people.map(() => randomUUID())

    const results = await Promise.all(people.map((p, i) => register(p, act.id, regIds[i])))
    expect(results.every((r) => r.status === 'applied')).toBe(true)

    const regs = await ctx.db.selectFrom('registrations').selectAll().where('activity_id', '=', act.id).orderBy('seq').execute()
    expect(regs).toHaveLength(500)
    expect(new Set(regs.map((r) => r.user_id)).size).toBe(500)
    expect(regs.filter((r) => r.status === 'registered')).toHaveLength(100)
    expect(regs.filter((r) => r.status === 'waitlisted')).toHaveLength(400)
    const activity = await ctx.db.selectFrom('activities').select('places_taken').where('id', '=', act.id).executeTakeFirstOrThrow()
    expect(activity.places_taken).toBe(100)

    // Arrival order = the order the server processed (and recorded) the mutations, read independently
    // from the idempotency records; the first 100 processed got the places, the rest queue in that order.
    const processed = await ctx.db
      .selectFrom('sync_mutations')
      .select(['user_id', 'version'])
      .where('name', '=', 'activity.register')
      .orderBy('version')
      .execute()
    expect(processed.map((m) => m.user_id)).toEqual(regs.map((r) => r.user_id))
    expect(regs.slice(0, 100).every((r) => r.status === 'registered')).toBe(true)
    expect(regs.slice(100).every((r) => r.status === 'waitlisted')).toBe(true)
    // each waitlisted person was told their place in the queue, 1…400 in processing order
    const positionByReg = new Map(results.map((r, i) => [regIds[i], r.data.waitlistPosition as number | null]))
    expect(regs.slice(100).map((r) => positionByReg.get(r.id))).toEqual(Array.from({ length: 400 }, (_, i) => i + 1))

    // Three people with places cancel: the first three in the waitlist are promoted, in order.
    const byReg = new Map(people.map((p, i) => [regIds[i]!, p]))
    for (const r of [regs[5]!, regs[50]!, regs[99]!]) expect(await cancel(byReg.get(r.id)!, r.id)).toMatchObject({ status: 'applied' })
    const after = await ctx.db
      .selectFrom('registrations')
      .select(['id', 'status'])
      .where('activity_id', '=', act.id)
      .orderBy('seq')
      .execute()
    expect(after.slice(100, 103).map((r) => r.status)).toEqual(['registered', 'registered', 'registered'])
    expect(after[103]!.status).toBe('waitlisted')
    expect(after.filter((r) => r.status === 'registered')).toHaveLength(100)
    // the promoted person learns it through their next pull
    const head = byReg.get(regs[100]!.id)!
    expect((await pulled(head, 'registrations')).get(regs[100]!.id)).toMatchObject({ status: 'registered' })
    const next = byReg.get(regs[103]!.id)!
    expect((await pulled(next, 'registrations')).get(regs[103]!.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
  }, 60_000)

  it('one person on two devices at once gets one live registration', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { capacity: 5 })
    const p = await person(ctx)
    const push = (clientId: string) =>
      p.a.post('/api/sync/push', {
        clientId,
        schemaVersion: SYNC_SCHEMA_VERSION,
        mutations: [
          {
            id: randomUUID(),
            name: 'activity.register',
            args: { registrationId: randomUUID(), activityId: act.id },
            createdAt: new Date().toISOString(),
          },
        ],
      })
    const answers = await Promise.all(Array.from({ length: 8 }, () => push(randomUUID())))
    const statuses = answers.map((a) => a.body.results[0].status)
    expect(statuses.filter((s) => s === 'applied')).toHaveLength(1)
    expect(answers.filter((a) => a.body.results[0].code === 'already_registered')).toHaveLength(7)
    const live = await ctx.db.selectFrom('registrations').select('id').where('activity_id', '=', act.id).execute()
    expect(live).toHaveLength(1)
  })
})
