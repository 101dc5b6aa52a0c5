import { sql } from 'kysely'
import type { DB } from './database'
import { isPostgres } from './postgres.dialect'

/**
 * Runs a scheduled job on one instance at a time (issue 15): every instance schedules the same
 * maintenance (server/main.ts); on PostgreSQL the first to take a session-level advisory lock named
 * after the job runs it and the others skip this round instead of queueing to redo the same work.
 * The lock is held on one pooled connection for the length of `fn` (fn itself uses the pool as
 * usual) and released after it — or by the server, should the connection or the process die.
 * On SQLite there is one process by construction: fn just runs.
 * The jobs stay idempotent on their own (purges delete what is past a date, escalation is a
 * conditional update): this saves duplicate work, it is not what makes them correct.
 * Returns whether fn ran here.
 */
export async function runExclusive(db: DB, name: string, fn: () => Promise<unknown>): Promise<boolean> {
  if (!isPostgres(db)) {
    await fn()
    return true
  }
  return db.connection().execute(async (conn) => {
    const got = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtext(${name})) as locked`.execute(conn)
    if (!got.rows[0]?.locked) return false
    try {
      await fn()
      return true
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(conn)
    }
  })
}
