import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Browsers an account logged in from before (a long-lived cookie holds the token; only its sha256
// is stored here). A login from such a browser is exempt from the per-address limit, so other
// people's failures behind the same address do not lock its owner out. Also an index for purging
// expired rate-limit windows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('known_browsers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('known_browsers_user').on('known_browsers').column('user_id').execute()
  await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute()
}
