import type { OrganizationRow } from '../../db/database.types'
import { enteredScope, scopeOrgs } from './scope-orgs'
import { inVersionRange, laterVersion, upsert, type SyncedTable } from './types'

function toOrganization(r: OrganizationRow) {
  return {
    id: r.id,
    kind: r.kind,
    level: r.level,
    name: r.name,
    shortName: r.short_name,
    regionCode: r.region_code,
    parentId: r.parent_id,
    discipline: r.discipline,
    status: r.status,
    joinPolicy: r.join_policy,
    description: r.description,
    contact: r.contact,
    version: r.version,
  }
}

/**
 * Organisations the person has a membership in, plus the 科协 chain over their region. A change's
 * version is the later of the row's own version and the version at which it entered the scope.
 */
export const organizationsTable: SyncedTable = {
  name: 'organizations',
  tombstoneScope: 'org',
  async changes(db, scope, range) {
    const entered = enteredScope(db, scopeOrgs(db, scope))
    const syncVersion = laterVersion('o.version', 's.via')
    const q = db.selectFrom('organizations as o').innerJoin(entered, 's.id', 'o.id').selectAll('o').select(syncVersion.as('sync_version'))
    const rows = await inVersionRange(q, syncVersion, 'sync_version', range, 'o.id').execute()
    return rows.map(({ sync_version, ...r }) => upsert('organizations', toOrganization(r), Number(sync_version)))
  },
  /** The device's own organisation: its scope is fixed at issue, so the row's own version is enough. */
  async deviceChanges(db, scope, range) {
    const q = db.selectFrom('organizations').selectAll().where('id', '=', scope.orgId)
    const rows = await inVersionRange(q, 'version', 'version', range).execute()
    return rows.map((r) => upsert('organizations', toOrganization(r), r.version))
  },
}
