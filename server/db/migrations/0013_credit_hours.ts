import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Activity `hours` becomes `credit_hours` (issue 9) before volunteer service hours and course 学时
// arrive with their own columns. RENAME COLUMN keeps every value and works the same on PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').renameColumn('hours', 'credit_hours').execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
