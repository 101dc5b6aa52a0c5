import { sql, type ReferenceExpression, type SelectQueryBuilder, type StringReference } from 'kysely'
import type { Change } from '../../../shared/schemas/sync'
import type { Executor } from '../../db/database'
import type { DeviceScope, MemberScope } from '../scope'

/** A change plus the version it was stamped with (the version is what pages are cut by). */
export type VersionedChange = Change & { version: number }

/** Versions in (after, upTo], ascending; at most `limit` rows (no bound when absent). */
export interface VersionRange {
  after: number
  upTo?: number
  limit?: number
}

export type ChangeReader<S> = (db: Executor, scope: S, range: VersionRange) => Promise<VersionedChange[]>

/**
 * One synced table: its public name, who hears about its deletes (tombstones keyed by the person,
 * or by an organisation in the caller's scope), its changes in a member's scope, and — stated by
 * every table, never defaulted — what a device sees of it: `null` for a person's rows (a device
 * sees none of them, nor their deletes).
 */
export interface SyncedTable {
  name: string
  tombstoneScope: 'user' | 'org'
  changes: ChangeReader<MemberScope>
  deviceChanges: ChangeReader<DeviceScope> | null
}

/**
 * Cuts a query to a version range: versions in (after, upTo], ascending (then by `tieBreak`, for a
 * stable page when one version stamps several rows), at most `limit` rows.
 */
export function inVersionRange<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  version: ReferenceExpression<DB, TB>,
  orderBy: StringReference<DB, TB> | (keyof O & string),
  { after, upTo, limit }: VersionRange,
  tieBreak?: StringReference<DB, TB>,
): SelectQueryBuilder<DB, TB, O> {
  q = q.where(version, '>', after)
  if (upTo !== undefined) q = q.where(version, '<=', upTo)
  q = q.orderBy(orderBy)
  if (tieBreak !== undefined) q = q.orderBy(tieBreak)
  if (limit !== undefined) q = q.limit(limit)
  return q
}

/** The change that upserts `row` (the change's id is the row's), stamped with `version`. */
export function upsert(table: string, row: Record<string, unknown> & { id: string }, version: number): VersionedChange {
  return { table, id: row.id, op: 'upsert', row, version }
}

/**
 * The later of two version columns, in SQL: a row that entered the scope after its last change
 * rides on the version at which it entered.
 */
export function laterVersion(a: string, b: string) {
  return sql<number>`case when ${sql.ref(a)} > ${sql.ref(b)} then ${sql.ref(a)} else ${sql.ref(b)} end`
}
