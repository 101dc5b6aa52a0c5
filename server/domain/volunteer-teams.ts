/**
 * The volunteer teams service (科技志愿服务队): proposing or creating a team, an admin's decision,
 * a leader's edits, invitation codes and decisions on members, an admin's roles, and a person's own
 * join / leave / skills (the sync mutators of server/sync/mutators/team.ts). Each runs in the
 * caller's transaction, refuses with a DomainError, keeps the team's member count in the same
 * transaction and audits what it does to other people's data.
 *
 * Who: an admin of the team's organisation (or above) creates active teams and gives roles; any
 * active member of the organisation proposes one (pending; its creator leads it once approved);
 * leaders and co-leaders (and those admins) run the roster. A team keeps at least one leader.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { TeamInput, TeamJoinArgs, TeamPatch, TeamRole, VolunteerSkill } from '../../shared/schemas/volunteer'
import { skillsToMask } from '../../shared/schemas/volunteer'
import type { NoticeKind } from '../../shared/schemas/notice'
import type { Executor } from '../db/database'
import type { TeamMemberRow, VolunteerTeamRow } from '../db/volunteer.table'
import { findOrganization } from '../db/organization.repository'
import { findTeam, liveTeamMember } from '../db/volunteer.repository'
import {
  activeLeaderCount,
  addMemberCount,
  findTeamMember,
  insertTeam,
  insertTeamMember,
  updateTeam,
  updateTeamMember,
} from '../db/volunteer-team.repository'
import { isUniqueViolation } from '../db/unique'
import { DomainError, forbidden, notFound } from '../errors'
import { assertOrgAdmin, isOrgAdmin } from './authz'
import { assertLeadsTeam } from './team-authz'
import { audit } from './audit'
import type { DomainContext } from './context'
import { notify } from './notices'
import { nextVersion } from '../db/version'
import { recordScopeExit } from '../sync/scope-exits'
import { TEAM_SHIFTS_DAYS } from '../sync/tables/volunteer-shifts'

/** Invitation codes: 18 random bytes, 24 characters of base64url; only their sha256 is stored. */
export const inviteHash = (code: string) => createHash('sha256').update(code).digest('base64url')
export const invitePath = (teamId: string, code: string) => `/volunteer/teams/${teamId}?invite=${code}`

/** A team row with its organisation's name (what `toTeam` maps). */
export type TeamWithOrg = VolunteerTeamRow & { org_name: string }

/** The team, or team_not_found. */
export async function mustFindTeam(db: Executor, id: string): Promise<TeamWithOrg> {
  const team = await findTeam(db, id)
  if (!team) throw new DomainError('team_not_found', 'no such volunteer team')
  return team
}

async function assertRegion(db: Executor, code: string | null | undefined) {
  if (code && !(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst())) {
    throw new DomainError('unknown_region', 'there is no such region')
  }
}

/** A notice about a team to one of its people (never to the person who acted). */
async function tell(
  { trx, user, clock }: DomainContext,
  team: Pick<VolunteerTeamRow, 'org_id' | 'name'>,
  to: string | null,
  kind: NoticeKind,
  subjectId: string,
  reason: string | null = null,
) {
  if (!to || to === user.id) return
  await notify(trx, { userId: to, kind, orgId: team.org_id, activityId: null, subjectId, title: team.name, reason }, clock.now())
}

/** Makes a person an active leader of the team (a new team's creator), keeping the count. */
async function addLeader(trx: Executor, teamId: string, userId: string, now: Date): Promise<TeamMemberRow> {
  const row = await insertTeamMember(trx, { id: crypto.randomUUID(), teamId, userId, role: 'leader', status: 'active', skillsMask: 0, now })
  await addMemberCount(trx, teamId, 1, now)
  return row
}

/**
 * `POST /api/teams`: an admin of the organisation (or above) creates an active team and leads it;
 * an active member of the organisation proposes one (pending); anyone else is refused.
 */
export async function createTeam(ctx: DomainContext, input: TeamInput): Promise<TeamWithOrg> {
  const { trx, user, clock } = ctx
  const org = await findOrganization(trx, input.orgId)
  if (!org) throw notFound('organisation')
  const admin = await isOrgAdmin(trx, user, org.id)
  if (!admin) {
    const member = await trx
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', user.id)
      .where('org_id', '=', org.id)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (!member) throw forbidden('only active members of this organisation may propose a volunteer team')
  }
  const regionCode = input.regionCode !== undefined ? input.regionCode : org.region_code
  await assertRegion(trx, regionCode)
  const now = clock.now()
  const team = await insertTeam(trx, {
    id: crypto.randomUUID(),
    org_id: org.id,
    name: input.name,
    description: input.description,
    region_code: regionCode ?? null,
    skills_mask: skillsToMask(input.skills),
    status: admin ? 'active' : 'pending',
    min_attendance_percent: input.minAttendancePercent,
    cancel_cutoff_hours: input.cancelCutoffHours,
    created_by: user.id,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  })
  if (admin) await addLeader(trx, team.id, user.id, now)
  await audit(trx, { actorId: user.id, action: admin ? 'team.create' : 'team.propose', orgId: org.id, target: team.id, at: now })
  return mustFindTeam(trx, team.id)
}

/**
 * An admin of the team's organisation (or above) approves a proposed team (its creator becomes its
 * leader, and is told), rejects it with a reason (told), or closes a team.
 */
export async function decideTeam(
  ctx: DomainContext,
  teamId: string,
  decision: 'approve' | 'reject' | 'close',
  reason: string | null,
): Promise<TeamWithOrg> {
  const { trx, user, clock } = ctx
  const team = await mustFindTeam(trx, teamId)
  await assertOrgAdmin(trx, user, team.org_id)
  const now = clock.now()
  if (decision === 'close') {
    if (team.status === 'closed' || team.status === 'rejected') throw new DomainError('team_not_active', `this team is ${team.status}`)
    await updateTeam(trx, teamId, { status: 'closed', decision_reason: reason, invite_hash: null }, now)
  } else {
    if (team.status !== 'pending') throw new DomainError('not_pending', `this team is already ${team.status}`)
    const approve = decision === 'approve'
    await updateTeam(trx, teamId, { status: approve ? 'active' : 'rejected', decision_reason: approve ? null : reason }, now)
    if (approve && team.created_by && !(await liveTeamMember(trx, teamId, team.created_by))) {
      await addLeader(trx, teamId, team.created_by, now)
    }
    await tell(ctx, team, team.created_by, approve ? 'team_approved' : 'team_rejected', teamId, approve ? null : reason)
  }
  await audit(trx, {
    actorId: user.id,
    action: `team.${decision}`,
    orgId: team.org_id,
    target: teamId,
    detail: reason ? { reason } : null,
    at: now,
  })
  return mustFindTeam(trx, teamId)
}

/** A leader (or an admin above) edits the team and its rules for counting hours. */
export async function editTeam(ctx: DomainContext, teamId: string, p: TeamPatch): Promise<TeamWithOrg> {
  const { trx, user, clock } = ctx
  const team = await assertLeadsTeam(trx, user, teamId)
  if (team.status === 'closed' || team.status === 'rejected') throw new DomainError('team_not_active', `this team is ${team.status}`)
  await assertRegion(trx, p.regionCode)
  const now = clock.now()
  await updateTeam(
    trx,
    teamId,
    {
      ...(p.name !== undefined && { name: p.name }),
      ...(p.description !== undefined && { description: p.description }),
      ...(p.regionCode !== undefined && { region_code: p.regionCode }),
      ...(p.skills !== undefined && { skills_mask: skillsToMask(p.skills) }),
      ...(p.minAttendancePercent !== undefined && { min_attendance_percent: p.minAttendancePercent }),
      ...(p.cancelCutoffHours !== undefined && { cancel_cutoff_hours: p.cancelCutoffHours }),
    },
    now,
  )
  await audit(trx, {
    actorId: user.id,
    action: 'team.edit',
    orgId: team.org_id,
    target: teamId,
    detail: { fields: Object.keys(p) },
    at: now,
  })
  return mustFindTeam(trx, teamId)
}

/** A new invitation code for an active team; the previous one stops working. The code is shown once. */
export async function issueInvite(ctx: DomainContext, teamId: string): Promise<{ code: string; path: string }> {
  const { trx, user, clock } = ctx
  const team = await assertLeadsTeam(trx, user, teamId)
  if (team.status !== 'active') throw new DomainError('team_not_active', `this team is ${team.status}; it takes no members`)
  const code = randomBytes(18).toString('base64url')
  const now = clock.now()
  await trx
    .updateTable('volunteer_teams')
    .set({ invite_hash: inviteHash(code) })
    .where('id', '=', teamId)
    .execute()
  await audit(trx, { actorId: user.id, action: 'team.invite', orgId: team.org_id, target: teamId, at: now })
  return { code, path: invitePath(teamId, code) }
}

/**
 * `team.join`: a request a leader decides on, or an active place at once with the team's current
 * invitation code. Only active teams; one live place per person and team (the unique index is the
 * second guard, for two devices at once).
 */
export async function joinTeam({ trx, user, clock }: DomainContext, args: TeamJoinArgs): Promise<TeamMemberRow> {
  const team = await mustFindTeam(trx, args.teamId)
  if (team.status !== 'active') throw new DomainError('team_not_active', `this team is ${team.status}; it takes no members`)
  if (await liveTeamMember(trx, team.id, user.id)) throw new DomainError('already_on_team', 'you are on this team or waiting for approval')
  if (await findTeamMember(trx, args.memberId))
    throw new DomainError('team_member_id_taken', 'this request id is already in use; ask again')
  if (args.inviteCode !== undefined && (!team.invite_hash || inviteHash(args.inviteCode) !== team.invite_hash)) {
    throw new DomainError('invite_invalid', 'this invitation link is not valid any more; ask the team leader for a new one')
  }
  const status = args.inviteCode !== undefined ? 'active' : 'pending'
  const now = clock.now()
  let row: TeamMemberRow
  try {
    row = await insertTeamMember(trx, {
      id: args.memberId,
      teamId: team.id,
      userId: user.id,
      role: 'member',
      status,
      skillsMask: skillsToMask(args.skills),
      now,
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_on_team', 'you are on this team or waiting for approval')
    throw err
  }
  if (status === 'active') await addMemberCount(trx, team.id, 1, now)
  return row
}

/** The person's own live place, or not_found (someone else's answers the same: ids are no way to probe). */
async function ownLivePlace(trx: Executor, userId: string, memberId: string): Promise<TeamMemberRow> {
  const row = await findTeamMember(trx, memberId)
  if (!row || row.user_id !== userId) throw new DomainError('not_found', 'no such team place')
  if (row.status !== 'pending' && row.status !== 'active') throw new DomainError('not_live', `this team place is ${row.status}`)
  return row
}

/** Refuses to take the team's last active leader away. */
async function assertKeepsLeader(trx: Executor, row: TeamMemberRow) {
  if (row.status === 'active' && row.role === 'leader' && (await activeLeaderCount(trx, row.team_id)) <= 1) {
    throw new DomainError('last_leader', 'a team needs a leader: an administrator names another leader first')
  }
}

/**
 * Someone who stops being an active member stops seeing the team's shifts: each one they hold no
 * sign-up for (those stay: their history) leaves their replica as a scope exit, as an organisation
 * does when a membership ends. Only the shifts the sync table would have sent (TEAM_SHIFTS_DAYS).
 */
async function exitTeamShifts(trx: Executor, teamId: string, userId: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - TEAM_SHIFTS_DAYS * 86_400_000).toISOString()
  const shifts = await trx
    .selectFrom('shifts')
    .select('id')
    .where('team_id', '=', teamId)
    .where('ends_at', '>', since)
    .where('id', 'not in', trx.selectFrom('shift_signups').select('shift_id').where('user_id', '=', userId))
    .execute()
  if (shifts.length === 0) return
  const version = await nextVersion(trx)
  for (const s of shifts) await recordScopeExit(trx, { userId, table: 'shifts', rowId: s.id, version, at: now })
}

/** `team.leave`: leave a team or withdraw a request; a sole leader cannot leave. */
export async function leaveTeam({ trx, user, clock }: DomainContext, memberId: string): Promise<TeamMemberRow> {
  const row = await ownLivePlace(trx, user.id, memberId)
  await assertKeepsLeader(trx, row)
  const now = clock.now()
  const updated = await updateTeamMember(trx, row.id, { status: 'left' }, now)
  if (row.status === 'active') {
    await addMemberCount(trx, row.team_id, -1, now)
    await exitTeamShifts(trx, row.team_id, row.user_id, now)
  }
  return updated
}

/** `team.setSkills`: the skills the person brings to this team. */
export async function setTeamSkills(
  { trx, user, clock }: DomainContext,
  memberId: string,
  skills: VolunteerSkill[],
): Promise<TeamMemberRow> {
  const row = await ownLivePlace(trx, user.id, memberId)
  return updateTeamMember(trx, row.id, { skills_mask: skillsToMask(skills) }, clock.now())
}

/** A member of this team, or not_found. */
async function memberOf(trx: Executor, teamId: string, memberId: string): Promise<TeamMemberRow> {
  const row = await findTeamMember(trx, memberId)
  if (!row || row.team_id !== teamId) throw new DomainError('not_found', 'no such member on this team')
  return row
}

/**
 * A leader approves or declines a request to join, or removes a member (a leader or co-leader only
 * by an administrator, never the last leader). The person is told, with the reason.
 */
export async function decideTeamMember(
  ctx: DomainContext,
  teamId: string,
  memberId: string,
  decision: 'approve' | 'reject' | 'remove',
  reason: string | null,
): Promise<TeamMemberRow> {
  const { trx, user, clock } = ctx
  const team = await assertLeadsTeam(trx, user, teamId)
  const row = await memberOf(trx, teamId, memberId)
  const now = clock.now()
  let updated: TeamMemberRow
  if (decision === 'remove') {
    if (row.status !== 'active') throw new DomainError('not_active', `this member is ${row.status}; only active members are removed`)
    if (row.user_id === user.id) throw forbidden('to leave the team, leave it yourself')
    if (row.role !== 'member' && !(await isOrgAdmin(trx, user, team.org_id))) {
      throw forbidden('leaders and co-leaders are removed by an administrator of the organisation')
    }
    await assertKeepsLeader(trx, row)
    updated = await updateTeamMember(trx, row.id, { status: 'removed', reason }, now)
    await addMemberCount(trx, teamId, -1, now)
    await exitTeamShifts(trx, teamId, row.user_id, now)
  } else {
    if (row.status !== 'pending') throw new DomainError('not_pending', `this request is already ${row.status}`)
    if (decision === 'approve' && team.status !== 'active') throw new DomainError('team_not_active', `this team is ${team.status}`)
    updated = await updateTeamMember(
      trx,
      row.id,
      decision === 'approve' ? { status: 'active', reason: null } : { status: 'rejected', reason },
      now,
    )
    if (decision === 'approve') await addMemberCount(trx, teamId, 1, now)
  }
  const kind = ({ approve: 'team_member_approved', reject: 'team_member_rejected', remove: 'team_member_removed' } as const)[decision]
  await tell(ctx, team, row.user_id, kind, row.id, decision === 'approve' ? null : reason)
  await audit(trx, {
    actorId: user.id,
    action: `team.member.${decision}`,
    orgId: team.org_id,
    target: row.id,
    detail: reason ? { reason } : null,
    at: now,
  })
  return updated
}

/** An administrator of the team's organisation (or above) gives an active member a role; a team keeps a leader. */
export async function setTeamRole(ctx: DomainContext, teamId: string, memberId: string, role: TeamRole): Promise<TeamMemberRow> {
  const { trx, user, clock } = ctx
  const team = await mustFindTeam(trx, teamId)
  await assertOrgAdmin(trx, user, team.org_id)
  const row = await memberOf(trx, teamId, memberId)
  if (row.status !== 'active') throw new DomainError('not_active', `this member is ${row.status}; roles are for active members`)
  if (row.role === role) return row
  if (role !== 'leader') await assertKeepsLeader(trx, row)
  const now = clock.now()
  const updated = await updateTeamMember(trx, row.id, { role }, now)
  await tell(ctx, team, row.user_id, 'team_role_changed', row.id)
  await audit(trx, {
    actorId: user.id,
    action: 'team.role',
    orgId: team.org_id,
    target: row.id,
    detail: { from: row.role, to: role },
    at: now,
  })
  return updated
}
