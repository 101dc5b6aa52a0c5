/**
 * The replica's tables: one map from a synced table's name to the type of its rows (the shared
 * schemas the server builds them from, server/sync/tables/*). `engine.listRows('activities')` is
 * `Activity[]`, an optimistic change can only write a row of its table's shape, and a new synced
 * table is one line here.
 */
import type { Activity, CheckIn, Registration } from '../../shared/schemas/activity'
import type { Membership } from '../../shared/schemas/membership'
import type { OrgSummary } from '../../shared/schemas/organization'
import type { Me } from '../../shared/schemas/user'
import type { Notice } from '../../shared/schemas/notice'
import type { Hub } from '../../shared/schemas/hub'
import type { Shift, ShiftSignup, ShiftSwap, TeamMember, VolunteerTeam } from '../../shared/schemas/volunteer'

/** An organisation in the person's scope, as server/sync/tables/organizations.ts sends it. */
export type SyncedOrganization = Omit<OrgSummary, 'regionName'> & { description: string | null; contact: string | null; version: number }

export interface ReplicaTables {
  profile: Me
  activities: Activity
  registrations: Registration
  check_ins: CheckIn
  memberships: Membership
  organizations: SyncedOrganization
  notices: Notice
  volunteer_teams: VolunteerTeam
  team_members: TeamMember
  shifts: Shift
  shift_signups: ShiftSignup
  shift_swaps: ShiftSwap
  /** a kiosk's own hub (the only table besides activities and shifts a device is given) */
  hubs: Hub
}
export type TableName = keyof ReplicaTables
/** A stored row: the table's row plus the table name it is kept under. */
export type RowOf<T extends TableName> = ReplicaTables[T] & { table: T; id: string }

export const PROFILE_TABLE = 'profile' satisfies TableName
export const ACTIVITIES_TABLE = 'activities' satisfies TableName
export const REGISTRATIONS_TABLE = 'registrations' satisfies TableName
export const CHECK_INS_TABLE = 'check_ins' satisfies TableName
export const MEMBERSHIPS_TABLE = 'memberships' satisfies TableName
export const ORGANIZATIONS_TABLE = 'organizations' satisfies TableName
export const NOTICES_TABLE = 'notices' satisfies TableName
export const VOLUNTEER_TEAMS_TABLE = 'volunteer_teams' satisfies TableName
export const TEAM_MEMBERS_TABLE = 'team_members' satisfies TableName
export const SHIFTS_TABLE = 'shifts' satisfies TableName
export const SHIFT_SIGNUPS_TABLE = 'shift_signups' satisfies TableName
export const SHIFT_SWAPS_TABLE = 'shift_swaps' satisfies TableName
export const HUBS_TABLE = 'hubs' satisfies TableName

/**
 * Which tables a change of the replica touched: a set of names, or every table (a reset, a schema
 * drop, another tab's change). Views re-read only when one of their tables is in it.
 */
export type TablesChanged = ReadonlySet<string> | 'all'
export const touches = (changed: TablesChanged, tables: readonly string[]) => changed === 'all' || tables.some((t) => changed.has(t))
