/**
 * A hub's kiosk over sync (issue 14): it pulls its hub, the activities and shifts at its hub and
 * nothing personal; it checks members in by card, member number or phone at its own hub only (never a
 * walk-in by name), its answers carry no user id, and it runs nothing else (not_for_devices) and no
 * admin route (401).
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { insertRegistration } from '../../server/db/activity-registration.repository'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import {
  STARTS_SOON,
  admin,
  beijingContext,
  makeActivity,
  makeHub,
  makeKiosk,
  makeMembership,
  makeService,
  makeShift,
  makeTeam,
  placeOnShift,
  teamPerson,
  type Kiosk,
} from './fixtures'

const SOON = { startsAt: '2026-11-28T08:30:00.000Z', endsAt: '2026-11-28T10:30:00.000Z' }

async function world() {
  const ctx = await beijingContext()
  const hub = await makeHub(ctx.db)
  const otherHub = await makeHub(ctx.db, { name: '海淀街道新时代文明实践所', regionCode: '110108011' })
  const atHub = await makeActivity(ctx.db, { ...STARTS_SOON, title: '阵地里的科普讲座' })
  const atOther = await makeActivity(ctx.db, { ...STARTS_SOON, title: '别的阵地的讲座' })
  const noHub = await makeActivity(ctx.db, { ...STARTS_SOON, title: '不在阵地的讲座' })
  await ctx.db.updateTable('activities').set({ hub_id: hub.id }).where('id', '=', atHub.id).execute()
  await ctx.db.updateTable('activities').set({ hub_id: otherHub.id }).where('id', '=', atOther.id).execute()

  const team = await makeTeam(ctx.db)
  const service = await makeService(ctx.db, { teamId: team.id, title: '阵地健康咨询' })
  const otherService = await makeService(ctx.db, { teamId: team.id, title: '别处的服务' })
  await ctx.db.updateTable('volunteer_services').set({ hub_id: hub.id }).where('id', '=', service.id).execute()
  await ctx.db.updateTable('volunteer_services').set({ hub_id: otherHub.id }).where('id', '=', otherService.id).execute()
  const shift = await makeShift(ctx.db, { ...SOON, serviceId: service.id, teamId: team.id })
  const otherShift = await makeShift(ctx.db, { ...SOON, serviceId: otherService.id, teamId: team.id })

  // a volunteer with a card, signed up for both shifts, with private rows everywhere
  const volunteer = await teamPerson(ctx, team.id, 'member')
  await ctx.db.updateTable('users').set({ name: '李思远' }).where('id', '=', volunteer.user.id).execute()
  const membershipId = await makeMembership(ctx.db, { userId: volunteer.user.id, orgId: 'cast-110108', memberNo: 'KX202600007777' })
  const signup = await placeOnShift(ctx.db, { shiftId: shift.id, teamId: team.id, userId: volunteer.user.id })
  await placeOnShift(ctx.db, { shiftId: otherShift.id, teamId: team.id, userId: volunteer.user.id })
  const card = (await volunteer.a.get('/api/cards')).body.cards[0] as { qr: string; name: string }
  expect(card).toBeTruthy()
  const registrationId = randomUUID()
  await ctx.db.transaction().execute((trx) =>
    insertRegistration(trx, {
      id: registrationId,
      activityId: atHub.id,
      userId: volunteer.user.id,
      status: 'registered',
      now: ctx.clock.now(),
    }),
  )

  // a registrant known by phone
  const registrant = await teamPerson(ctx, team.id, 'member')
  await ctx.db.updateTable('users').set({ name: '王小明' }).where('id', '=', registrant.user.id).execute()
  await ctx.db.transaction().execute((trx) =>
    insertRegistration(trx, {
      id: randomUUID(),
      activityId: atHub.id,
      userId: registrant.user.id,
      status: 'registered',
      now: ctx.clock.now(),
    }),
  )

  const kiosk = await makeKiosk(ctx, hub.id)
  return {
    ctx,
    hub,
    otherHub,
    kiosk,
    team,
    activities: { atHub, atOther, noHub },
    shifts: { shift, otherShift },
    volunteer,
    registrant,
    card,
    private: { membershipId, registrationId, signupId: signup.id },
  }
}

async function kioskPull(kiosk: Kiosk) {
  const changes: Array<{ table: string; id: string; op: string; row?: Record<string, unknown> }> = []
  let cursor = 0
  for (;;) {
    const res = await kiosk.agent.get(
      `/api/sync/pull?cursor=${cursor}&limit=3&clientId=${kiosk.clientId}&schemaVersion=${SYNC_SCHEMA_VERSION}`,
      kiosk.auth,
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    changes.push(...res.body.changes)
    cursor = res.body.cursor
    if (!res.body.hasMore) return changes
  }
}

const ids = (changes: Array<{ table: string; id: string }>, table: string) =>
  changes
    .filter((c) => c.table === table)
    .map((c) => c.id)
    .sort()

describe('a kiosk pulls its hub and nothing personal', () => {
  it('gets its hub, the activities and shifts at its hub, its organisation; no person’s rows, ids, names or phones', async () => {
    const w = await world()
    const changes = await kioskPull(w.kiosk)
    expect([...new Set(changes.map((c) => c.table))].sort()).toEqual(['activities', 'hubs', 'organizations', 'shifts'])
    expect(ids(changes, 'hubs')).toEqual([w.hub.id])
    expect(changes.find((c) => c.table === 'hubs')!.row).toMatchObject({ name: w.hub.name, address: w.hub.address, status: 'active' })
    expect(ids(changes, 'activities')).toEqual([w.activities.atHub.id])
    expect(ids(changes, 'shifts')).toEqual([w.shifts.shift.id])
    expect(changes.find((c) => c.table === 'shifts')!.row).toMatchObject({ serviceTitle: '阵地健康咨询' })

    const text = JSON.stringify(changes)
    for (const secret of [
      w.volunteer.user.id,
      w.registrant.user.id,
      '李思远',
      '王小明',
      w.volunteer.user.phone,
      w.registrant.user.phone,
      w.private.membershipId,
      w.private.registrationId,
      w.private.signupId,
      'KX202600007777',
    ])
      expect(text).not.toContain(secret)
    expect(text).not.toMatch(/1[3-9]\d{9}/)
  })

  it('hears of its hub’s edits, and of an activity moved to its hub', async () => {
    const w = await world()
    expect(ids(await kioskPull(w.kiosk), 'activities')).toEqual([w.activities.atHub.id])
    const county = await admin(w.ctx, 'cast-110108')
    await county.a.request('PATCH', `/api/admin/hubs/${w.hub.id}`, { openingHours: '每天 8:00–21:00' })
    await county.a.request('PATCH', `/api/activities/${w.activities.noHub.id}`, { hubId: w.hub.id })
    const all = await kioskPull(w.kiosk)
    const hubRows = all.filter((c) => c.table === 'hubs')
    expect(hubRows.at(-1)!.row).toMatchObject({ openingHours: '每天 8:00–21:00' })
    expect(ids(all, 'activities')).toEqual([w.activities.atHub.id, w.activities.noHub.id].sort())
  })
})

describe('a kiosk checks members in at its hub', () => {
  it('checks in to an activity by card once (answer: the printed name, no user id), a registrant by phone (name masked)', async () => {
    const w = await world()
    const checkInId = randomUUID()
    const first = await w.kiosk.mutate('activity.checkIn', { checkInId, activityId: w.activities.atHub.id, card: w.card.qr })
    expect(first, JSON.stringify(first)).toMatchObject({
      status: 'applied',
      data: { id: checkInId, userId: null, name: w.card.name, method: 'card' },
    })
    const again = await w.kiosk.mutate('activity.checkIn', { checkInId: randomUUID(), activityId: w.activities.atHub.id, card: w.card.qr })
    expect(again).toMatchObject({ status: 'rejected', code: 'already_checked_in' })

    const row = await w.ctx.db.selectFrom('check_ins').selectAll().where('id', '=', checkInId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ user_id: w.volunteer.user.id, method: 'card', checked_in_by: `device:${w.kiosk.id}` })

    const byPhone = await w.kiosk.mutate('activity.checkIn', {
      checkInId: randomUUID(),
      activityId: w.activities.atHub.id,
      phone: w.registrant.user.phone,
    })
    expect(byPhone).toMatchObject({ status: 'applied', data: { userId: null, name: '王*', method: 'phone' } })
    expect(JSON.stringify([first, byPhone])).not.toContain(w.registrant.user.id)
    expect(JSON.stringify([first, byPhone])).not.toContain(w.volunteer.user.id)

    const entries = await w.ctx.db.selectFrom('audit_log').selectAll().where('action', 'like', 'activity.check_in%').orderBy('id').execute()
    expect(entries.map((e) => [e.action, e.actor_id])).toEqual([
      ['activity.check_in', `device:${w.kiosk.id}`],
      ['activity.check_in_refused', `device:${w.kiosk.id}`],
      ['activity.check_in', `device:${w.kiosk.id}`],
    ])
  })

  it('refuses an activity at another hub or at none (not_at_hub), a walk-in name (invalid_args), a phone not on the list', async () => {
    const w = await world()
    const tryIn = (activityId: string, who: Record<string, string>) =>
      w.kiosk.mutate('activity.checkIn', { checkInId: randomUUID(), activityId, ...who })
    expect(await tryIn(w.activities.atOther.id, { card: w.card.qr })).toMatchObject({ status: 'rejected', code: 'not_at_hub' })
    expect(await tryIn(w.activities.noHub.id, { card: w.card.qr })).toMatchObject({ status: 'rejected', code: 'not_at_hub' })
    expect(await tryIn(w.activities.atHub.id, { name: '路过的人' })).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await tryIn(w.activities.atHub.id, { phone: '13700000001', name: '路过的人' })).toMatchObject({
      status: 'rejected',
      code: 'invalid_args',
    })
    expect(await tryIn(w.activities.atHub.id, { phone: '13700000001' })).toMatchObject({ status: 'rejected', code: 'not_on_list' })
    expect(await w.ctx.db.selectFrom('check_ins').select('id').execute()).toHaveLength(0)
  })

  it('checks in to a shift at its hub by card once (no user id in the answer); another hub’s shift is not_at_hub', async () => {
    const w = await world()
    const attend = (shiftId: string, who: Record<string, string>) =>
      w.kiosk.mutate('shift.attend', { attendId: randomUUID(), shiftId, direction: 'in', ...who })
    const first = await attend(w.shifts.shift.id, { card: w.card.qr })
    expect(first, JSON.stringify(first)).toMatchObject({
      status: 'applied',
      data: { shiftId: w.shifts.shift.id, name: w.card.name, direction: 'in' },
    })
    expect(JSON.stringify(first)).not.toContain(w.volunteer.user.id)
    expect(await attend(w.shifts.shift.id, { card: w.card.qr })).toMatchObject({ status: 'rejected', code: 'already_checked_in' })
    expect(await attend(w.shifts.otherShift.id, { card: w.card.qr })).toMatchObject({ status: 'rejected', code: 'not_at_hub' })
    expect(await attend(w.shifts.shift.id, { name: '路过的人' })).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await attend(w.shifts.shift.id, { signupId: w.private.signupId })).toMatchObject({ status: 'rejected', code: 'invalid_args' })

    const byNumber = await attend(w.shifts.shift.id, { phone: w.registrant.user.phone })
    // the registrant is an active member of the team: they come in as a walk-in of the team, named masked
    expect(byNumber).toMatchObject({ status: 'applied', data: { name: '王*' } })

    const signup = await w.ctx.db.selectFrom('shift_signups').selectAll().where('id', '=', w.private.signupId).executeTakeFirstOrThrow()
    expect(signup).toMatchObject({ check_in_method: 'card', checked_in_by: `device:${w.kiosk.id}`, hours_status: 'pending' })
    const entry = await w.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'volunteer.check_in')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    expect(entry.actor_id).toBe(`device:${w.kiosk.id}`)
  })

  it('an organisation-bound device (no hub) may not check in: not_at_hub', async () => {
    const w = await world()
    const county = await admin(w.ctx, 'cast-110108')
    const issued = await county.a.post('/api/admin/devices', { orgId: 'cast-110108', name: '旧平板' })
    const push = (name: string, args: unknown) =>
      w.ctx.agent().post(
        '/api/sync/push',
        {
          clientId: randomUUID(),
          schemaVersion: SYNC_SCHEMA_VERSION,
          mutations: [{ id: randomUUID(), name, args, createdAt: '2026-11-28T08:00:00.000Z' }],
        },
        { authorization: `Device ${issued.body.token}` },
      )
    const res = await push('activity.checkIn', { checkInId: randomUUID(), activityId: w.activities.atHub.id, card: w.card.qr })
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'not_at_hub' })
    const shift = await push('shift.attend', { attendId: randomUUID(), shiftId: w.shifts.shift.id, direction: 'in', card: w.card.qr })
    expect(shift.body.results[0]).toMatchObject({ status: 'rejected', code: 'not_at_hub' })
  })
})

describe('what a kiosk may not do', () => {
  it('runs no member mutation (not_for_devices)', async () => {
    const w = await world()
    expect(await w.kiosk.mutate('membership.apply', { membershipId: randomUUID(), orgId: 'cast-110108' })).toMatchObject({
      status: 'rejected',
      code: 'not_for_devices',
    })
    expect(await w.kiosk.mutate('team.join', { memberId: randomUUID(), teamId: w.team.id })).toMatchObject({
      status: 'rejected',
      code: 'not_for_devices',
    })
  })

  it('calls no admin or member REST route: 401', async () => {
    const w = await world()
    const a = w.kiosk.agent
    for (const path of ['/api/admin/hubs', `/api/admin/hubs/${w.hub.id}`, '/api/admin/activities', '/api/me', '/api/cards'])
      expect((await a.get(path, w.kiosk.auth)).status, path).toBe(401)
    expect((await a.post(`/api/admin/hubs/${w.hub.id}/enrolment-codes`, {}, w.kiosk.auth)).status).toBe(401)
    expect((await a.post('/api/admin/hubs', { orgId: 'cast-110108' }, w.kiosk.auth)).status).toBe(401)
    expect((await a.post(`/api/admin/devices/${w.kiosk.id}/revoke`, {}, w.kiosk.auth)).status).toBe(401)
  })
})
