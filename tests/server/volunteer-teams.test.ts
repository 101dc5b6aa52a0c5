import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { beijingContext, makeMembership, makeTeam, person, pulled, teamPerson, type Ctx } from './fixtures'

/** A logged-in administrator of 海淀区科协 (so of its townships too). */
async function admin(ctx: Ctx) {
  const p = await person(ctx)
  await makeMembership(ctx.db, { userId: p.user.id, orgId: 'cast-110108', role: 'admin' })
  return p
}

/** A logged-in active member of 中关村街道科协, living there. */
async function orgMember(ctx: Ctx) {
  const p = await person(ctx, { regionCode: '110108010' })
  await makeMembership(ctx.db, { userId: p.user.id, orgId: 'cast-110108010' })
  return p
}

const newTeam = (over: Record<string, unknown> = {}) => ({
  orgId: 'cast-110108010',
  name: '中关村科普志愿服务队',
  skills: ['health'],
  ...over,
})

async function noticesOf(ctx: Ctx, userId: string) {
  return ctx.db.selectFrom('notices').select(['kind', 'reason', 'title']).where('user_id', '=', userId).orderBy('created_at').execute()
}

async function memberCount(ctx: Ctx, teamId: string) {
  return (await ctx.db.selectFrom('volunteer_teams').select('member_count').where('id', '=', teamId).executeTakeFirstOrThrow()).member_count
}

describe('creating and deciding teams', () => {
  it('an admin creates an active team and leads it', async () => {
    const ctx = await beijingContext()
    const a = await admin(ctx)
    const res = await a.a.post('/api/teams', newTeam())
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'active', memberCount: 1, orgName: '海淀区中关村街道科学技术协会', skills: ['health'] })
    expect(res.body.regionCode).toBe('110108010')
    const detail = await a.a.get(`/api/teams/${res.body.id}`)
    expect(detail.body).toMatchObject({ canLead: true, myMembership: { role: 'leader', status: 'active' } })
    expect(detail.body.leaders).toEqual([{ name: expect.any(String), role: 'leader' }])
  })

  it('a member proposes (pending, hidden from strangers); an admin approves and the creator becomes leader', async () => {
    const ctx = await beijingContext()
    const a = await admin(ctx)
    const m = await orgMember(ctx)
    const stranger = await person(ctx)
    expect((await stranger.a.post('/api/teams', newTeam())).status).toBe(403)
    const res = await m.a.post('/api/teams', newTeam())
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'pending', memberCount: 0 })
    const id = res.body.id
    expect((await stranger.a.get(`/api/teams/${id}`)).status).toBe(404)
    expect((await ctx.agent().get(`/api/teams/${id}`)).status).toBe(404)
    expect((await m.a.get(`/api/teams/${id}`)).body).toMatchObject({ status: 'pending', canLead: false, myMembership: null })
    expect((await a.a.get(`/api/teams/${id}`)).body).toMatchObject({ status: 'pending', canLead: true })
    expect((await stranger.a.get('/api/teams?org=cast-110108010')).body.items).toEqual([])
    // the proposer cannot approve it; a leader of nothing cannot either
    expect((await m.a.post(`/api/admin/teams/${id}/decision`, { decision: 'approve' })).status).toBe(403)
    const listed = await a.a.get('/api/admin/teams?status=pending')
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([id])
    expect(listed.body.items[0].createdByName).toEqual(expect.any(String))

    const approved = await a.a.post(`/api/admin/teams/${id}/decision`, { decision: 'approve' })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'active', memberCount: 1 })
    expect((await m.a.get(`/api/teams/${id}`)).body).toMatchObject({ canLead: true, myMembership: { role: 'leader', status: 'active' } })
    expect(await noticesOf(ctx, m.user.id)).toEqual([{ kind: 'team_approved', reason: null, title: '中关村科普志愿服务队' }])
    expect((await a.a.post(`/api/admin/teams/${id}/decision`, { decision: 'reject', reason: '重复' })).body.error.code).toBe('not_pending')
  })

  it('an admin rejects a proposal with a reason the creator hears; an admin of a sibling county is refused', async () => {
    const ctx = await beijingContext()
    const a = await admin(ctx)
    const m = await orgMember(ctx)
    const sibling = await person(ctx)
    await makeMembership(ctx.db, { userId: sibling.user.id, orgId: 'cast-110105', role: 'admin' })
    const id = (await m.a.post('/api/teams', newTeam())).body.id
    expect((await sibling.a.post(`/api/admin/teams/${id}/decision`, { decision: 'approve' })).status).toBe(403)
    expect((await sibling.a.get('/api/admin/teams')).body.items).toEqual([])
    const res = await a.a.post(`/api/admin/teams/${id}/decision`, { decision: 'reject', reason: '与现有服务队重复' })
    expect(res.body).toMatchObject({ status: 'rejected', memberCount: 0 })
    expect(await noticesOf(ctx, m.user.id)).toEqual([{ kind: 'team_rejected', reason: '与现有服务队重复', title: '中关村科普志愿服务队' }])
    expect((await ctx.agent().get(`/api/teams/${id}`)).status).toBe(404)
    expect((await m.a.get(`/api/teams/${id}`)).body.status).toBe('rejected')
  })
})

describe('closing', () => {
  it('an admin closes a team: it takes no members and issues no invitations', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db, { orgId: 'cast-110108010' })
    const leader = await teamPerson(ctx, team.id)
    const a = await admin(ctx)
    const closed = await a.a.post(`/api/admin/teams/${team.id}/decision`, { decision: 'close', reason: '服务队已合并' })
    expect(closed.body).toMatchObject({ status: 'closed' })
    expect((await leader.a.post(`/api/lead/teams/${team.id}/invite`)).body.error.code).toBe('team_not_active')
    const v = await person(ctx)
    expect(await v.mutate('team.join', { memberId: randomUUID(), teamId: team.id })).toMatchObject({
      status: 'rejected',
      code: 'team_not_active',
    })
    expect((await a.a.post(`/api/admin/teams/${team.id}/decision`, { decision: 'close' })).body.error.code).toBe('team_not_active')
    expect((await leader.a.get('/api/lead/teams')).body.items).toEqual([])
  })
})

describe('joining and leaving', () => {
  it('a request waits for a leader, who approves it; the count follows', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db, { orgId: 'cast-110108010' })
    const leader = await teamPerson(ctx, team.id)
    const v = await person(ctx)
    const memberId = randomUUID()
    const joined = await v.mutate('team.join', { memberId, teamId: team.id, skills: ['first_aid'] })
    expect(joined).toMatchObject({ status: 'applied', data: { id: memberId, status: 'pending', role: 'member', skills: ['first_aid'] } })
    expect(await memberCount(ctx, team.id)).toBe(1)
    const led = await leader.a.get('/api/lead/teams')
    expect(led.body.items).toEqual([expect.objectContaining({ id: team.id, myRole: 'leader', pendingMembers: 1 })])
    const roster = await leader.a.get(`/api/lead/teams/${team.id}/roster`)
    expect(roster.body.items[0]).toMatchObject({ memberId, status: 'pending', phone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) })
    expect(JSON.stringify(roster.body)).not.toContain(v.user.phone)
    const ok = await leader.a.post(`/api/lead/teams/${team.id}/members/${memberId}/decision`, { decision: 'approve' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ memberId, status: 'active', approvedMinutes: 0, noShows: 0 })
    expect(await memberCount(ctx, team.id)).toBe(2)
    expect((await noticesOf(ctx, v.user.id)).map((n) => n.kind)).toEqual(['team_member_approved'])
    const again = await leader.a.post(`/api/lead/teams/${team.id}/members/${memberId}/decision`, { decision: 'approve' })
    expect(again.body.error.code).toBe('not_pending')
    // removal, with a reason the person hears
    const removed = await leader.a.post(`/api/lead/teams/${team.id}/members/${memberId}/decision`, {
      decision: 'remove',
      reason: '多次缺席',
    })
    expect(removed.body.status).toBe('removed')
    expect(await memberCount(ctx, team.id)).toBe(1)
    expect((await noticesOf(ctx, v.user.id)).at(-1)).toMatchObject({ kind: 'team_member_removed', reason: '多次缺席' })
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', leader.user.id).orderBy('id').execute()
    expect(audit.map((r) => r.action)).toEqual(['team.roster.read', 'team.member.approve', 'team.member.remove'])
  })

  it('a declined request is told with the reason', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    const leader = await teamPerson(ctx, team.id)
    const v = await person(ctx)
    const memberId = randomUUID()
    await v.mutate('team.join', { memberId, teamId: team.id })
    const res = await leader.a.post(`/api/lead/teams/${team.id}/members/${memberId}/decision`, { decision: 'reject', reason: '名额已满' })
    expect(res.body.status).toBe('rejected')
    expect(await noticesOf(ctx, v.user.id)).toEqual([expect.objectContaining({ kind: 'team_member_rejected', reason: '名额已满' })])
    // a new request after a refusal is allowed
    expect((await v.mutate('team.join', { memberId: randomUUID(), teamId: team.id })).status).toBe('applied')
  })

  it('an invitation code joins at once; a replaced code is refused', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    const leader = await teamPerson(ctx, team.id)
    const first = await leader.a.post(`/api/lead/teams/${team.id}/invite`)
    expect(first.status).toBe(200)
    expect(first.body.code).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(first.body.path).toBe(`/volunteer/teams/${team.id}?invite=${first.body.code}`)
    const stored = await ctx.db.selectFrom('volunteer_teams').select('invite_hash').where('id', '=', team.id).executeTakeFirstOrThrow()
    expect(stored.invite_hash).not.toContain(first.body.code)
    const a = await person(ctx)
    expect(await a.mutate('team.join', { memberId: randomUUID(), teamId: team.id, inviteCode: first.body.code })).toMatchObject({
      status: 'applied',
      data: { status: 'active' },
    })
    expect(await memberCount(ctx, team.id)).toBe(2)
    const second = await leader.a.post(`/api/lead/teams/${team.id}/invite`)
    const b = await person(ctx)
    const refused = await b.mutate('team.join', { memberId: randomUUID(), teamId: team.id, inviteCode: first.body.code })
    expect(refused).toMatchObject({ status: 'rejected', code: 'invite_invalid' })
    expect(await b.mutate('team.join', { memberId: randomUUID(), teamId: team.id, inviteCode: second.body.code })).toMatchObject({
      status: 'applied',
      data: { status: 'active' },
    })
  })

  it('one live place per person and team; ids are not reused; only active teams take members', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    const pending = await makeTeam(ctx.db, { status: 'pending' })
    const v = await person(ctx)
    const memberId = randomUUID()
    expect((await v.mutate('team.join', { memberId, teamId: team.id })).status).toBe('applied')
    expect(await v.mutate('team.join', { memberId: randomUUID(), teamId: team.id })).toMatchObject({
      status: 'rejected',
      code: 'already_on_team',
    })
    const other = await makeTeam(ctx.db)
    expect(await v.mutate('team.join', { memberId, teamId: other.id })).toMatchObject({ status: 'rejected', code: 'team_member_id_taken' })
    expect(await v.mutate('team.join', { memberId: randomUUID(), teamId: pending.id })).toMatchObject({
      status: 'rejected',
      code: 'team_not_active',
    })
    expect(await v.mutate('team.join', { memberId: randomUUID(), teamId: randomUUID() })).toMatchObject({
      status: 'rejected',
      code: 'team_not_found',
    })
  })

  it('leaving keeps the count; a sole leader cannot leave; skills are one’s own', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    const leader = await teamPerson(ctx, team.id)
    const v = await teamPerson(ctx, team.id, 'member')
    expect(await memberCount(ctx, team.id)).toBe(2)
    expect(await v.mutate('team.setSkills', { memberId: v.member.id, skills: ['it', 'health'] })).toMatchObject({
      status: 'applied',
      data: { skills: ['health', 'it'] },
    })
    expect(await leader.mutate('team.setSkills', { memberId: v.member.id, skills: [] })).toMatchObject({
      status: 'rejected',
      code: 'not_found',
    })
    expect(await leader.mutate('team.leave', { memberId: leader.member.id })).toMatchObject({ status: 'rejected', code: 'last_leader' })
    expect(await v.mutate('team.leave', { memberId: v.member.id })).toMatchObject({ status: 'applied', data: { status: 'left' } })
    expect(await memberCount(ctx, team.id)).toBe(1)
    expect(await v.mutate('team.leave', { memberId: v.member.id })).toMatchObject({ status: 'rejected', code: 'not_live' })
  })

  it('account deletion ends the person’s places and keeps the count', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    await teamPerson(ctx, team.id)
    const v = await teamPerson(ctx, team.id, 'member')
    expect((await v.a.get('/api/me/export')).body.sections.volunteerTeams).toEqual([
      expect.objectContaining({ id: v.member.id, teamId: team.id, role: 'member', status: 'active' }),
    ])
    expect((await v.a.post('/api/me/delete', { password: v.user.password })).status).toBe(200)
    expect(await memberCount(ctx, team.id)).toBe(1)
    const row = await ctx.db.selectFrom('team_members').select('status').where('id', '=', v.member.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('left')
  })
})

describe('roles', () => {
  it('only an admin gives roles, to active members, and a team keeps a leader', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db, { orgId: 'cast-110108010' })
    const leader = await teamPerson(ctx, team.id)
    const v = await teamPerson(ctx, team.id, 'member')
    const a = await admin(ctx)
    expect((await leader.a.post(`/api/admin/teams/${team.id}/members/${v.member.id}/role`, { role: 'co_leader' })).status).toBe(403)
    const res = await a.a.post(`/api/admin/teams/${team.id}/members/${v.member.id}/role`, { role: 'co_leader' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ memberId: v.member.id, role: 'co_leader' })
    expect((await noticesOf(ctx, v.user.id)).map((n) => n.kind)).toEqual(['team_role_changed'])
    // a co-leader leads the team but cannot remove its leader: only an admin can
    const byCoLeader = await v.a.post(`/api/lead/teams/${team.id}/members/${leader.member.id}/decision`, { decision: 'remove' })
    expect(byCoLeader.status).toBe(403)
    const demote = await a.a.post(`/api/admin/teams/${team.id}/members/${leader.member.id}/role`, { role: 'member' })
    expect(demote.body.error.code).toBe('last_leader')
    expect((await a.a.post(`/api/admin/teams/${team.id}/members/${v.member.id}/role`, { role: 'leader' })).status).toBe(200)
    expect((await a.a.post(`/api/admin/teams/${team.id}/members/${leader.member.id}/role`, { role: 'member' })).status).toBe(200)
    const waiting = await person(ctx)
    const waitingId = randomUUID()
    await waiting.mutate('team.join', { memberId: waitingId, teamId: team.id })
    const pendingRole = await a.a.post(`/api/admin/teams/${team.id}/members/${waitingId}/role`, { role: 'co_leader' })
    expect(pendingRole.body.error.code).toBe('not_active')
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'team.role').execute()
    expect(audit).toHaveLength(3)
  })
})

describe('permission scope: a leader of team A on team B', () => {
  it('every lead route answers 403 for another team, and admin routes 403 for a leader', async () => {
    const ctx = await beijingContext()
    const teamA = await makeTeam(ctx.db, { name: '甲队' })
    const teamB = await makeTeam(ctx.db, { name: '乙队' })
    const leaderA = await teamPerson(ctx, teamA.id)
    const memberB = await teamPerson(ctx, teamB.id, 'member')
    await teamPerson(ctx, teamB.id)
    const b = `/api/lead/teams/${teamB.id}`
    const calls = [
      await leaderA.a.get(`${b}/roster`),
      await leaderA.a.request('PATCH', b, { name: '被改名的乙队' }),
      await leaderA.a.post(`${b}/members/${memberB.member.id}/decision`, { decision: 'remove', reason: '越权测试' }),
      await leaderA.a.post(`${b}/invite`),
      await leaderA.a.post(`/api/admin/teams/${teamB.id}/decision`, { decision: 'close' }),
      await leaderA.a.post(`/api/admin/teams/${teamB.id}/members/${memberB.member.id}/role`, { role: 'leader' }),
      await leaderA.a.post(`/api/admin/teams/${teamA.id}/members/${leaderA.member.id}/role`, { role: 'member' }),
    ]
    expect(calls.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403])
    // A's own team works, and B is not among the teams A leads
    expect((await leaderA.a.request('PATCH', `/api/lead/teams/${teamA.id}`, { minAttendancePercent: 75 })).body).toMatchObject({
      minAttendancePercent: 75,
    })
    expect((await leaderA.a.get('/api/lead/teams')).body.items.map((t: { id: string }) => t.id)).toEqual([teamA.id])
    expect((await leaderA.a.get('/api/admin/teams')).status).toBe(403)
    const bAfter = await ctx.db
      .selectFrom('volunteer_teams')
      .select(['name', 'invite_hash'])
      .where('id', '=', teamB.id)
      .executeTakeFirstOrThrow()
    expect(bAfter).toEqual({ name: '乙队', invite_hash: null })
  })

  it('teammates are for active members of that team', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    const v = await teamPerson(ctx, team.id, 'member', ['health'])
    const w = await teamPerson(ctx, team.id, 'member')
    const outsider = await person(ctx)
    const res = await v.a.get(`/api/teams/${team.id}/teammates`)
    expect(res.body.items).toEqual([{ userId: w.user.id, name: expect.any(String), skills: [] }])
    expect((await outsider.a.get(`/api/teams/${team.id}/teammates`)).body.error.code).toBe('not_team_member')
  })
})

describe('discovery', () => {
  it('near the caller, under a region, by skill, name and organisation', async () => {
    const ctx = await beijingContext()
    const haidian = await makeTeam(ctx.db, { name: '海淀应急救护队', regionCode: '110108', skills: ['first_aid'] })
    const street = await makeTeam(ctx.db, { name: '中关村科普队', regionCode: '110108010', orgId: 'cast-110108010' })
    const beijing = await makeTeam(ctx.db, {
      name: '北京市医疗志愿队',
      regionCode: '11',
      orgId: 'cast-11',
      skills: ['health', 'first_aid'],
    })
    const national = await makeTeam(ctx.db, { name: '全国科普100%队', regionCode: null, orgId: 'cast-national' })
    await makeTeam(ctx.db, { name: '朝阳区队', regionCode: '110105', orgId: 'cast-110105' })
    await makeTeam(ctx.db, { name: '待批的队', regionCode: '110108', status: 'pending' })
    const v = await person(ctx, { regionCode: '110108' })
    const ids = async (q: string) => ((await v.a.get(`/api/teams?${q}`)).body.items as { id: string }[]).map((t) => t.id).sort()
    expect(await ids('near=1')).toEqual([haidian.id, street.id, beijing.id, national.id].sort())
    expect(await ids('region=110108')).toEqual([haidian.id, street.id].sort())
    expect(await ids('near=1&skill=first_aid')).toEqual([haidian.id, beijing.id].sort())
    expect(await ids('q=%E5%8C%BB%E7%96%97')).toEqual([beijing.id])
    expect(await ids('q=100%25')).toEqual([national.id])
    expect(await ids('q=%25')).toEqual([national.id])
    expect(await ids('q=_')).toEqual([])
    expect(await ids('org=cast-110108010')).toEqual([street.id])
    expect((await ctx.agent().get('/api/teams?near=1')).body.error.code).toBe('region_required')
    const page = await v.a.get('/api/teams?pageSize=2')
    expect(page.body).toMatchObject({ page: 1, pageSize: 2, hasMore: true })
  })
})

describe('sync', () => {
  it('pull delivers the team and the person’s own place, even when the team is older than the cursor', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    const other = await makeTeam(ctx.db)
    const v = await person(ctx)
    const first = await v.a.get('/api/sync/pull?cursor=0')
    const cursor = first.body.cursor
    expect(cursor).toBeGreaterThan(team.version)
    const memberId = randomUUID()
    await v.mutate('team.join', { memberId, teamId: team.id })
    const res = await v.a.get(`/api/sync/pull?cursor=${cursor}`)
    const byTable = (t: string) => res.body.changes.filter((c: { table: string }) => c.table === t)
    expect(byTable('volunteer_teams').map((c: { id: string }) => c.id)).toEqual([team.id])
    expect(byTable('team_members')).toEqual([
      expect.objectContaining({ id: memberId, row: expect.objectContaining({ status: 'pending' }) }),
    ])
    const teams = await pulled(v, 'volunteer_teams')
    expect([...teams.keys()]).toEqual([team.id])
    expect(teams.has(other.id)).toBe(false)
  })

  it('a team edit reaches its members', async () => {
    const ctx = await beijingContext()
    const team = await makeTeam(ctx.db)
    const leader = await teamPerson(ctx, team.id)
    const v = await teamPerson(ctx, team.id, 'member')
    const { cursor } = (await v.a.get('/api/sync/pull?cursor=0')).body
    await leader.a.request('PATCH', `/api/lead/teams/${team.id}`, { cancelCutoffHours: 12 })
    const res = await v.a.get(`/api/sync/pull?cursor=${cursor}`)
    const row = res.body.changes.find((c: { table: string }) => c.table === 'volunteer_teams').row
    expect(row).toMatchObject({ cancelCutoffHours: 12 })
  })
})
