import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// The organiser's reason for cancelling an activity, shown to its registrants.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').addColumn('cancel_reason', 'text').execute()
}
