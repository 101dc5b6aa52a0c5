/** The seed tests' database: a fresh in-memory one with the full seed (demo data included) at their clock. */
import { openSqlite } from '../../server/db/sqlite.dialect'
import { migrateToLatest } from '../../server/db/migrate'
import { seedIfEmpty } from '../../seeds/index'

export const SEED_NOW = new Date('2026-11-28T08:00:00Z')
/** A full seed takes seconds, a minute or more on a busy shared machine: well past the default hook timeout. */
export const SEED_TIMEOUT = 300_000

export async function seeded() {
  const ctx = openSqlite({ file: ':memory:' })
  await migrateToLatest(ctx.db)
  const result = await seedIfEmpty(ctx.db, { now: SEED_NOW, scryptN: 1024 })
  return { ...ctx, result }
}
