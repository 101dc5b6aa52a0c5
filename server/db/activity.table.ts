import type { Generated, Insertable, Selectable } from 'kysely'
import type { ActivityAudience, ActivityKind, ActivityStatus, CheckInMethod, RegistrationStatus } from '../../shared/schemas/activity'

export interface ActivityTable {
  /** uuid */
  id: string
  /** the organiser */
  org_id: string
  kind: ActivityKind
  title: string
  description: string
  venue_address: string
  /** a hub (新时代文明实践中心 / 党群服务中心) once hubs exist; null until then */
  hub_id: string | null
  /** where it happens, for "near me": the organiser's region unless given; null = national */
  region_code: string | null
  starts_at: string
  ends_at: string
  registration_opens_at: string
  registration_closes_at: string
  capacity: number
  /** registered + pending_approval, maintained in the transaction of every registration change */
  places_taken: Generated<number>
  /** 0 | 1 */
  requires_approval: number
  audience: ActivityAudience
  status: ActivityStatus
  /** the organiser's reason, shown to registrants; null while published (or none given) */
  cancel_reason: Generated<string | null>
  /** credit hours for attending (only for a check-in inside the check-in window) */
  credit_hours: number
  /** check-in opens this many minutes before starts_at and closes at ends_at (default 120) */
  check_in_opens_minutes_before: Generated<number>
  created_by: string | null
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type ActivityRow = Selectable<ActivityTable>
export type NewActivity = Insertable<ActivityTable>

export interface RegistrationTable {
  /** chosen by the client (uuid), so an offline registration has a stable id */
  id: string
  activity_id: string
  user_id: string
  status: RegistrationStatus
  /** server sequence when processed: FIFO order of the waitlist (never device time) */
  seq: number
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type RegistrationRow = Selectable<RegistrationTable>

export interface CheckInTable {
  /** chosen by the checking-in device (uuid) */
  id: string
  activity_id: string
  /** null for a walk-in who is not (found as) a member */
  user_id: string | null
  walk_in_name: string | null
  method: CheckInMethod
  checked_in_by: string
  /** server time */
  at: string
  version: Generated<number>
}
export type CheckInRow = Selectable<CheckInTable>

export interface CalendarTokenTable {
  user_id: string
  token_hash: string
  created_at: string
}
