import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Device credentials (shared kiosk tablets) live beside sessions and are revocable by an admin of
// the organisation they are bound to. The token itself is never stored, only its hash.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute()
  await db.schema.createIndex('devices_org').on('devices').column('org_id').execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
