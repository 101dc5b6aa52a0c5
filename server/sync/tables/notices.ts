import { toNotice } from '../../domain/notices'
import { inVersionRange, upsert, type SyncedTable } from './types'

/** The person's own notices (消息), read or not. */
export const noticesTable: SyncedTable = {
  name: 'notices',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const q = db.selectFrom('notices').selectAll().where('user_id', '=', scope.userId)
    const rows = await inVersionRange(q, 'version', 'version', range, 'id').execute()
    return rows.map((r) => upsert('notices', toNotice(r), r.version))
  },
  // what happened to a person is theirs alone: a device never sees a notice
  deviceChanges: null,
}
