/**
 * The database handle: kysely over SQLite (better-sqlite3) by default. Everything SQLite-only
 * (pragmas, FTS5) lives in `sqlite.dialect.ts`; a PostgreSQL twin plugs in beside it.
 */
import { Kysely, type Transaction } from 'kysely'
import type { RegionTable } from './region.table'
import type { OrganizationClosureTable, OrganizationTable } from './organization.table'
import type { UserTable, SessionTable, RateLimitTable } from './user.table'
import type { MembershipTable } from './membership.table'
import type { SyncStateTable, SyncMutationTable, TombstoneTable, SyncBudgetTable } from './sync.table'
import type { SigningKeyTable } from './signing-key.table'
import type { AuditLogTable } from './audit.table'
import type { DeviceTable } from './device.table'
import type { KnownBrowserTable } from './known-browser.table'
import type { NoticeTable } from './notice.table'
import type { VerificationCodeTable } from './verification-code.table'
import type { OrgSearchDocTable } from './org-search.table'
import type { ActivityTable, CalendarTokenTable, CheckInTable, RegistrationTable } from './activity.table'
import type {
  ShiftSignupTable,
  ShiftSwapTable,
  ShiftTable,
  TeamMemberTable,
  VolunteerServiceTable,
  VolunteerTeamTable,
} from './volunteer.table'
import type { DeviceEnrolmentCodeTable, HubTable, ServiceRequestEventTable, ServiceRequestTable } from './hub.table'
import type { SyncClientTable, SyncHorizonTable, SyncScopeExitTable } from '../sync/sync-client.table'

export interface Database {
  regions: RegionTable
  organizations: OrganizationTable
  organization_closure: OrganizationClosureTable
  users: UserTable
  sessions: SessionTable
  rate_limits: RateLimitTable
  memberships: MembershipTable
  sync_state: SyncStateTable
  sync_mutations: SyncMutationTable
  sync_budgets: SyncBudgetTable
  tombstones: TombstoneTable
  sync_clients: SyncClientTable
  sync_horizon: SyncHorizonTable
  sync_scope_exits: SyncScopeExitTable
  signing_keys: SigningKeyTable
  audit_log: AuditLogTable
  devices: DeviceTable
  activities: ActivityTable
  registrations: RegistrationTable
  check_ins: CheckInTable
  calendar_tokens: CalendarTokenTable
  known_browsers: KnownBrowserTable
  notices: NoticeTable
  verification_codes: VerificationCodeTable
  volunteer_teams: VolunteerTeamTable
  team_members: TeamMemberTable
  volunteer_services: VolunteerServiceTable
  shifts: ShiftTable
  shift_signups: ShiftSignupTable
  shift_swaps: ShiftSwapTable
  hubs: HubTable
  device_enrolment_codes: DeviceEnrolmentCodeTable
  service_requests: ServiceRequestTable
  service_request_events: ServiceRequestEventTable
  /** SQLite only (migration 0003); see search.ts */
  org_search_doc: OrgSearchDocTable
}

export type DB = Kysely<Database>
export type Executor = Kysely<Database> | Transaction<Database>
