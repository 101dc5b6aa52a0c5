/**
 * The synced-table registry: every table a client replicates, in the caller's scope.
 *
 * An entry gives the public table name, who hears of its deletes, and a query for its rows with
 * version in a range, ascending, mapped to the public row shape (camelCase; never internal
 * columns). Adding a feature's table: write tables/<feature>.ts exporting a SyncedTable and add it
 * to `syncedTables`. Deleting a synced row must insert a tombstone (table_name = the public name,
 * user_id for a person's own rows, org_id for an organisation's public rows) in the same
 * transaction, stamped with nextVersion(). Each table also states what a device sees of it
 * (`deviceChanges`, null for a person's rows).
 */
import type { Executor } from '../db/database'
import type { SyncScope } from './scope'
import { profileTable } from './tables/profile'
import { membershipsTable } from './tables/memberships'
import { organizationsTable } from './tables/organizations'
import { activitiesTable, checkInsTable, registrationsTable } from './tables/activities'
import { noticesTable } from './tables/notices'
import { teamMembersTable, volunteerTeamsTable } from './tables/volunteer-teams'
import { shiftSignupsTable, shiftsTable, shiftSwapsTable } from './tables/volunteer-shifts'
import { hubsTable } from './tables/hubs'
import type { SyncedTable, VersionRange, VersionedChange } from './tables/types'
import { scopeExitChanges } from './scope-exits'

export const syncedTables: SyncedTable[] = [
  profileTable,
  membershipsTable,
  organizationsTable,
  activitiesTable,
  registrationsTable,
  checkInsTable,
  noticesTable,
  volunteerTeamsTable,
  teamMembersTable,
  shiftsTable,
  shiftSignupsTable,
  shiftSwapsTable,
  hubsTable,
]

/** Deletes the caller should hear of, as op 'delete' changes. */
async function tombstoneChanges(db: Executor, scope: SyncScope, { after, upTo, limit }: VersionRange): Promise<VersionedChange[]> {
  let q = db
    .selectFrom('tombstones')
    .select(['table_name', 'row_id', 'version'])
    .where('version', '>', after)
    .where((eb) => {
      if (scope.kind === 'device') {
        // only deletes of rows a device is given: its organisation's rows of the tables that give it any
        const deviceTables = syncedTables.filter((t) => t.tombstoneScope === 'org' && t.deviceChanges).map((t) => t.name)
        return eb.and([eb('table_name', 'in', deviceTables), eb('org_id', '=', scope.orgId)])
      }
      const userTables = syncedTables.filter((t) => t.tombstoneScope === 'user').map((t) => t.name)
      const orgTables = syncedTables.filter((t) => t.tombstoneScope === 'org').map((t) => t.name)
      return eb.or([
        eb.and([eb('table_name', 'in', userTables), eb('user_id', '=', scope.userId)]),
        eb.and([
          eb('table_name', 'in', orgTables),
          eb.or([
            eb('org_id', 'in', db.selectFrom('memberships').select('org_id').where('user_id', '=', scope.userId)),
            eb('org_id', 'in', scope.castChain),
          ]),
        ]),
      ])
    })
  if (upTo !== undefined) q = q.where('version', '<=', upTo)
  q = q.orderBy('version')
  if (limit !== undefined) q = q.limit(limit)
  const rows = await q.execute()
  return rows.map((r) => ({ table: r.table_name, id: r.row_id, op: 'delete' as const, version: r.version }))
}

/** A table's changes in the caller's scope: a member's reader, or what the table gives a device (nothing if null). */
const readerOf =
  (t: SyncedTable) =>
  async (db: Executor, scope: SyncScope, range: VersionRange): Promise<VersionedChange[]> =>
    scope.kind === 'member' ? t.changes(db, scope, range) : t.deviceChanges ? t.deviceChanges(db, scope, range) : []

/** One stream per synced table, the tombstones and the scope exits, each ascending by version. */
export const changeStreams: Array<(db: Executor, scope: SyncScope, range: VersionRange) => Promise<VersionedChange[]>> = [
  ...syncedTables.map(readerOf),
  tombstoneChanges,
  scopeExitChanges,
]
