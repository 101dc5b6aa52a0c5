/**
 * activity.checkIn over time and on the record (issue 10, must-fix 1): accepted only from the
 * organiser's set time before the start (default 2 h) until the end; every attempt audited, applied
 * or refused, whatever the method; credit hours only for a check-in inside that window.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { admin, beijingContext, checkIn, longSessionContext, makeActivity, makeMembership, person, register, STARTS_SOON } from './fixtures'

const HOUR = 3600_000

describe('the check-in window', () => {
  it('opens the set minutes before the start and closes at the end; nobody is looked up outside it', async () => {
    const ctx = await longSessionContext() // 08:00Z; the activity runs 11:00–13:00Z
    const act = await makeActivity(ctx.db, {
      startsAt: '2026-11-28T11:00:00.000Z',
      endsAt: '2026-11-28T13:00:00.000Z',
      closesAt: '2026-11-28T11:00:00.000Z',
    })
    const m = await person(ctx, { name: '冯早到' })
    await register(m, act.id)
    const org = await admin(ctx, 'cast-110108')
    const early = await checkIn(org, act.id, { phone: m.user.phone })
    expect(early).toMatchObject({ status: 'rejected', code: 'check_in_not_open' })
    expect((early as { message?: string }).message).toContain('2026-11-28T09:00:00.000Z')
    expect(JSON.stringify(early)).not.toContain('冯早到')
    ctx.clock.advance(HOUR) // 09:00: exactly two hours before
    expect(await checkIn(org, act.id, { name: '陈提前' })).toMatchObject({ status: 'applied' })
    ctx.clock.advance(4 * HOUR) // 13:00: the end itself still counts
    expect(await checkIn(org, act.id, { phone: m.user.phone })).toMatchObject({ status: 'applied', data: { name: '冯早到' } })
    ctx.clock.advance(1000)
    expect(await checkIn(org, act.id, { name: '褚迟到' })).toMatchObject({ status: 'rejected', code: 'check_in_closed' })
    expect(await ctx.db.selectFrom('check_ins').select('id').execute()).toHaveLength(2)
  })

  it('is the organiser’s to set (0–1440 minutes), on publish and edit', async () => {
    const ctx = await beijingContext()
    const org = await admin(ctx, 'cast-110108')
    const input = {
      orgId: 'cast-110108',
      kind: 'academic',
      title: '量子信息科学讲座',
      venueAddress: '海淀区科技馆',
      startsAt: '2026-11-28T08:30:00Z',
      endsAt: '2026-11-28T10:00:00Z',
      registrationOpensAt: '2026-11-27T00:00:00Z',
      registrationClosesAt: '2026-11-28T08:30:00Z',
      capacity: 20,
    }
    const plain = await org.a.post('/api/activities', input)
    expect(plain.body.checkInOpensMinutesBefore).toBe(120)
    const created = await org.a.post('/api/activities', { ...input, checkInOpensMinutesBefore: 0 })
    expect(created.status).toBe(201)
    expect(created.body.checkInOpensMinutesBefore).toBe(0)
    expect(await checkIn(org, created.body.id, { name: '蒋准时' })).toMatchObject({ status: 'rejected', code: 'check_in_not_open' })
    const edited = await org.a.request('PATCH', `/api/activities/${created.body.id}`, { checkInOpensMinutesBefore: 45 })
    expect(edited.body.checkInOpensMinutesBefore).toBe(45)
    expect(await checkIn(org, created.body.id, { name: '蒋准时' })).toMatchObject({ status: 'applied' })
    for (const bad of [-1, 1441, 12.5, '60']) {
      const res = await org.a.request('PATCH', `/api/activities/${created.body.id}`, { checkInOpensMinutesBefore: bad })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBeTruthy()
    }
    const pulled = await ctx.db
      .selectFrom('activities')
      .select('check_in_opens_minutes_before')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow()
    expect(pulled.check_in_opens_minutes_before).toBe(45)
  })
})

describe('the audit of check-ins', () => {
  it('records every attempt through sync push, applied or refused, by any method, once, without phones', async () => {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, STARTS_SOON)
    const m = await person(ctx)
    await makeMembership(ctx.db, { userId: m.user.id, orgId: 'cast-110108', memberNo: 'KX202600004321' })
    await register(m, act.id)
    const stranger = await person(ctx)
    const org = await admin(ctx, 'cast-110108')
    const attempts = [
      { memberNo: 'KX202600004321' }, // applied
      { phone: m.user.phone }, // already checked in
      { phone: stranger.user.phone }, // not on the list
      { card: 'SH1.not-a-card-at-all' }, // invalid card
      { name: '卫现场' }, // applied walk-in
    ]
    const mutations = attempts.map((who) => ({
      id: randomUUID(),
      name: 'activity.checkIn',
      args: { checkInId: randomUUID(), activityId: act.id, ...who },
      createdAt: new Date().toISOString(),
    }))
    const clientId = randomUUID()
    const push = () => org.a.post('/api/sync/push', { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations })
    const first = await push()
    expect(first.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'applied',
      'already_checked_in',
      'not_on_list',
      'card_invalid',
      'applied',
    ])
    await push() // a replayed push is answered from the record: no second audit entry
    // another organisation's admin is refused, and that is on the record too
    await checkIn(await admin(ctx, 'cast-110105'), act.id, { phone: stranger.user.phone })

    const rows = await ctx.db.selectFrom('audit_log').selectAll().where('action', 'like', 'activity.check_in%').orderBy('id').execute()
    const summary = rows.map((r) => [r.action, JSON.parse(r.detail ?? '{}').method, JSON.parse(r.detail ?? '{}').code ?? null])
    expect(summary).toEqual([
      ['activity.check_in', 'member_no', null],
      ['activity.check_in_refused', 'phone', 'already_checked_in'],
      ['activity.check_in_refused', 'phone', 'not_on_list'],
      ['activity.check_in_refused', 'card', 'card_invalid'],
      ['activity.check_in', 'walk_in', null],
      ['activity.check_in_refused', 'phone', 'forbidden'],
    ])
    for (const r of rows) {
      expect(r).toMatchObject({ target: act.id, org_id: 'cast-110108' })
      for (const secret of [m.user.phone, stranger.user.phone, stranger.user.id, 'KX202600004321']) expect(r.detail).not.toContain(secret)
    }
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ subject: m.user.id, checkInId: mutations[0]!.args.checkInId })
    expect(rows.slice(0, 5).every((r) => r.actor_id === org.user.id)).toBe(true)
    // system admins read them through the audit log
    const sys = await person(ctx, { systemRole: 'system_admin' })
    const listed = await sys.a.get('/api/admin/audit?action=activity.check_in_refused')
    expect(listed.body.total).toBe(4)
  })
})

describe('credit hours', () => {
  it('count only check-ins inside the window, in 我的活动 and in the export', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const now = await makeActivity(ctx.db, { ...STARTS_SOON, title: '正在进行', creditHours: 2 })
    const old = await makeActivity(ctx.db, {
      title: '早先的记录',
      creditHours: 3,
      startsAt: '2026-11-20T06:00:00.000Z',
      endsAt: '2026-11-20T08:00:00.000Z',
      opensAt: '2026-11-01T00:00:00.000Z',
      closesAt: '2026-11-20T06:00:00.000Z',
    })
    await register(p, now.id)
    const org = await admin(ctx, 'cast-110108')
    expect(await checkIn(org, now.id, { phone: p.user.phone })).toMatchObject({ status: 'applied' })
    // a check-in recorded before the window existed, a day before that activity: attendance, no hours
    await ctx.db
      .insertInto('check_ins')
      .values({
        id: randomUUID(),
        activity_id: old.id,
        user_id: p.user.id,
        walk_in_name: null,
        method: 'phone',
        checked_in_by: org.user.id,
        at: '2026-11-19T06:00:00.000Z',
        version: 1,
      })
      .execute()
    const mine = await p.a.get('/api/me/activities')
    expect(mine.body.attended.map((i: { activity: { title: string } }) => i.activity.title).sort()).toEqual(
      ['早先的记录', '正在进行'].sort(),
    )
    expect(mine.body.attendedHours).toBe(2)
    const exported = await p.a.get('/api/me/export')
    const hours = Object.fromEntries(
      exported.body.sections.activityCheckIns.map((c: { activityTitle: string; creditHours: number }) => [c.activityTitle, c.creditHours]),
    )
    expect(hours).toEqual({ 正在进行: 2, 早先的记录: 0 })
  })
})
