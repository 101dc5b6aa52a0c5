/**
 * Rows leaving a person's scope. A cursor-based pull only sees rows that changed; an organisation
 * that merely stopped being visible to someone did not change, so without this its copy would stay
 * in their replica forever. Two sources of exits, both versioned:
 * - a deleted membership (its tombstone names the organisation): derived here, nothing to write;
 * - anything else (a region change drops the old 科协 chain): recordScopeExit in the same transaction.
 * An exit is sent as a delete only if the row is not in the person's scope now (it may have come back).
 */
import { sql } from 'kysely'
import type { Executor } from '../db/database'
import type { SyncScope } from './scope'
import type { VersionRange, VersionedChange } from './tables/types'

export async function recordScopeExit(
  db: Executor,
  e: { userId: string; table: string; rowId: string; version: number; at: Date },
): Promise<void> {
  const values = { user_id: e.userId, table_name: e.table, row_id: e.rowId, version: e.version, exited_at: e.at.toISOString() }
  await db
    .insertInto('sync_scope_exits')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['user_id', 'table_name', 'row_id']).doUpdateSet({ version: values.version, exited_at: values.exited_at }),
    )
    .execute()
}

export async function scopeExitChanges(db: Executor, scope: SyncScope, { after, upTo, limit }: VersionRange): Promise<VersionedChange[]> {
  // a device's scope (its one organisation) is fixed when it is issued: nothing ever leaves it
  if (scope.kind === 'device') return []
  const fromTombstones = db
    .selectFrom('tombstones')
    .select([sql<string>`'organizations'`.as('table_name'), 'org_id as row_id', 'version'])
    .where('table_name', '=', 'memberships')
    .where('user_id', '=', scope.userId)
    .where('org_id', 'is not', null)
  const recorded = db.selectFrom('sync_scope_exits').select(['table_name', 'row_id', 'version']).where('user_id', '=', scope.userId)
  let q = db
    .selectFrom(fromTombstones.unionAll(recorded).as('e'))
    .select(['e.table_name', 'e.row_id', 'e.version'])
    .where('e.version', '>', after)
    .where((eb) =>
      eb.not(
        eb.and([
          eb('e.table_name', '=', 'organizations'),
          eb.or([
            eb('e.row_id', 'in', db.selectFrom('memberships').select('org_id').where('user_id', '=', scope.userId)),
            eb('e.row_id', 'in', scope.castChain),
          ]),
        ]),
      ),
    )
  if (upTo !== undefined) q = q.where('e.version', '<=', upTo)
  q = q.orderBy('e.version').orderBy('e.row_id')
  if (limit !== undefined) q = q.limit(limit)
  const rows = await q.execute()
  return rows.map((r) => ({ table: r.table_name, id: r.row_id!, op: 'delete' as const, version: r.version }))
}
