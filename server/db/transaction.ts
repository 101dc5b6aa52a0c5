/**
 * Write transactions. On SQLite there is one writer at a time by construction. On PostgreSQL, with
 * several server instances (issue 15), every write transaction first locks the one row of
 * `sync_state` — the sync version counter every synced write stamps anyway — so writers run one at
 * a time across all instances, as on SQLite:
 * - every "count the places, then take one" rule (capacity, the FIFO waitlist and its promotions,
 *   member numbers, request and device numbers) written for one writer stays correct: in READ
 *   COMMITTED each statement after the lock sees every commit before it;
 * - versions commit in the order they are handed out, so a pull that reads the counter and then
 *   the rows up to it never skips a change committed late with a lower version;
 * - no deadlocks between writers: they all take this lock first.
 * Reads (pages, pulls, searches, card checks) never take it and run in parallel on every instance.
 * The price is one writer at a time (bench/README.md measures it); the finer-grained next step
 * (locking the activity or shift row instead) is described in docs/ARCHITECTURE.md.
 */
import { sql, type ControlledTransaction, type Transaction } from 'kysely'
import type { DB, Database, Executor } from './database'
import { isPostgres } from './postgres.dialect'

/** Takes the writers' lock inside an open transaction (a no-op on SQLite); held until commit or rollback. */
export async function takeWriterLock(trx: Executor): Promise<void> {
  if (isPostgres(trx)) await sql`select version from sync_state where id = 1 for update`.execute(trx)
}

/** `db.transaction().execute(fn)` for transactions that write: the writers' lock first. */
export function writeTransaction<T>(db: DB, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await takeWriterLock(trx)
    return fn(trx)
  })
}

/** `db.startTransaction()` for a write transaction the caller commits itself (sync push). */
export async function startWriteTransaction(db: DB): Promise<ControlledTransaction<Database>> {
  const trx = await db.startTransaction().execute()
  try {
    await takeWriterLock(trx)
  } catch (err) {
    await trx.rollback().execute()
    throw err
  }
  return trx
}
