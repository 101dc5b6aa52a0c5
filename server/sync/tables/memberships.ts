import { toMembership } from '../../db/membership.repository'
import { inVersionRange, upsert, type SyncedTable } from './types'

/** The person's own memberships, whatever their status. */
export const membershipsTable: SyncedTable = {
  name: 'memberships',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const q = db.selectFrom('memberships').selectAll().where('user_id', '=', scope.userId)
    const rows = await inVersionRange(q, 'version', 'version', range).execute()
    return rows.map((r) => upsert('memberships', toMembership(r), r.version))
  },
  // who belongs to an organisation is private to each person: never to a device
  deviceChanges: null,
}
