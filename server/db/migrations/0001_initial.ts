import { sql, type Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('regions_parent').on('regions').column('parent_code').execute()

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('parent_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('discipline', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('established'))
    .addColumn('join_policy', 'text', (c) => c.notNull().defaultTo('approval'))
    .addColumn('description', 'text')
    .addColumn('contact', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('organizations_parent').on('organizations').column('parent_id').execute()
  await db.schema.createIndex('organizations_region').on('organizations').columns(['region_code', 'kind']).execute()
  await db.schema.createIndex('organizations_kind').on('organizations').columns(['kind', 'discipline']).execute()
  await db.schema.createIndex('organizations_version').on('organizations').column('version').execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('discipline', 'text')
    .addColumn('employer', 'text')
    .addColumn('title', 'text')
    .addColumn('bio', 'text')
    .addColumn('system_role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('privacy_consent_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('member_no', 'text', (c) => c.unique())
    .addColumn('reason', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // One live membership per person and organisation (the natural key behind "joining twice is not").
  await sql`create unique index memberships_live on memberships (user_id, org_id) where status in ('pending', 'active')`.execute(db)
  await db.schema.createIndex('memberships_org').on('memberships').columns(['org_id', 'status']).execute()
  await db.schema.createIndex('memberships_version').on('memberships').column('version').execute()

  await db.schema
    .createTable('sync_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.insertInto('sync_state').values({ id: 1, version: 0 }).execute()

  await db.schema
    .createTable('sync_mutations')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('mutation_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_mutations_pk', ['client_id', 'mutation_id'])
    .execute()

  await db.schema
    .createTable('tombstones')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('org_id', 'text')
    .addColumn('deleted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tombstones_pk', ['table_name', 'row_id'])
    .execute()
  await db.schema.createIndex('tombstones_version').on('tombstones').column('version').execute()

  await db.schema
    .createTable('signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('target', 'text')
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
