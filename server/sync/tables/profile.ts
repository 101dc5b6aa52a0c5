import { profileQuery, toProfile } from '../../domain/me'
import type { SyncedTable } from './types'

export const profileTable: SyncedTable = {
  name: 'profile',
  tombstoneScope: 'user',
  async changes(db, scope, { after, upTo, limit }) {
    let q = profileQuery(db).where('users.id', '=', scope.userId).where('users.version', '>', after)
    if (upTo !== undefined) q = q.where('users.version', '<=', upTo)
    const rows = await q.limit(limit ?? 1).execute()
    return rows.map((r) => ({ table: 'profile', id: r.id, op: 'upsert' as const, row: toProfile(r), version: r.version }))
  },
  // a person's own profile: a device is nobody
  deviceChanges: null,
}
