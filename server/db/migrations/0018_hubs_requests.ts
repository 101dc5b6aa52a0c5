import { sql, type Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Hubs and kiosks, service requests (issue 14): hubs (新时代文明实践中心 / 所 / 站, 党群服务中心) registered by
// the admins of an area; a kiosk device is enrolled to one hub with a one-time code (only its hash is
// stored) and gets a short device number for the request numbers it makes offline; service requests
// (点单 → 派单 → 接单 → 评单) with their timeline. activities.hub_id and volunteer_services.hub_id (added
// empty by 0005 and 0017) now point at hubs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hubs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('hubs_org').on('hubs').columns(['org_id', 'status']).execute()
  await db.schema.createIndex('hubs_region').on('hubs').columns(['region_code', 'status']).execute()
  await db.schema.createIndex('hubs_version').on('hubs').column('version').execute()
  await db.schema.createIndex('activities_hub').on('activities').columns(['hub_id', 'starts_at']).execute()
  await db.schema.createIndex('volunteer_services_hub').on('volunteer_services').column('hub_id').execute()

  // a kiosk's hub and its short number (the 12 of request number 12-0007); org-bound devices of 0004 keep both null
  await db.schema.alterTable('devices').addColumn('hub_id', 'text').execute()
  await db.schema.alterTable('devices').addColumn('device_no', 'integer').execute()
  await sql`create unique index devices_device_no on devices (device_no) where device_no is not null`.execute(db)
  await db.schema.createIndex('devices_hub').on('devices').column('hub_id').execute()

  await db.schema
    .createTable('device_enrolment_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.id'))
    // sha256 (base64url) of the normalised code; the code itself is shown once
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('device_id', 'text')
    .execute()
  await db.schema.createIndex('device_enrolment_codes_hub').on('device_enrolment_codes').columns(['hub_id', 'used_at']).execute()

  await db.schema
    .createTable('service_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('wanted_date', 'text', (c) => c.notNull())
    .addColumn('wanted_period', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.references('volunteer_teams.id'))
    .addColumn('shift_id', 'text')
    .addColumn('complete_by', 'text')
    .addColumn('state_entered_at', 'text', (c) => c.notNull())
    .addColumn('state_due_at', 'text')
    .addColumn('overdue_at', 'text')
    .addColumn('escalated_org_id', 'text')
    .addColumn('report', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('device_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('service_requests_org').on('service_requests').columns(['org_id', 'status', 'created_at']).execute()
  await db.schema.createIndex('service_requests_team').on('service_requests').columns(['team_id', 'status']).execute()
  await db.schema.createIndex('service_requests_due').on('service_requests').columns(['status', 'state_due_at']).execute()

  await db.schema
    .createTable('service_request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('service_requests.id'))
    // the event's place in its request's timeline (1, 2, …): two moves in one instant keep their order
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('note', 'text')
    .execute()
  await db.schema
    .createIndex('service_request_events_request')
    .on('service_request_events')
    .columns(['request_id', 'seq'])
    .unique()
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
