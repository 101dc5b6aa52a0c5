/**
 * Reads shared by hubs, kiosks and service requests: a hub with its organisation's and region's
 * names, and the row → API mappers. Services own their writes (server/domain/hubs.ts,
 * kiosk-enrolment.ts, service-requests.ts).
 */
import type { Executor } from './database'
import type { HubRow, ServiceRequestEventRow, ServiceRequestRow } from './hub.table'
import type { Hub } from '../../shared/schemas/hub'
import type { RequestEvent, ServiceRequest } from '../../shared/schemas/service-request'
import { maskPhone } from '../../shared/schemas/common'

export type HubWithNames = HubRow & { org_name: string; region_name: string }

/** Hubs with their organisation's name and their region's full name (start of every hub read). */
export function hubQuery(db: Executor) {
  return db
    .selectFrom('hubs')
    .innerJoin('organizations as ho', 'ho.id', 'hubs.org_id')
    .leftJoin('regions as hr', 'hr.code', 'hubs.region_code')
    .selectAll('hubs')
    .select(['ho.name as org_name', 'hr.full_name as region_name'])
}

export async function findHub(db: Executor, id: string): Promise<HubWithNames | undefined> {
  const row = await hubQuery(db).where('hubs.id', '=', id).executeTakeFirst()
  return row && { ...row, region_name: row.region_name ?? row.region_code }
}

export function toHub(r: HubRow & { org_name: string; region_name: string | null }): Hub {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind,
    name: r.name,
    address: r.address,
    regionCode: r.region_code,
    regionName: r.region_name ?? r.region_code,
    openingHours: r.opening_hours,
    status: r.status,
    updatedAt: r.updated_at,
    version: r.version,
  }
}

export type RequestWithNames = ServiceRequestRow & { hub_name: string; team_name: string | null }

/** Service requests with their hub's and team's names. */
export function requestQuery(db: Executor) {
  return db
    .selectFrom('service_requests as r')
    .innerJoin('hubs as rh', 'rh.id', 'r.hub_id')
    .leftJoin('volunteer_teams as rt', 'rt.id', 'r.team_id')
    .selectAll('r')
    .select(['rh.name as hub_name', 'rt.name as team_name'])
}

export function findRequest(db: Executor, id: string): Promise<RequestWithNames | undefined> {
  return requestQuery(db).where('r.id', '=', id).executeTakeFirst()
}

/** A request as staff see it: the phone in full only when `phoneVisible` (the accepting team's leaders). */
export function toServiceRequest(r: RequestWithNames, phoneVisible: boolean): ServiceRequest {
  return {
    id: r.id,
    number: r.number,
    hubId: r.hub_id,
    hubName: r.hub_name,
    orgId: r.org_id,
    regionCode: r.region_code,
    category: r.category,
    description: r.description,
    wantedDate: r.wanted_date,
    wantedPeriod: r.wanted_period,
    contactName: r.contact_name,
    contactPhone: phoneVisible ? r.contact_phone : maskPhone(r.contact_phone),
    phoneVisible,
    status: r.status,
    teamId: r.team_id,
    teamName: r.team_name,
    shiftId: r.shift_id,
    completeBy: r.complete_by,
    stateDueAt: r.state_due_at,
    overdueAt: r.overdue_at,
    escalatedOrgId: r.escalated_org_id,
    report: r.report,
    rating: r.rating,
    ratingComment: r.rating_comment,
    closeReason: r.close_reason,
    declineReason: r.decline_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** A request's timeline, oldest first, with the names of the teams it concerns. */
export async function requestEvents(db: Executor, requestId: string): Promise<RequestEvent[]> {
  const rows = await db
    .selectFrom('service_request_events as e')
    .leftJoin('volunteer_teams as t', 't.id', 'e.team_id')
    .selectAll('e')
    .select('t.name as team_name')
    .where('e.request_id', '=', requestId)
    .orderBy('e.seq')
    .execute()
  return rows.map((e: ServiceRequestEventRow & { team_name: string | null }) => ({
    kind: e.kind,
    at: e.at,
    actor: e.actor,
    teamName: e.team_name,
    note: e.note,
  }))
}
