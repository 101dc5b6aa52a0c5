/**
 * The database of a search benchmark: a freshly seeded SQLite file, or — with
 * DATABASE_URL=postgres://… — a fresh schema on that PostgreSQL (dropped at the end), seeded by the
 * same seed code (seeds/index.ts writes through kysely on both engines), then ANALYZEd.
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
  /** how long seeding took, in ms */
  seedMs: number
  close(): Promise<void>
}

const SEED = { now: new Date('2026-11-28T00:00:00Z'), scryptN: 1024, demo: false }

export async function openBenchDatabase(dir: string): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL
  if (!isPostgresUrl(url)) {
    const { db, raw } = openSqlite({ file: join(dir, 'bench.db') })
    await migrateToLatest(db)
    const t0 = performance.now()
    await seedIfEmpty(db, SEED)
    return { db, engine: 'sqlite', seedMs: performance.now() - t0, close: async () => void raw.close() }
  }
  const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = openPostgres({ url, max: 1 }).db
  await sql.raw(`create schema ${schema}`).execute(admin)
  const { db } = openPostgres({ url, schema, max: 10 })
  await migrateToLatest(db)
  const t0 = performance.now()
  await seedIfEmpty(db, SEED)
  const seedMs = performance.now() - t0
  // only this schema's tables (a bare ANALYZE would visit every schema of the database)
  const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = ${schema}`.execute(db)
  for (const { t } of tables.rows) await sql.raw(`analyze ${schema}.${t}`).execute(db)
  console.log(`PostgreSQL ${redactUrl(url)}, schema ${schema}`)
  return {
    db,
    engine: 'postgres',
    seedMs,
    close: async () => {
      await db.destroy()
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(admin)
      await admin.destroy()
    },
  }
}
