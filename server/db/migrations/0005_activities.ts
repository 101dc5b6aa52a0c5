import { sql, type Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Activities, registrations (with the FIFO waitlist ordered by a server sequence, never a device
// clock), check-ins, and per-person calendar feed tokens.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('venue_address', 'text', (c) => c.notNull())
    // hubs (新时代文明实践中心 / 党群服务中心) arrive with a later issue; the column waits for them
    .addColumn('hub_id', 'text')
    .addColumn('region_code', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('registration_opens_at', 'text', (c) => c.notNull())
    .addColumn('registration_closes_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    // registered + pending_approval, kept in the same transaction as every registration change
    .addColumn('places_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('requires_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hours', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // "near me" = a handful of region codes (and their subtree by range) ordered by start
  await db.schema.createIndex('activities_region_start').on('activities').columns(['region_code', 'ends_at']).execute()
  await db.schema.createIndex('activities_org_start').on('activities').columns(['org_id', 'ends_at']).execute()
  await db.schema.createIndex('activities_start').on('activities').columns(['starts_at']).execute()
  await db.schema.createIndex('activities_version').on('activities').column('version').execute()

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    // server sequence taken when the registration was processed: the waitlist is FIFO by it
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // one live registration per person and activity: the natural-key guard behind the mutator's check
  await sql`create unique index registrations_live on registrations (activity_id, user_id) where status in ('registered', 'waitlisted', 'pending_approval')`.execute(
    db,
  )
  await db.schema.createIndex('registrations_queue').on('registrations').columns(['activity_id', 'status', 'seq']).execute()
  await db.schema.createIndex('registrations_user').on('registrations').columns(['user_id', 'version']).execute()

  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('walk_in_name', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('checked_in_by', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`create unique index check_ins_once on check_ins (activity_id, user_id) where user_id is not null`.execute(db)
  await db.schema.createIndex('check_ins_user').on('check_ins').columns(['user_id', 'version']).execute()

  await db.schema
    .createTable('calendar_tokens')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // sha256 of the token in the feed URL; the token itself is never stored
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
