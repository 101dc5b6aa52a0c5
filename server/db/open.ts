/**
 * One place decides the engine: `DATABASE_URL=postgres://…` opens PostgreSQL (several instances may
 * share it: issue 15), anything else the embedded SQLite file in the data folder — the default, so
 * `npm install && npm start` needs nothing else.
 */
import { join } from 'node:path'
import type SQLite from 'better-sqlite3'
import type { DB } from './database'
import { openSqlite } from './sqlite.dialect'
import { openPostgres } from './postgres.dialect'

export interface OpenDatabase {
  db: DB
  engine: 'sqlite' | 'postgres'
  /** for the log: the file, or the PostgreSQL address without its password */
  where: string
  /** the better-sqlite3 handle on SQLite (backups, pragmas); null on PostgreSQL */
  sqlite: SQLite.Database | null
  close(): Promise<void>
}

export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url)

/** Hides a password in a connection URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}

export function openDatabase(env: { DATABASE_URL?: string; PG_POOL_MAX?: string }, dataDir: string): OpenDatabase {
  if (isPostgresUrl(env.DATABASE_URL)) {
    const { db } = openPostgres({ url: env.DATABASE_URL, max: Number(env.PG_POOL_MAX || 10) })
    return { db, engine: 'postgres', where: redactUrl(env.DATABASE_URL), sqlite: null, close: () => db.destroy() }
  }
  const file = join(dataDir, 'app.db')
  const { db, raw } = openSqlite({ file })
  return {
    db,
    engine: 'sqlite',
    where: file,
    sqlite: raw,
    close: async () => {
      raw.close()
    },
  }
}
