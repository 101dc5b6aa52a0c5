/**
 * Who may lead a volunteer team (DESIGN.md "Security model": a team leader manages that team only).
 * A team's leader and co-leaders (active members with that role) lead it; so do the admins of the
 * organisation it belongs to and of those above (they give the roles), and system admins.
 */
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import { findTeam } from '../db/volunteer.repository'
import { DomainError, forbidden } from '../errors'
import { isOrgAdmin } from './authz'
import type { TeamRole } from '../../shared/schemas/volunteer'

type Who = Pick<UserRow, 'id' | 'system_role'>

/** The person's role on the team while an active member, else null. */
export async function activeTeamRole(db: Executor, userId: string, teamId: string): Promise<TeamRole | null> {
  const row = await db
    .selectFrom('team_members')
    .select('role')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return row?.role ?? null
}

/** Is the person a leader or co-leader of the team, or an admin of its organisation (or above)? */
export async function canLeadTeam(db: Executor, user: Who, team: { id: string; org_id: string }): Promise<boolean> {
  const role = await activeTeamRole(db, user.id, team.id)
  if (role === 'leader' || role === 'co_leader') return true
  return isOrgAdmin(db, user, team.org_id)
}

/**
 * The team, if the person may lead it: 404 `team_not_found` for no such team, 403 for anyone else
 * (a leader of team A is refused on team B).
 */
export async function assertLeadsTeam(db: Executor, user: Who, teamId: string) {
  const team = await findTeam(db, teamId)
  if (!team) throw new DomainError('team_not_found', 'no such volunteer team')
  if (!(await canLeadTeam(db, user, team))) throw forbidden('you do not lead this volunteer team')
  return team
}

/** Teams where the person is an active leader or co-leader. */
export async function ledTeamIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .where('role', 'in', ['leader', 'co_leader'])
    .execute()
  return rows.map((r) => r.team_id)
}
