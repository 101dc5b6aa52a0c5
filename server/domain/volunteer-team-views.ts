/**
 * What people read of volunteer teams over REST: discovery, a team's page (a proposal only to its
 * creator and those who may lead it), teammates (to active members), the teams a person leads, a
 * leader's roster (phones masked, the read audited) and an administrator's list.
 */
import { maskPhone } from '../../shared/schemas/common'
import { regionChain } from '../../shared/rules/region'
import {
  maskToSkills,
  type AdminTeam,
  type RosterItem,
  type TeamDetail,
  type TeamRole,
  type VolunteerTeam,
} from '../../shared/schemas/volunteer'
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import { toTeam, toTeamMember } from '../db/volunteer.repository'
import {
  activeTeammates,
  adminTeamRows,
  latestTeamMember,
  ledTeamRows,
  listActiveTeams,
  rosterRows,
  teamLeaders,
  type RosterRow,
} from '../db/volunteer-team.repository'
import { DomainError } from '../errors'
import { adminRootIds, isSystemAdmin } from './authz'
import { adminListRoots } from './memberships'
import { canLeadTeam, activeTeamRole, assertLeadsTeam } from './team-authz'
import { audit } from './audit'
import { mustFindTeam } from './volunteer-teams'

type Who = Pick<UserRow, 'id' | 'system_role' | 'region_code'>

export interface TeamDiscovery {
  near?: boolean
  region?: string
  org?: string
  skill?: Parameters<typeof listActiveTeams>[1]['skill']
  q?: string
  page: number
  pageSize: number
}

/** `GET /api/teams`: active teams near the caller (their region, or `region`), under a region, by organisation, skill or name. */
export async function discoverTeams(db: Executor, who: Who | undefined, f: TeamDiscovery) {
  let place: { nearChain?: string[]; under?: string } = {}
  if (f.near) {
    const region = f.region ?? who?.region_code
    if (!region) throw new DomainError('region_required', 'near=1 needs a region: log in with a region in your profile, or pass region=')
    place = { nearChain: regionChain(region) }
  } else if (f.region) place = { under: f.region }
  const rows = await listActiveTeams(db, {
    ...place,
    orgId: f.org,
    skill: f.skill,
    q: f.q,
    limit: f.pageSize + 1,
    offset: (f.page - 1) * f.pageSize,
  })
  return { items: rows.slice(0, f.pageSize).map(toTeam), page: f.page, pageSize: f.pageSize, hasMore: rows.length > f.pageSize }
}

/** `GET /api/teams/{id}`: a proposed or rejected team is "not found" to all but its creator and those who may lead it. */
export async function teamDetail(db: Executor, who: Who | undefined, teamId: string): Promise<TeamDetail> {
  const team = await mustFindTeam(db, teamId)
  const canLead = who ? await canLeadTeam(db, who, team) : false
  if ((team.status === 'pending' || team.status === 'rejected') && !canLead && (!who || team.created_by !== who.id)) {
    throw new DomainError('team_not_found', 'no such volunteer team')
  }
  const mine = who ? await latestTeamMember(db, teamId, who.id) : undefined
  return {
    ...toTeam(team),
    leaders: await teamLeaders(db, teamId),
    myMembership: mine ? toTeamMember(mine) : null,
    canLead,
  }
}

/** `GET /api/teams/{id}/teammates`: the other active members' names and skills, to active members only. */
export async function teammates(db: Executor, who: Who, teamId: string) {
  await mustFindTeam(db, teamId)
  if (!(await activeTeamRole(db, who.id, teamId)))
    throw new DomainError('not_team_member', 'only active members of this team see its members')
  const rows = await activeTeammates(db, teamId, who.id)
  return { items: rows.map((r) => ({ userId: r.user_id, name: r.name, skills: maskToSkills(r.skills_mask) })) }
}

/** `GET /api/lead/teams`: teams the person leads, plus (administrators) the active teams under the organisations they administer. */
export async function ledTeams(db: Executor, who: Who) {
  const roots = isSystemAdmin(who) ? 'all' : await adminRootIds(db, who.id)
  const rows = await ledTeamRows(db, who.id, roots)
  return {
    items: rows.map(({ my_role, pending_members, ...r }) => ({
      ...toTeam(r),
      myRole: (my_role ?? null) as TeamRole | null,
      pendingMembers: Number(pending_members ?? 0),
    })),
  }
}

/** One roster line: never the full phone number. */
export const toRosterItem = (r: RosterRow): RosterItem => ({
  memberId: r.id,
  userId: r.user_id,
  name: r.name,
  phone: maskPhone(r.phone),
  role: r.role,
  status: r.status,
  skills: maskToSkills(r.skills_mask),
  joinedAt: r.created_at,
  approvedMinutes: Number(r.approved_minutes ?? 0),
  noShows: Number(r.no_shows ?? 0),
})

/** One member's roster line (after a decision or a role change). */
export async function rosterItem(db: Executor, teamId: string, memberId: string): Promise<RosterItem> {
  const [row] = await rosterRows(db, teamId, memberId)
  if (!row) throw new DomainError('not_found', 'no such member on this team')
  return toRosterItem(row)
}

/** `GET /api/lead/teams/{id}/roster`: for those who lead the team; reading other people's names is audited. */
export async function teamRoster(db: Executor, who: Who, teamId: string, now: Date) {
  const team = await assertLeadsTeam(db, who, teamId)
  const rows = await rosterRows(db, teamId)
  await audit(db, {
    actorId: who.id,
    action: 'team.roster.read',
    orgId: team.org_id,
    target: teamId,
    detail: { count: rows.length },
    at: now,
  })
  return { teamId, items: rows.map(toRosterItem) }
}

/** `GET /api/admin/teams`: teams of the organisations the caller administers and below (403 when none). */
export async function adminTeams(db: Executor, who: UserRow, f: { status?: VolunteerTeam['status']; page: number; pageSize: number }) {
  const roots = await adminListRoots(db, who, undefined)
  const rows = await adminTeamRows(db, roots, { status: f.status, limit: f.pageSize + 1, offset: (f.page - 1) * f.pageSize })
  const items: AdminTeam[] = rows
    .slice(0, f.pageSize)
    .map(({ created_by_name, ...r }) => ({ ...toTeam(r), createdByName: created_by_name ?? null, decisionReason: r.decision_reason }))
  return { items, page: f.page, pageSize: f.pageSize, hasMore: rows.length > f.pageSize }
}
