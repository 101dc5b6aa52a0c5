import type { Generated, Selectable } from 'kysely'
import type { HubKind, HubStatus } from '../../shared/schemas/hub'
import type { RequestActor, RequestCategory, RequestEventKind, RequestStatus, WantedPeriod } from '../../shared/schemas/service-request'

/** Hubs, kiosk enrolment codes, service requests (migration 0018); shared/schemas/hub.ts and service-request.ts say what each field means. */
export interface HubTable {
  id: string
  org_id: string
  kind: HubKind
  name: string
  address: string
  region_code: string
  opening_hours: string
  status: HubStatus
  created_by: string | null
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type HubRow = Selectable<HubTable>

export interface DeviceEnrolmentCodeTable {
  id: string
  hub_id: string
  /** sha256 (base64url) of the normalised code */
  code_hash: string
  created_by: string
  created_at: string
  expires_at: string
  used_at: string | null
  device_id: string | null
}
export type DeviceEnrolmentCodeRow = Selectable<DeviceEnrolmentCodeTable>

export interface ServiceRequestTable {
  /** the kiosk's requestId (uuid) */
  id: string
  /** <device_no>-<seq> */
  number: string
  hub_id: string
  /** the hub's organisation: its admins (and those above) dispatch */
  org_id: string
  /** the hub's region */
  region_code: string
  category: RequestCategory
  description: string
  wanted_date: string
  wanted_period: WantedPeriod
  contact_name: string | null
  /** stored for the request only; masked wherever anyone but the accepting team's leaders sees it */
  contact_phone: string
  status: RequestStatus
  team_id: string | null
  shift_id: string | null
  complete_by: string | null
  state_entered_at: string
  state_due_at: string | null
  overdue_at: string | null
  escalated_org_id: string | null
  report: string | null
  rating: number | null
  rating_comment: string | null
  rated_at: string | null
  close_reason: string | null
  decline_reason: string | null
  /** the kiosk that took it */
  device_id: string | null
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type ServiceRequestRow = Selectable<ServiceRequestTable>

export interface ServiceRequestEventTable {
  id: string
  request_id: string
  /** its place in the request's timeline, from 1 (moves on one request are serialised by the request row's conditional update) */
  seq: number
  kind: RequestEventKind
  at: string
  actor: RequestActor
  actor_user_id: string | null
  team_id: string | null
  note: string | null
}
export type ServiceRequestEventRow = Selectable<ServiceRequestEventTable>
