/**
 * Everything SQLite-specific lives here (the scale path keeps a PostgreSQL twin beside it):
 * opening the file with the pragmas we rely on, and full-text search.
 */
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from './database'

export interface SqliteOptions {
  /** ':memory:' for tests */
  file: string
}

export function openSqlite({ file }: SqliteOptions): { db: Kysely<Database>; raw: SQLite.Database } {
  const raw = new SQLite(file)
  if (file !== ':memory:') raw.pragma('journal_mode = WAL')
  raw.pragma('foreign_keys = ON')
  raw.pragma('busy_timeout = 5000')
  // FULL: an acknowledged write survives a power cut, not only a process crash (ledger data).
  raw.pragma('synchronous = FULL')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
  return { db, raw }
}
