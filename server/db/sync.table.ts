import type { Selectable } from 'kysely'

/** One row (id = 1) holding the last version handed out; writers serialise on it. */
export interface SyncStateTable {
  id: number
  version: number
}

/** Every processed mutation, keyed by (client_id, mutation_id): the idempotency record. */
export interface SyncMutationTable {
  client_id: string
  mutation_id: string
  /** the actor who pushed it: exactly one of user_id and device_id is set */
  user_id: string | null
  device_id: string | null
  name: string
  status: 'applied' | 'rejected'
  /** JSON of the result returned to the client */
  result: string
  /** server version current when it was processed; the record is kept until the client pulls past it */
  version: number
  created_at: string
}
export type SyncMutationRow = Selectable<SyncMutationTable>

/** A deleted synced row, kept at least as long as the promised offline window. */
export interface TombstoneTable {
  table_name: string
  row_id: string
  version: number
  /** scope keys, so a pull can tell who should hear of the delete */
  user_id: string | null
  org_id: string | null
  deleted_at: string
}

/** One actor's sync mutation budget (migration 0019, server/sync/budget.ts): tokens left at `at` (epoch ms). */
export interface SyncBudgetTable {
  key: string
  tokens: number
  at: number
}
