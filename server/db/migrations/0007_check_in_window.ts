import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Check-in is accepted from this many minutes before an activity's start until its end (issue 10);
// existing activities get the default of two hours.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('activities')
    .addColumn('check_in_opens_minutes_before', 'integer', (c) => c.notNull().defaultTo(120))
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
