/**
 * Volunteer hours for leaders, through the API: no-shows, bulk approval (only the team's pending
 * hours), corrections with a reason (audited with the old and new minutes), the hours list, the
 * no-show board, the records CSV (national fields, approved only, phones masked, no ID-card
 * numbers), the signed certificate (verifies offline; a tampered one fails), the account export and
 * deletion — and the scope: a leader of team A is refused on team B on every route.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyCertificate } from '../../shared/rules/volunteer-certificate'
import { attend, longSessionContext, makeTeamWithShift, placeOnShift, teamPerson } from './fixtures'

async function world() {
  const ctx = await longSessionContext()
  const a = await makeTeamWithShift(ctx.db)
  const b = await makeTeamWithShift(ctx.db)
  await ctx.db.updateTable('volunteer_teams').set({ name: '东城区健康志愿服务队' }).where('id', '=', b.team.id).execute()
  const leaderA = await teamPerson(ctx, a.team.id, 'leader')
  await ctx.db.updateTable('users').set({ name: '王队长' }).where('id', '=', leaderA.user.id).execute()
  const leaderB = await teamPerson(ctx, b.team.id, 'leader')
  const on = async (t: typeof a, name: string) => {
    const v = await teamPerson(ctx, t.team.id, 'member')
    await ctx.db.updateTable('users').set({ name }).where('id', '=', v.user.id).execute()
    const signup = await placeOnShift(ctx.db, { shiftId: t.shift.id, teamId: t.team.id, userId: v.user.id })
    return { ...v, signup }
  }
  const signup = (id: string) => ctx.db.selectFrom('shift_signups').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  return { ctx, a, b, leaderA, leaderB, on, signup }
}

/** Both shifts (same times) attended: A's came and went, B's came. */
async function attended() {
  const w = await world()
  const came = await w.on(w.a, '张志愿')
  const left = await w.on(w.a, '李早退')
  const absent = await w.on(w.a, '赵缺席')
  const bPerson = await w.on(w.b, '钱乙队')
  w.ctx.clock.current = new Date('2026-12-01T00:50:00.000Z')
  for (const v of [came, left]) expect((await attend(w.leaderA, w.a.shift.id, { signupId: v.signup.id })).status).toBe('applied')
  expect((await attend(w.leaderB, w.b.shift.id, { signupId: bPerson.signup.id })).status).toBe('applied')
  w.ctx.clock.current = new Date('2026-12-01T02:00:00.000Z')
  expect((await attend(w.leaderA, w.a.shift.id, { signupId: left.signup.id }, 'out')).status).toBe('applied')
  w.ctx.clock.current = new Date('2026-12-01T06:00:00.000Z')
  return { ...w, came, left, absent, bPerson }
}

describe('no-shows', () => {
  it('marks people signed up and not checked in, only after the start; the board lists them', async () => {
    const w = await world()
    const absent = await w.on(w.a, '孙未到')
    const here = await w.on(w.a, '周到场')
    w.ctx.clock.current = new Date('2026-12-01T00:30:00.000Z')
    expect((await attend(w.leaderA, w.a.shift.id, { signupId: here.signup.id })).status).toBe('applied')
    const early = await w.leaderA.a.post(`/api/lead/shifts/${w.a.shift.id}/no-shows`, { signupIds: [absent.signup.id] })
    expect(early.status).toBe(409)
    w.ctx.clock.current = new Date('2026-12-01T01:30:00.000Z')
    const checkedIn = await w.leaderA.a.post(`/api/lead/shifts/${w.a.shift.id}/no-shows`, { signupIds: [here.signup.id] })
    expect(checkedIn.body.error.code).toBe('hours_not_ready')
    const res = await w.leaderA.a.post(`/api/lead/shifts/${w.a.shift.id}/no-shows`, { signupIds: [absent.signup.id] })
    expect(res.status).toBe(200)
    expect(res.body.items.find((i: { signupId: string }) => i.signupId === absent.signup.id)).toMatchObject({
      noShow: true,
      hoursStatus: 'none',
      creditedMinutes: null,
    })
    expect(await w.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'volunteer.no_shows').execute()).toHaveLength(1)
    const board = await w.leaderA.a.get(`/api/lead/teams/${w.a.team.id}/no-shows`)
    expect(board.status).toBe(200)
    expect(board.body.items).toEqual([
      { userId: absent.user.id, name: '孙未到', noShows: 1, lastNoShowAt: w.a.shift.starts_at, signedUp: 1 },
    ])
    // a shift more than 90 days ago is off the board
    await w.ctx.db
      .updateTable('shifts')
      .set({ starts_at: '2026-09-01T01:00:00.000Z', ends_at: '2026-09-01T05:00:00.000Z' })
      .where('id', '=', w.a.shift.id)
      .execute()
    expect((await w.leaderA.a.get(`/api/lead/teams/${w.a.team.id}/no-shows`)).body.items).toEqual([])
  })
})

describe('approving and correcting hours', () => {
  it('bulk-approves the team’s pending hours; another team’s sign-up or one not pending refuses the lot', async () => {
    const w = await attended()
    const pending = await w.leaderA.a.get(`/api/lead/teams/${w.a.team.id}/hours?status=pending`)
    expect(pending.status).toBe(200)
    expect(pending.body.total).toBe(2)
    expect(pending.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['张志愿', '李早退'].sort())
    expect(pending.body.items[0]).toMatchObject({ shiftId: w.a.shift.id, serviceTitle: '社区健康科普讲解', startsAt: w.a.shift.starts_at })

    const mixed = await w.leaderA.a.post(`/api/lead/teams/${w.a.team.id}/hours/approve`, {
      signupIds: [w.came.signup.id, w.bPerson.signup.id],
    })
    expect(mixed.status).toBe(409)
    expect(mixed.body.error.code).toBe('hours_not_ready')
    const notPending = await w.leaderA.a.post(`/api/lead/teams/${w.a.team.id}/hours/approve`, {
      signupIds: [w.came.signup.id, w.absent.signup.id],
    })
    expect(notPending.body.error.code).toBe('hours_not_ready')
    expect((await w.signup(w.came.signup.id)).hours_status).toBe('pending')
    expect((await w.signup(w.bPerson.signup.id)).hours_status).toBe('pending')

    const ok = await w.leaderA.a.post(`/api/lead/teams/${w.a.team.id}/hours/approve`, { signupIds: [w.came.signup.id, w.left.signup.id] })
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ approved: 2 })
    const row = await w.signup(w.came.signup.id)
    expect(row).toMatchObject({
      hours_status: 'approved',
      approved_by: w.leaderA.user.id,
      approved_at: '2026-12-01T06:00:00.000Z',
      credited_minutes: 240,
    })
    // 李早退 stayed 1 h 10 min of 4 h: below the 60% share, approved as 0
    expect((await w.signup(w.left.signup.id)).credited_minutes).toBe(0)
    const notices = await w.ctx.db.selectFrom('notices').selectAll().where('kind', '=', 'hours_approved').execute()
    expect(notices.map((n) => n.user_id).sort()).toEqual([w.came.user.id, w.left.user.id].sort())
    expect(await w.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'volunteer.hours_approve').execute()).toHaveLength(
      1,
    )
    // approved twice: not pending any more
    expect((await w.leaderA.a.post(`/api/lead/teams/${w.a.team.id}/hours/approve`, { signupIds: [w.came.signup.id] })).status).toBe(409)
  })

  it('corrects minutes with a reason: approved as corrected, audited with the old and new minutes', async () => {
    const w = await attended()
    const noReason = await w.leaderA.a.post(`/api/lead/signups/${w.left.signup.id}/hours`, { minutes: 90 })
    expect(noReason.status).toBe(400)
    const res = await w.leaderA.a.post(`/api/lead/signups/${w.left.signup.id}/hours`, {
      minutes: 90,
      reason: '提前离开系家中急事，经队长同意',
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ signupId: w.left.signup.id, creditedMinutes: 90, computedMinutes: 0, hoursStatus: 'approved' })
    expect(res.body.correctionReason).toBe('提前离开系家中急事，经队长同意')
    const entry = await w.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'volunteer.hours_correct')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(entry.detail ?? '{}')).toMatchObject({ oldMinutes: 0, newMinutes: 90 })
    expect(entry.actor_id).toBe(w.leaderA.user.id)
    // not attended and not a no-show: nothing to correct; no such sign-up: 404
    expect((await w.leaderA.a.post(`/api/lead/signups/${w.absent.signup.id}/hours`, { minutes: 60, reason: '补录' })).status).toBe(409)
    expect((await w.leaderA.a.post(`/api/lead/signups/${randomUUID()}/hours`, { minutes: 60, reason: '补录' })).status).toBe(404)
  })
})

describe('records CSV and certificate', () => {
  it('exports approved records only, in the national fields, phones masked, no ID-card numbers', async () => {
    const w = await attended()
    await w.leaderA.a.post(`/api/lead/teams/${w.a.team.id}/hours/approve`, { signupIds: [w.came.signup.id] })
    const res = await w.leaderA.a.get(`/api/lead/teams/${w.a.team.id}/records.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const text = res.body as string
    const lines = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('志愿者姓名,手机号,服务项目,服务日期,开始时间,结束时间,服务地点,服务时长(小时),记录组织,证明人,记录时间')
    expect(lines).toHaveLength(2) // only the approved one: not 李早退 (pending) nor team B
    expect(lines[1]).toContain('张志愿')
    expect(lines[1]).toContain('2026-12-01,2026-12-01 09:00,2026-12-01 13:00')
    expect(lines[1]).toContain(',4,')
    expect(lines[1]).toContain('海淀区科普志愿服务队 (')
    expect(lines[1]).toContain(',王队长,2026-12-01 14:00')
    expect(text).not.toContain(w.came.user.phone)
    expect(text).toContain(`${w.came.user.phone.slice(0, 3)}****${w.came.user.phone.slice(-4)}`)
    expect(text).not.toMatch(/\d{17}[\dXx]/) // no ID-card number
    expect(text).not.toContain('李早退')
    const en = await w.leaderA.a.get(`/api/lead/teams/${w.a.team.id}/records.csv?lang=en`)
    expect((en.body as string).replace(/^\ufeff/, '').split('\r\n')[0]).toBe(
      'Volunteer,Phone,Service,Date,Start,End,Place,Hours,Recorded by,Certified by,Recorded at',
    )
    expect(await w.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'volunteer.records_export').execute()).toHaveLength(
      2,
    )
  })

  it('the certificate lists approved records and its QR verifies offline with the card keys; a tampered one fails', async () => {
    const w = await attended()
    await w.leaderA.a.post(`/api/lead/teams/${w.a.team.id}/hours/approve`, { signupIds: [w.came.signup.id] })
    const cert = await w.came.a.get('/api/me/volunteer/certificate')
    expect(cert.status).toBe(200)
    expect(cert.body).toMatchObject({ holder: '张志愿', approvedMinutes: 240 })
    expect(cert.body.records).toEqual([
      {
        teamName: '海淀区科普志愿服务队',
        orgName: expect.any(String),
        serviceTitle: '社区健康科普讲解',
        venueAddress: '北京市海淀区中关村街道新时代文明实践站',
        startsAt: w.a.shift.starts_at,
        endsAt: w.a.shift.ends_at,
        minutes: 240,
        certifiedBy: '海淀区科普志愿服务队 王队长',
      },
    ])
    const keys = (await w.came.a.get('/api/cards/public-keys')).body.keys as Array<{ kid: string; jwk: JsonWebKey }>
    const check = await verifyCertificate(cert.body.qr, keys)
    expect(check).toMatchObject({
      ok: true,
      certificate: { p: '张志愿', h: 240, r: 1, f: '2026-12-01', l: '2026-12-01', c: cert.body.certificateId },
    })
    const [prefix, payload, sig, kid] = (cert.body.qr as string).split('.')
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString())
    forged.h = 24000
    const tampered = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}.${kid}`
    expect(await verifyCertificate(tampered, keys)).toMatchObject({ ok: false, reason: 'bad_signature' })
    expect(await verifyCertificate(`${prefix}.${payload}.${sig}.unknownkid`, keys)).toMatchObject({ ok: false, reason: 'unknown_key' })
    // a member card is not a certificate
    expect(await verifyCertificate(`SH1.${payload}.${sig}.${kid}`, keys)).toMatchObject({ ok: false, reason: 'bad_format' })
    // pending hours do not count
    const pendingOnly = await w.left.a.get('/api/me/volunteer/certificate')
    expect(pendingOnly.body).toMatchObject({ approvedMinutes: 0, records: [] })
    expect(await verifyCertificate(pendingOnly.body.qr, keys)).toMatchObject({ ok: true, certificate: { h: 0, r: 0, f: null, l: null } })
  })
})

describe('account export and deletion', () => {
  it('exports the person’s sign-ups with hours; deleting keeps approved records, anonymised, and gives up upcoming places', async () => {
    const w = await attended()
    await w.leaderA.a.post(`/api/lead/teams/${w.a.team.id}/hours/approve`, { signupIds: [w.came.signup.id] })
    const later = await makeTeamWithShift(w.ctx.db, { startsAt: '2026-12-10T01:00:00.000Z', endsAt: '2026-12-10T05:00:00.000Z' })
    const upcoming = await placeOnShift(w.ctx.db, { shiftId: later.shift.id, teamId: later.team.id, userId: w.came.user.id })
    const exported = await w.came.a.get('/api/me/export')
    expect(exported.status).toBe(200)
    const shifts = exported.body.sections.volunteerShifts as Array<Record<string, unknown>>
    expect(shifts.find((s) => s.id === w.came.signup.id)).toMatchObject({ hoursStatus: 'approved', creditedMinutes: 240 })
    expect(exported.body.sections.volunteerTeams).toHaveLength(1)

    const del = await w.came.a.post('/api/me/delete', { password: w.came.user.password })
    expect(del.status).toBe(200)
    expect(del.body.kept).toContainEqual(expect.objectContaining({ what: 'volunteerRecords', count: 1 }))
    expect(await w.signup(w.came.signup.id)).toMatchObject({ hours_status: 'approved', user_id: w.came.user.id })
    expect((await w.signup(upcoming.id)).status).toBe('cancelled')
    expect(
      (await w.ctx.db.selectFrom('shifts').select('places_taken').where('id', '=', later.shift.id).executeTakeFirstOrThrow()).places_taken,
    ).toBe(0)
    const csv = (await w.leaderA.a.get(`/api/lead/teams/${w.a.team.id}/records.csv`)).body as string
    expect(csv).toContain('已注销用户')
    expect(csv).not.toContain('张志愿')
  })
})

describe('scope: a leader of team A is refused on team B', () => {
  it('on every lead route and on shift.attend', async () => {
    const w = await attended()
    const b = w.b
    const s = w.bPerson.signup.id
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/lead/shifts/${b.shift.id}/roster`],
      ['POST', `/api/lead/shifts/${b.shift.id}/no-shows`, { signupIds: [s] }],
      ['GET', `/api/lead/teams/${b.team.id}/hours`],
      ['POST', `/api/lead/teams/${b.team.id}/hours/approve`, { signupIds: [s] }],
      ['POST', `/api/lead/signups/${s}/hours`, { minutes: 10, reason: '越权尝试' }],
      ['GET', `/api/lead/teams/${b.team.id}/no-shows`],
      ['GET', `/api/lead/teams/${b.team.id}/records.csv`],
    ]
    for (const [method, url, body] of calls) {
      const res = method === 'GET' ? await w.leaderA.a.get(url) : await w.leaderA.a.post(url, body)
      expect(res.status, `${method} ${url}`).toBe(403)
      expect(JSON.stringify(res.body ?? '')).not.toContain('钱乙队')
    }
    // approving B's sign-up through A's team is not approving it either
    expect((await w.leaderA.a.post(`/api/lead/teams/${w.a.team.id}/hours/approve`, { signupIds: [s] })).status).toBe(409)
    expect(await attend(w.leaderA, b.shift.id, { signupId: s }, 'out')).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect(await w.signup(s)).toMatchObject({ hours_status: 'pending', checked_out_at: null, credited_minutes: 240 })
    // and B's own leader may
    expect((await w.leaderB.a.get(`/api/lead/shifts/${b.shift.id}/roster`)).status).toBe(200)
  })
})
