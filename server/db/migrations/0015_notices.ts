import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Notices (消息, issue 12): what happened to a person — an application decided, a waitlist place,
// an activity they are on changed or cancelled — written by the service in the transaction of the
// change and synced to that person only. `version` is the sync version (a pull reads the person's
// rows by (user_id, version)); `read_at` is null until the person reads it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('activity_id', 'text')
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('starts_at', 'text')
    .addColumn('venue_address', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('notices_user_version').on('notices').columns(['user_id', 'version']).execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
