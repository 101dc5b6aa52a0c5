/**
 * The seed's one writer: multi-row inserts through kysely, in chunks, so the same code fills SQLite
 * and PostgreSQL. A statement carries at most MAX_PARAMS bound values: under SQLite's 32,766 and
 * PostgreSQL's 65,535, and large enough that the 45,000 regions take a handful of statements.
 */
import { sql, type Insertable, type RawBuilder } from 'kysely'
import type { Database, Executor } from '../server/db/database'

const MAX_PARAMS = 30_000

/** A row to insert into `T`. */
export type Row<T extends keyof Database> = Insertable<Database[T]>

/** Inserts `rows` into `table`, as many rows per statement as the column count allows. */
export async function insertRows<T extends keyof Database & string>(
  trx: Executor,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0]!).length
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns))
  for (let i = 0; i < rows.length; i += size) {
    // kysely cannot narrow a generic table's insert type
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute()
  }
}

/** The rows of a read-only query (plain SQL that runs on both engines). */
export async function query<R>(trx: Executor, q: RawBuilder<R>): Promise<R[]> {
  return (await q.execute(trx)).rows
}

export { sql }
