import type { Generated, Insertable, Selectable } from 'kysely'
import type { CheckInMethod } from '../../shared/schemas/activity'
import type {
  HoursStatus,
  ServiceStatus,
  ShiftStatus,
  SignupSource,
  SignupStatus,
  SwapStatus,
  TeamMemberStatus,
  TeamRole,
  TeamStatus,
} from '../../shared/schemas/volunteer'

/** Volunteer tables (migration 0017); shared/schemas/volunteer.ts says what each field means. Skills are bit masks. */
export interface VolunteerTeamTable {
  /** uuid */
  id: string
  org_id: string
  name: string
  description: string
  region_code: string | null
  skills_mask: Generated<number>
  status: TeamStatus
  min_attendance_percent: number
  cancel_cutoff_hours: number
  /** sha256 of the invitation code; null = no link issued */
  invite_hash: Generated<string | null>
  /** active members, kept in the transaction of every roster change */
  member_count: Generated<number>
  /** an admin's reason when rejecting or closing */
  decision_reason: Generated<string | null>
  created_by: string | null
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type VolunteerTeamRow = Selectable<VolunteerTeamTable>
export type NewVolunteerTeam = Insertable<VolunteerTeamTable>

export interface TeamMemberTable {
  /** chosen by the client (uuid) so an offline join has a stable id */
  id: string
  team_id: string
  user_id: string
  role: TeamRole
  status: TeamMemberStatus
  skills_mask: Generated<number>
  /** a leader's reason when rejecting or removing */
  reason: Generated<string | null>
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type TeamMemberRow = Selectable<TeamMemberTable>

export interface VolunteerServiceTable {
  id: string
  team_id: string
  title: string
  description: string
  hub_id: Generated<string | null>
  venue_address: string
  region_code: string | null
  status: ServiceStatus
  created_by: string | null
  created_at: string
  updated_at: string
}
export type VolunteerServiceRow = Selectable<VolunteerServiceTable>

export interface ShiftTable {
  id: string
  service_id: string
  /** the service's team (never changes) */
  team_id: string
  /** the service's region (updated with it) */
  region_code: string | null
  starts_at: string
  ends_at: string
  slots: number
  /** signed_up count, maintained in the transaction of every sign-up change */
  places_taken: Generated<number>
  required_skills_mask: Generated<number>
  series_id: string | null
  status: ShiftStatus
  cancel_reason: Generated<string | null>
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type ShiftRow = Selectable<ShiftTable>
export type NewShift = Insertable<ShiftTable>

export interface ShiftSignupTable {
  /** chosen by the client (uuid) for a sign-up or a desk's walk-in; by the server for an assignment */
  id: string
  shift_id: string
  team_id: string
  /** null for a walk-in who is not (found as) a member */
  user_id: string | null
  walk_in_name: Generated<string | null>
  status: SignupStatus
  source: SignupSource
  /** server sequence when processed: FIFO order of the waitlist */
  seq: number
  assigned_by: Generated<string | null>
  confirmed_at: Generated<string | null>
  checked_in_at: Generated<string | null>
  checked_out_at: Generated<string | null>
  check_in_method: Generated<CheckInMethod | null>
  checked_in_by: Generated<string | null>
  /** 0 | 1 */
  no_show: Generated<number>
  hours_status: Generated<HoursStatus>
  credited_minutes: Generated<number | null>
  correction_reason: Generated<string | null>
  approved_by: Generated<string | null>
  approved_at: Generated<string | null>
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type ShiftSignupRow = Selectable<ShiftSignupTable>
export type NewShiftSignup = Insertable<ShiftSignupTable>

export interface ShiftSwapTable {
  id: string
  shift_id: string
  team_id: string
  from_signup_id: string
  from_user_id: string
  to_user_id: string
  status: SwapStatus
  decided_by: Generated<string | null>
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type ShiftSwapRow = Selectable<ShiftSwapTable>
