/** A sync client (one browser profile or kiosk install) belongs to the actor who first used it: a person or a device. */
export interface SyncClientTable {
  client_id: string
  /** exactly one of user_id and device_id is set (a check constraint) */
  user_id: string | null
  device_id: string | null
  created_at: string
  last_pull_at: string | null
}

/** One row (id = 1): the highest tombstone version purged so far; older cursors must reset. */
export interface SyncHorizonTable {
  id: number
  version: number
  purged_at: string | null
}

/** A row that left one person's scope at `version`; kept and purged like tombstones. */
export interface SyncScopeExitTable {
  user_id: string
  table_name: string
  row_id: string
  version: number
  exited_at: string
}
