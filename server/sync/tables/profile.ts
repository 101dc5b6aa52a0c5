import { profileQuery, toProfile } from '../../domain/me'
import { inVersionRange, upsert, type SyncedTable } from './types'

export const profileTable: SyncedTable = {
  name: 'profile',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const q = profileQuery(db).where('users.id', '=', scope.userId)
    const rows = await inVersionRange(q, 'users.version', 'users.version', range).execute()
    return rows.map((r) => upsert('profile', toProfile(r), r.version))
  },
  // a person's own profile: a device is nobody
  deviceChanges: null,
}
