/**
 * Service requests (点单 → 派单 → 接单 → 评单): a resident orders a science or technology service at a
 * hub's kiosk; an admin of the hub's area dispatches it to a volunteer team with a deadline; a leader
 * of that team accepts (or declines) it, assigns volunteers (it becomes a shift) and marks it done
 * with a short report; the resident follows it by request number + phone and rates it 1–5.
 * The state machine and the deadlines are in shared/rules/service-request.ts.
 */
import { z } from 'zod'
import { Phone, Uuid } from './common'
import { humanText } from './human-text'
import { OrgId } from './organization'
import { pageQuery, countedPage } from './paging'
import { Skills } from './volunteer'

/** What a resident can order (the kiosk's big buttons, in this order). */
export const REQUEST_CATEGORIES = ['health', 'agriculture', 'elder_digital', 'children_science', 'emergency', 'other'] as const
export const RequestCategory = z.enum(REQUEST_CATEGORIES)
export type RequestCategory = z.infer<typeof RequestCategory>

/** ordered (点单) → dispatched (派单) → accepted (接单) → done → rated (评单); closed by an admin with a reason. */
export const REQUEST_STATUSES = ['ordered', 'dispatched', 'accepted', 'done', 'rated', 'closed'] as const
export const RequestStatus = z.enum(REQUEST_STATUSES)
export type RequestStatus = z.infer<typeof RequestStatus>

/** When in the day the resident would like it. */
export const WantedPeriod = z.enum(['morning', 'afternoon', 'evening', 'any'])
export type WantedPeriod = z.infer<typeof WantedPeriod>

/** A Beijing calendar date, YYYY-MM-DD. */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date is YYYY-MM-DD')

/**
 * The request number a resident keeps: `<kiosk's device number>-<the kiosk's own counter, 4+ digits>`,
 * e.g. 12-0007. The kiosk makes it offline, so the resident has it at once; it is unique because
 * device numbers are and each kiosk's counter only grows (kept across idle resets).
 */
export const RequestNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s/g, '').replace(/[－—–]/g, '-'))
  .pipe(z.string().regex(/^\d{1,6}-\d{4,7}$/, 'a request number looks like 12-0007'))
export const formatRequestNumber = (deviceNo: number, seq: number) => `${deviceNo}-${String(seq).padStart(4, '0')}`

/** Who moved a request, for its timeline (names of staff are never shown to the resident). */
export const RequestActor = z.enum(['resident', 'kiosk', 'admin', 'leader', 'system'])
export type RequestActor = z.infer<typeof RequestActor>
/** One step of a request's life: a change of status, or an event inside one (assigned, escalated, re-dispatched). */
export const RequestEventKind = z.enum([
  'ordered',
  'dispatched',
  'declined',
  'accepted',
  'assigned',
  'done',
  'rated',
  'closed',
  'escalated',
])
export type RequestEventKind = z.infer<typeof RequestEventKind>
export const RequestEvent = z.object({
  kind: RequestEventKind,
  at: z.string(),
  actor: RequestActor,
  /** the team it concerns (dispatched to, declined by, accepted by) */
  teamName: z.string().nullable(),
  /** a reason (declined, closed) or the report (done); never a phone */
  note: z.string().nullable(),
})
export type RequestEvent = z.infer<typeof RequestEvent>

/** What the resident sees by number + phone (POST /api/requests/lookup, /rate): no staff names, their own phone masked. */
export const RequestTrack = z.object({
  number: z.string(),
  hubName: z.string(),
  category: RequestCategory,
  description: z.string(),
  wantedDate: z.string(),
  wantedPeriod: WantedPeriod,
  status: RequestStatus,
  teamName: z.string().nullable(),
  /** the shift the volunteers will come in, when assigned */
  scheduledStartsAt: z.string().nullable(),
  scheduledEndsAt: z.string().nullable(),
  report: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  /** may the resident rate it now (done, not yet rated) */
  canRate: z.boolean(),
  events: z.array(RequestEvent),
  createdAt: z.string(),
})
export type RequestTrack = z.infer<typeof RequestTrack>

/** A request as staff see it (the admin's queue, the leader's list). `contactPhone` is masked unless the caller's team accepted it. */
export const ServiceRequest = z.object({
  id: z.string(),
  number: z.string(),
  hubId: z.string(),
  hubName: z.string(),
  orgId: z.string(),
  regionCode: z.string(),
  category: RequestCategory,
  description: z.string(),
  wantedDate: z.string(),
  wantedPeriod: WantedPeriod,
  contactName: z.string().nullable(),
  contactPhone: z.string(),
  /** true when contactPhone is the full number (the accepting team's leaders only) */
  phoneVisible: z.boolean(),
  status: RequestStatus,
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  shiftId: z.string().nullable(),
  /** the admin's deadline for the service to be done (set at dispatch) */
  completeBy: z.string().nullable(),
  /** when the current state should have moved on (shared/rules/service-request.ts stateDueAt) */
  stateDueAt: z.string().nullable(),
  /** set when the state's deadline passed and the level above was told; cleared by the next move */
  overdueAt: z.string().nullable(),
  escalatedOrgId: z.string().nullable(),
  report: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  closeReason: z.string().nullable(),
  /** the last decline's reason (a team said no; the request went back to the queue) */
  declineReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type ServiceRequest = z.infer<typeof ServiceRequest>
export const ServiceRequestDetail = ServiceRequest.extend({ events: z.array(RequestEvent) })
export type ServiceRequestDetail = z.infer<typeof ServiceRequestDetail>

export const RequestIdParam = z.object({ id: Uuid })
/** GET /api/admin/requests: the requests of hubs in an organisation's subtree (an admin's), newest first; `overdue` only flagged ones. */
export const AdminRequestQuery = z.object({
  ...pageQuery({ maxPageSize: 100, defaultPageSize: 20 }),
  orgId: OrgId.optional(),
  status: RequestStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
})
export type AdminRequestQuery = z.infer<typeof AdminRequestQuery>
export const ServiceRequestList = countedPage(ServiceRequest)
export type ServiceRequestList = z.infer<typeof ServiceRequestList>
/** GET /api/lead/requests: requests dispatched to, accepted by or done by teams the caller leads. */
export const LeadRequestQuery = z.object({ ...pageQuery({ maxPageSize: 100, defaultPageSize: 20 }), status: RequestStatus.optional() })
export type LeadRequestQuery = z.infer<typeof LeadRequestQuery>

/** How near a team is to the hub: same township, same county, same city, farther. */
export const TeamDistance = z.enum(['township', 'county', 'city', 'farther'])
export type TeamDistance = z.infer<typeof TeamDistance>
/** GET /api/admin/requests/{id}/suggestions: teams ranked by skill match, then distance (shared/rules/service-request.ts rankTeams). */
export const TeamSuggestion = z.object({
  teamId: z.string(),
  teamName: z.string(),
  orgName: z.string(),
  regionCode: z.string().nullable(),
  memberCount: z.number().int(),
  /** the skills the category asks for that the team has / all it asks for */
  matchedSkills: Skills,
  wantedSkills: Skills,
  distance: TeamDistance,
})
export type TeamSuggestion = z.infer<typeof TeamSuggestion>
export const TeamSuggestions = z.object({ items: z.array(TeamSuggestion) })

const Reason = humanText({ label: 'reason', min: 2, max: 200, multiline: true })
/** POST /api/admin/requests/{id}/dispatch (also re-dispatch): the team and the deadline for the service to be done. */
export const DispatchInput = z.object({ teamId: Uuid, completeBy: z.string().datetime({ offset: true }) }).strict()
export type DispatchInput = z.infer<typeof DispatchInput>
/** POST /api/admin/requests/{id}/close and /api/lead/requests/{id}/decline */
export const ReasonInput = z.object({ reason: Reason }).strict()
export type ReasonInput = z.infer<typeof ReasonInput>
/** POST /api/lead/requests/{id}/shift: the volunteers and the time; it becomes a shift of the team at the hub. */
export const RequestShiftInput = z
  .object({
    startsAt: z.string().datetime({ offset: true }),
    endsAt: z.string().datetime({ offset: true }),
    userIds: z.array(Uuid).min(1).max(20),
  })
  .strict()
export type RequestShiftInput = z.infer<typeof RequestShiftInput>
/** POST /api/lead/requests/{id}/done */
export const DoneInput = z.object({ report: humanText({ label: 'report', min: 2, max: 500, multiline: true }) }).strict()
export type DoneInput = z.infer<typeof DoneInput>

/** POST /api/requests/lookup (no session; rate-limited): the number and the phone given when ordering. */
export const RequestLookupInput = z.object({ number: RequestNumber, phone: Phone }).strict()
export type RequestLookupInput = z.infer<typeof RequestLookupInput>
/** POST /api/requests/rate: once, after it is done. */
export const RequestRateInput = z
  .object({
    number: RequestNumber,
    phone: Phone,
    rating: z.number().int().min(1).max(5),
    comment: humanText({ label: 'comment', min: 0, max: 300, multiline: true }).optional(),
  })
  .strict()
export type RequestRateInput = z.infer<typeof RequestRateInput>

/**
 * Sync mutation `request.order`, from a kiosk (a device): `seq` is the kiosk's own counter (the
 * number is `<deviceNo>-<seq>`); `requestId` makes a replay harmless. Holds only what the request needs.
 */
export const RequestOrderArgs = z
  .object({
    requestId: Uuid,
    seq: z.number().int().min(1).max(9_999_999),
    category: RequestCategory,
    description: humanText({ label: 'description', min: 2, max: 500, multiline: true }),
    wantedDate: CalendarDate,
    wantedPeriod: WantedPeriod,
    /** how to address them (王阿姨); optional */
    contactName: humanText({ label: 'name', min: 0, max: 20 }).optional(),
    contactPhone: Phone,
  })
  .strict()
export type RequestOrderArgs = z.infer<typeof RequestOrderArgs>
/** What request.order answers. */
export const RequestOrdered = z.object({ id: z.string(), number: z.string(), status: RequestStatus })
export type RequestOrdered = z.infer<typeof RequestOrdered>
