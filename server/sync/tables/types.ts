import type { Change } from '../../../shared/schemas/sync'
import type { Executor } from '../../db/database'
import type { SyncScope } from '../scope'

/** A change plus the version it was stamped with (the version is what pages are cut by). */
export type VersionedChange = Change & { version: number }

/** Versions in (after, upTo], ascending; at most `limit` rows (no bound when absent). */
export interface VersionRange {
  after: number
  upTo?: number
  limit?: number
}

/**
 * One synced table: its public name, who hears about its deletes (tombstones keyed by the person,
 * or by an organisation in the caller's scope), and its changes in the caller's scope.
 */
export interface SyncedTable {
  name: string
  tombstoneScope: 'user' | 'org'
  changes(db: Executor, scope: SyncScope, range: VersionRange): Promise<VersionedChange[]>
}
