import { sql } from 'kysely'
import type { Executor } from './database'

/**
 * Hands out the next sync version. Every write to a synced row stamps it, so pulls can ask for
 * "changes since cursor". Writers serialise on the one counter row, so on PostgreSQL a version is
 * never visible before a smaller one commits (a bare sequence would allow that).
 * Call inside the transaction that writes the row.
 */
export async function nextVersion(db: Executor): Promise<number> {
  // outside a transaction the number would commit before the row it stamps: a pull could skip that row
  if (!db.isTransaction) throw new Error('nextVersion must run inside the transaction that writes the row')
  const row = await sql<{ version: number }>`update sync_state set version = version + 1 where id = 1 returning version`.execute(db)
  return row.rows[0]!.version
}

export async function currentVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('sync_state').select('version').where('id', '=', 1).executeTakeFirstOrThrow()
  return row.version
}
