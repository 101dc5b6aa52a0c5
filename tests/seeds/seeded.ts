/**
 * The seed tests' database: a fresh one (in-memory SQLite, or a fresh schema on the server-pg
 * project's PostgreSQL) with the full seed (demo data included) at their clock, and plain-SQL
 * helpers over kysely that run on both engines (`?` placeholders, as the tests were written).
 */
import { sql, type RawBuilder } from 'kysely'
import type { DB } from '../../server/db/database'
import { seedIfEmpty } from '../../seeds/index'
import { openTestDatabase } from '../server/fixtures/database'

export const SEED_NOW = new Date('2026-11-28T08:00:00Z')
/** A full seed takes seconds, a minute or more on a busy shared machine: well past the default hook timeout. */
export const SEED_TIMEOUT = 300_000

export async function seeded() {
  const ctx = await openTestDatabase()
  const result = await seedIfEmpty(ctx.db, { now: SEED_NOW, scryptN: 1024 })
  return { db: ctx.db, result }
}

/** `text` with its `?` placeholders bound to `args`, in order. */
function bind(text: string, args: readonly unknown[]): RawBuilder<Record<string, unknown>> {
  const parts = text.split('?')
  if (parts.length - 1 !== args.length) throw new Error(`${parts.length - 1} placeholders, ${args.length} values: ${text}`)
  let q: RawBuilder<unknown> = sql.raw(parts[0]!)
  for (let i = 0; i < args.length; i++) q = sql`${q}${args[i]}${sql.raw(parts[i + 1]!)}`
  return q as RawBuilder<Record<string, unknown>>
}

/** Every row of a query. */
export async function rows<T>(db: DB, text: string, ...args: unknown[]): Promise<T[]> {
  return (await bind(text, args).execute(db)).rows as T[]
}

/** The first column of the first row (undefined without a row), like better-sqlite3's pluck().get(). */
export async function first(db: DB, text: string, ...args: unknown[]): Promise<number> {
  const row = (await bind(text, args).execute(db)).rows[0]
  return (row === undefined ? undefined : Object.values(row)[0]) as number
}
