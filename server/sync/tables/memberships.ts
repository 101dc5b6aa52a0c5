import type { MembershipRow } from '../../db/database.types'
import type { SyncedTable } from './types'

function toMembership(r: MembershipRow) {
  return {
    id: r.id,
    orgId: r.org_id,
    status: r.status,
    role: r.role,
    memberNo: r.member_no,
    reason: r.reason,
    validUntil: r.valid_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }
}

/** The person's own memberships, whatever their status. */
export const membershipsTable: SyncedTable = {
  name: 'memberships',
  tombstoneScope: 'user',
  async changes(db, scope, { after, upTo, limit }) {
    let q = db.selectFrom('memberships').selectAll().where('user_id', '=', scope.userId).where('version', '>', after)
    if (upTo !== undefined) q = q.where('version', '<=', upTo)
    q = q.orderBy('version')
    if (limit !== undefined) q = q.limit(limit)
    const rows = await q.execute()
    return rows.map((r) => ({ table: 'memberships', id: r.id, op: 'upsert' as const, row: toMembership(r), version: r.version }))
  },
  // who belongs to an organisation is private to each person: never to a device
  deviceChanges: null,
}
