import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// The per-account sync mutation budget (server/sync/budget.ts), a token bucket per actor key, kept in
// the database so several server instances (issue 15) share one budget instead of one each.
// `tokens` left at `at` (epoch ms); a missing row is a full bucket.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_budgets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'real', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute()
}
