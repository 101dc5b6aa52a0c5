/**
 * Synced volunteer team tables:
 * - 'volunteer_teams': the teams the person has a place on, in any status (asked, member, left …),
 *   so the 志愿 tab shows them offline. A team the person joins late carries an old version of its
 *   own; it rides on the version of their team_members row (`via`), like activities ride on a
 *   registration. Teams are never deleted (closed is a status): no tombstones.
 * - 'team_members': the person's own places.
 * Devices get neither for now (the kiosk issue decides what a hub's device needs).
 */
import { toTeam, toTeamMember } from '../../db/volunteer.repository'
import { enteredScope } from './scope-orgs'
import { inVersionRange, laterVersion, upsert, type SyncedTable } from './types'

export const volunteerTeamsTable: SyncedTable = {
  name: 'volunteer_teams',
  tombstoneScope: 'org',
  async changes(db, scope, range) {
    const byPlace = db.selectFrom('team_members').select(['team_id as id', 'version as via']).where('user_id', '=', scope.userId)
    const entered = enteredScope(db, byPlace)
    const syncVersion = laterVersion('t.version', 's.via')
    const q = db
      .selectFrom('volunteer_teams as t')
      .innerJoin(entered, 's.id', 't.id')
      .innerJoin('organizations as o', 'o.id', 't.org_id')
      .selectAll('t')
      .select(['o.name as org_name', syncVersion.as('sync_version')])
    const rows = await inVersionRange(q, syncVersion, 'sync_version', range, 't.id').execute()
    return rows.map(({ sync_version, ...r }) => upsert('volunteer_teams', toTeam(r), Number(sync_version)))
  },
  // which teams a person is on is theirs; a hub's device gets teams when the kiosk issue says which
  deviceChanges: null,
}

/** The person's own places on teams, whatever their status. */
export const teamMembersTable: SyncedTable = {
  name: 'team_members',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const q = db.selectFrom('team_members').selectAll().where('user_id', '=', scope.userId)
    const rows = await inVersionRange(q, 'version', 'version', range, 'id').execute()
    return rows.map((r) => upsert('team_members', toTeamMember(r), r.version))
  },
  // who is on which team is private to each person: never to a device
  deviceChanges: null,
}
