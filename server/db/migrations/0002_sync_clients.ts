import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Sync engine bookkeeping: which person owns a client id, rows that left a person's scope, and how
// far tombstones have been purged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_pull_at', 'text')
    .execute()
  await db.schema.createIndex('sync_clients_user').on('sync_clients').column('user_id').execute()

  // One row (id = 1): the highest tombstone version ever purged. A cursor below it missed a delete.
  await db.schema
    .createTable('sync_horizon')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('purged_at', 'text')
    .execute()
  await db.insertInto('sync_horizon').values({ id: 1, version: 0, purged_at: null }).execute()

  // A row that left one person's scope (an organisation of a membership they no longer hold, the
  // 科协 chain of a region they moved away from): pulls turn it into a delete for that person only.
  await db.schema
    .createTable('sync_scope_exits')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('exited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_scope_exits_pk', ['user_id', 'table_name', 'row_id'])
    .execute()
  await db.schema.createIndex('sync_scope_exits_user_version').on('sync_scope_exits').columns(['user_id', 'version']).execute()

  await db.schema.createIndex('sync_mutations_client_version').on('sync_mutations').columns(['client_id', 'version']).execute()
  await db.schema.createIndex('tombstones_user').on('tombstones').columns(['user_id', 'version']).execute()
  await db.schema.createIndex('tombstones_org').on('tombstones').columns(['org_id', 'version']).execute()
  await db.schema.createIndex('memberships_user_version').on('memberships').columns(['user_id', 'version']).execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
