/**
 * Volunteer teams in "export my data" and "delete my account" (PIPL arts. 45 and 47). Deleting
 * ends the person's live places (`left`, each team's member count kept) and sends their other
 * devices deletes of those rows; the rows stay, anonymised with the account, as the teams' history.
 */
import { addMemberCount, updateTeamMember } from '../db/volunteer-team.repository'
import { maskToSkills } from '../../shared/schemas/volunteer'
import type { AccountEraser } from './account-delete'
import { tombstone } from './activity-account'
import type { ExportSection } from './account-export'

export const volunteerTeamEraser: AccountEraser = async (trx, user, now) => {
  const rows = await trx.selectFrom('team_members').select(['id', 'team_id', 'status']).where('user_id', '=', user.id).execute()
  for (const m of rows) {
    if (m.status === 'pending' || m.status === 'active') {
      await updateTeamMember(trx, m.id, { status: 'left', reason: null }, now)
      if (m.status === 'active') await addMemberCount(trx, m.team_id, -1, now)
    }
    await tombstone(trx, 'team_members', m.id, user.id, now)
  }
  return rows.length
    ? {
        kept: [
          { what: 'volunteerTeamPlaces', count: rows.length, why: 'teams keep their history; it now points to an anonymised account' },
        ],
      }
    : {}
}

export const volunteerTeamExportSection: ExportSection = {
  name: 'volunteerTeams',
  collect: async (db, userId) =>
    (
      await db
        .selectFrom('team_members as m')
        .innerJoin('volunteer_teams as t', 't.id', 'm.team_id')
        .select(['m.id', 'm.team_id', 't.name', 'm.role', 'm.status', 'm.skills_mask', 'm.reason', 'm.created_at', 'm.updated_at'])
        .where('m.user_id', '=', userId)
        .orderBy('m.created_at')
        .execute()
    ).map((m) => ({
      id: m.id,
      teamId: m.team_id,
      teamName: m.name,
      role: m.role,
      status: m.status,
      skills: maskToSkills(m.skills_mask),
      reason: m.reason,
      createdAt: m.created_at,
      updatedAt: m.updated_at,
    })),
}
