/**
 * The database of a search benchmark: a freshly seeded SQLite file, or — with
 * DATABASE_URL=postgres://… — the same data on PostgreSQL in a fresh schema (dropped at the end).
 *
 * PostgreSQL gets its rows copied from the seeded SQLite file (seeding PostgreSQL directly is being
 * built separately): the schema is migrated by migrateToLatest, then every table is copied with
 * triggers and foreign keys off (`session_replication_role = replica`, so org_search_doc is copied
 * as is rather than rebuilt row by row; rows the migrations wrote replaced), the sequences moved past the copied ids, and ANALYZE run.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openSqlite } from '../server/db/sqlite.dialect'
import { openPostgres } from '../server/db/postgres.dialect'
import { isPostgresUrl, redactUrl } from '../server/db/open'
import { migrateToLatest } from '../server/db/migrate'
import type { DB } from '../server/db/database'
import { seedIfEmpty } from '../seeds/index'

export interface BenchDatabase {
  db: DB
  engine: 'sqlite' | 'postgres'
  /** how long seeding (and on PostgreSQL the copy) took, in ms */
  seedMs: number
  close(): Promise<void>
}

export async function openBenchDatabase(dir: string): Promise<BenchDatabase> {
  const { db: lite, raw } = openSqlite({ file: join(dir, 'bench.db') })
  await migrateToLatest(lite)
  const t0 = performance.now()
  await seedIfEmpty(lite, raw, { now: new Date('2026-11-28T00:00:00Z'), scryptN: 1024, demo: false })
  const url = process.env.DATABASE_URL
  if (!isPostgresUrl(url)) return { db: lite, engine: 'sqlite', seedMs: performance.now() - t0, close: async () => void raw.close() }

  const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = openPostgres({ url, max: 1 }).db
  await sql.raw(`create schema ${schema}`).execute(admin)
  const { db } = openPostgres({ url, schema, max: 10 })
  await migrateToLatest(db)
  const tables = raw
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
         and name not like 'org_search_fts%' and name not like 'kysely_%'`,
    )
    .pluck()
    .all() as string[]
  let copied = 0
  await db.connection().execute(async (c) => {
    await sql`set session_replication_role = replica`.execute(c)
    for (const table of tables) {
      const rows = raw.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]
      if (!rows.length) continue
      // rows a migration wrote (sync_state …) are in the SQLite file too
      await sql`delete from ${sql.table(table)}`.execute(c)
      const batch = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length))
      for (let i = 0; i < rows.length; i += batch)
        await c
          .insertInto(table as 'regions')
          .values(rows.slice(i, i + batch) as never)
          .execute()
      copied += rows.length
    }
    await sql`set session_replication_role = origin`.execute(c)
  })
  const serials = await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns
    where table_schema = ${schema} and column_default like 'nextval(%'`.execute(db)
  for (const { t, c } of serials.rows)
    await sql.raw(`select setval(pg_get_serial_sequence('${t}', '${c}'), coalesce((select max(${c}) from ${t}), 0) + 1, false)`).execute(db)
  for (const table of tables) await sql.raw(`analyze ${schema}.${table}`).execute(db)
  raw.close()
  console.log(`PostgreSQL ${redactUrl(url)}, schema ${schema}: ${copied} rows copied from the seeded SQLite file`)
  return {
    db,
    engine: 'postgres',
    seedMs: performance.now() - t0,
    close: async () => {
      await db.destroy()
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(admin)
      await admin.destroy()
    },
  }
}
