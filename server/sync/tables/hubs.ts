/**
 * Synced table 'hubs' (issue 14): a kiosk's own hub (name, address, opening hours for its home
 * screen). Members get none through sync (they read hubs over REST: GET /api/hubs/{id}); an
 * organisation-bound device none either. Hubs are never deleted (closed is a status).
 */
import { hubQuery, toHub } from '../../db/hub.repository'
import { inVersionRange, upsert, type SyncedTable } from './types'

export const hubsTable: SyncedTable = {
  name: 'hubs',
  tombstoneScope: 'org',
  changes: async () => [],
  /** The kiosk's hub; its scope is fixed at enrolment, so the row's own version is enough. */
  async deviceChanges(db, scope, range) {
    if (!scope.hubId) return []
    const q = hubQuery(db).where('hubs.id', '=', scope.hubId)
    const rows = await inVersionRange(q, 'hubs.version', 'hubs.version', range).execute()
    return rows.map((r) => upsert('hubs', toHub(r), r.version))
  },
}
