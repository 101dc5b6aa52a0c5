import { sql, type Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// The sync actor may be a kiosk device as well as a person: a sync client and its idempotency
// records belong to exactly one of a user or a device. SQLite cannot relax NOT NULL in place, so
// both tables are rebuilt (same columns plus device_id) and their rows copied; nothing refers to them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_clients_new')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.references('devices.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_pull_at', 'text')
    .addCheckConstraint('sync_clients_one_owner', sql`(user_id is null) <> (device_id is null)`)
    .execute()
  await sql`insert into sync_clients_new (client_id, user_id, created_at, last_pull_at) select client_id, user_id, created_at, last_pull_at from sync_clients`.execute(
    db,
  )
  await db.schema.dropTable('sync_clients').execute()
  await db.schema.alterTable('sync_clients_new').renameTo('sync_clients').execute()
  await db.schema.createIndex('sync_clients_user').on('sync_clients').column('user_id').execute()
  await db.schema.createIndex('sync_clients_device').on('sync_clients').column('device_id').execute()

  await db.schema
    .createTable('sync_mutations_new')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('mutation_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('device_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // a new name: PostgreSQL names the key's index after it, and the old table still holds 'sync_mutations_pk'
    .addPrimaryKeyConstraint('sync_mutations_key', ['client_id', 'mutation_id'])
    .addCheckConstraint('sync_mutations_one_owner', sql`(user_id is null) <> (device_id is null)`)
    .execute()
  await sql`insert into sync_mutations_new (client_id, mutation_id, user_id, name, status, result, version, created_at)
    select client_id, mutation_id, user_id, name, status, result, version, created_at from sync_mutations`.execute(db)
  await db.schema.dropTable('sync_mutations').execute()
  await db.schema.alterTable('sync_mutations_new').renameTo('sync_mutations').execute()
  await db.schema.createIndex('sync_mutations_client_version').on('sync_mutations').columns(['client_id', 'version']).execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
