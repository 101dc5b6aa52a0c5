import { sql, type Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Volunteer services (issue 13): teams (科技志愿服务队) and their members with roles, services (志愿服务项目)
// with shifts (班次) that have slots, required skills and a weekly series; sign-ups with the FIFO
// waitlist (server `seq`), attendance and the hours a leader approves; swap requests. Skills are bit
// masks (shared/schemas/volunteer.ts VOLUNTEER_SKILLS) so "matching my skills" is one `&` in SQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('volunteer_teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('skills_mask', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('min_attendance_percent', 'integer', (c) => c.notNull())
    .addColumn('cancel_cutoff_hours', 'integer', (c) => c.notNull())
    // sha256 of the invitation code (joining with it skips approval); null = no link issued
    .addColumn('invite_hash', 'text')
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decision_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('volunteer_teams_org').on('volunteer_teams').columns(['org_id', 'status']).execute()
  await db.schema.createIndex('volunteer_teams_region').on('volunteer_teams').columns(['region_code', 'status']).execute()
  await db.schema.createIndex('volunteer_teams_version').on('volunteer_teams').column('version').execute()

  await db.schema
    .createTable('team_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('volunteer_teams.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('skills_mask', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // one live place per person and team
  await sql`create unique index team_members_live on team_members (team_id, user_id) where status in ('pending', 'active')`.execute(db)
  await db.schema.createIndex('team_members_team').on('team_members').columns(['team_id', 'status']).execute()
  await db.schema.createIndex('team_members_user').on('team_members').columns(['user_id', 'version']).execute()

  await db.schema
    .createTable('volunteer_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('volunteer_teams.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // a hub (新时代文明实践中心) once hubs exist (issue 14); the venue is an address until then
    .addColumn('hub_id', 'text')
    .addColumn('venue_address', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('volunteer_services_team').on('volunteer_services').columns(['team_id', 'status']).execute()

  await db.schema
    .createTable('shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('volunteer_services.id'))
    // copied from the service (never changes): the week view and the sync scope read by team
    .addColumn('team_id', 'text', (c) => c.notNull().references('volunteer_teams.id'))
    // copied from the service (updated with it): "open shifts near me" reads by region
    .addColumn('region_code', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('slots', 'integer', (c) => c.notNull())
    // signed_up, kept in the same transaction as every sign-up change
    .addColumn('places_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('required_skills_mask', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('series_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('shifts_team_start').on('shifts').columns(['team_id', 'starts_at']).execute()
  await db.schema.createIndex('shifts_region_start').on('shifts').columns(['region_code', 'starts_at']).execute()
  await db.schema.createIndex('shifts_service').on('shifts').columns(['service_id', 'starts_at']).execute()
  await db.schema.createIndex('shifts_series').on('shifts').columns(['series_id', 'starts_at']).execute()
  await db.schema.createIndex('shifts_version').on('shifts').column('version').execute()

  await db.schema
    .createTable('shift_signups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('volunteer_teams.id'))
    // null for a walk-in who is not (found as) a member
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('walk_in_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // server sequence when processed: FIFO order of the waitlist (never device time)
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_out_at', 'text')
    .addColumn('check_in_method', 'text')
    .addColumn('checked_in_by', 'text')
    .addColumn('no_show', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hours_status', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('credited_minutes', 'integer')
    .addColumn('correction_reason', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // one live sign-up per person and shift: the natural-key guard behind the mutator's check
  await sql`create unique index shift_signups_live on shift_signups (shift_id, user_id) where status in ('signed_up', 'waitlisted') and user_id is not null`.execute(
    db,
  )
  await db.schema.createIndex('shift_signups_queue').on('shift_signups').columns(['shift_id', 'status', 'seq']).execute()
  await db.schema.createIndex('shift_signups_user').on('shift_signups').columns(['user_id', 'version']).execute()
  await db.schema.createIndex('shift_signups_team_hours').on('shift_signups').columns(['team_id', 'hours_status']).execute()

  await db.schema
    .createTable('shift_swaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('volunteer_teams.id'))
    .addColumn('from_signup_id', 'text', (c) => c.notNull().references('shift_signups.id'))
    .addColumn('from_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('to_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('shift_swaps_team').on('shift_swaps').columns(['team_id', 'status']).execute()
  await db.schema.createIndex('shift_swaps_from').on('shift_swaps').columns(['from_user_id', 'version']).execute()
  await db.schema.createIndex('shift_swaps_to').on('shift_swaps').columns(['to_user_id', 'version']).execute()
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
