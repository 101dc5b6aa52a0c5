/**
 * Service requests (点单 → 派单 → 接单 → 评单), the state machine of shared/rules/service-request.ts
 * applied: who may act (an admin of the hub's organisation or above dispatches and closes; a leader
 * or co-leader of the team it is dispatched to accepts, declines, assigns and completes; the resident
 * with number + phone rates), each move a conditional update (`where status = <the status read>`:
 * 0 rows → request_not_allowed, so two staff racing cannot both win), a timeline event, the notices
 * the move owes and an audit entry — all in the caller's transaction. The contact phone is never
 * written into a notice, an audit detail or an event note.
 */
import { randomUUID } from 'node:crypto'
import type { Updateable } from 'kysely'
import { completeByProblem, nextStatus, RATE_WITHIN_DAYS, stateDueAt, type RequestAction } from '../../shared/rules/service-request'
import type {
  DispatchInput,
  RequestActor,
  RequestEventKind,
  RequestOrderArgs,
  RequestOrdered,
  RequestShiftInput,
  RequestStatus,
  RequestTrack,
  ServiceRequestDetail,
  ServiceRequestList,
} from '../../shared/schemas/service-request'
import { formatRequestNumber } from '../../shared/schemas/service-request'
import type { DeviceSelf } from '../../shared/schemas/device'
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import type { ServiceRequestTable } from '../db/hub.table'
import { findHub, findRequest, requestEvents, requestQuery, toServiceRequest, type RequestWithNames } from '../db/hub.repository'
import { subtreeIds } from '../db/organization-tree.repository'
import { pageOffset } from '../../shared/schemas/paging'
import { findTeam } from '../db/volunteer.repository'
import { isUniqueViolation } from '../db/unique'
import { nextVersion } from '../db/version'
import type { Clock } from '../deps'
import { DomainError, forbidden } from '../errors'
import { assertOrgAdmin } from './authz'
import { audit } from './audit'
import type { DomainContext } from './context'
import { notify } from './notices'
import { activeTeamRole, ledTeamIds } from './team-authz'
import { adminListRoots } from './memberships'
import { createService, createShifts } from './volunteer-shifts'
import { assignToShift } from './volunteer-signups'

const DAY = 86_400_000

// ---------- reads shared by the routes ----------

/** The request, or 404 request_not_found. */
export async function mustFindRequest(db: Executor, id: string): Promise<RequestWithNames> {
  const r = await findRequest(db, id)
  if (!r) throw new DomainError('request_not_found', 'there is no such service request')
  return r
}

/** The full phone only for the leaders of the team it is dispatched to, once that team accepted it. */
export const PHONE_VISIBLE_STATUSES: readonly RequestStatus[] = ['accepted', 'done', 'rated']

export async function requestDetail(db: Executor, r: RequestWithNames, phoneVisible: boolean): Promise<ServiceRequestDetail> {
  return { ...toServiceRequest(r, phoneVisible), events: await requestEvents(db, r.id) }
}

/** An admin of the request's organisation (the hub's) or of one above it; system admins everywhere. */
export async function assertRequestAdmin(db: Executor, user: UserRow, r: RequestWithNames): Promise<void> {
  await assertOrgAdmin(db, user, r.org_id)
}

/**
 * A leader or co-leader of the team the request is dispatched to (not the org's admins: they act
 * through the admin routes); 403 for anyone else, also a team member who does not lead it.
 */
export async function assertRequestLeader(db: Executor, user: UserRow, r: RequestWithNames): Promise<void> {
  const role = r.team_id ? await activeTeamRole(db, user.id, r.team_id) : null
  if (role !== 'leader' && role !== 'co_leader') throw forbidden('only the leaders of the team this request is dispatched to')
}

/** The admin-side view: the phone is always masked. */
export async function adminRequestDetail(db: Executor, user: UserRow, id: string): Promise<ServiceRequestDetail> {
  const r = await mustFindRequest(db, id)
  await assertRequestAdmin(db, user, r)
  return requestDetail(db, r, false)
}

/** The leader's view: the full phone once their team accepted it. */
export async function leadRequestDetail(db: Executor, user: UserRow, id: string): Promise<ServiceRequestDetail> {
  const r = await mustFindRequest(db, id)
  await assertRequestLeader(db, user, r)
  return requestDetail(db, r, PHONE_VISIBLE_STATUSES.includes(r.status))
}

// ---------- writing: one move, one event ----------

const notAllowed = (status: RequestStatus, action: RequestAction) =>
  new DomainError('request_not_allowed', `a request that is ${status} cannot be ${action === 'done' ? 'completed' : `${action}ed`} now`)

export async function addEvent(
  trx: Executor,
  e: {
    requestId: string
    kind: RequestEventKind
    at: Date
    actor: RequestActor
    actorUserId?: string | null
    teamId?: string | null
    note?: string | null
  },
): Promise<void> {
  const last = await trx
    .selectFrom('service_request_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('request_id', '=', e.requestId)
    .executeTakeFirst()
  await trx
    .insertInto('service_request_events')
    .values({
      id: randomUUID(),
      request_id: e.requestId,
      seq: Number(last?.seq ?? 0) + 1,
      kind: e.kind,
      at: e.at.toISOString(),
      actor: e.actor,
      actor_user_id: e.actorUserId ?? null,
      team_id: e.teamId ?? null,
      note: e.note ?? null,
    })
    .execute()
}

/**
 * Moves `r` by `action` with a conditional update on the status it was read in (and, for `assign`,
 * on having no shift yet): a concurrent move that got there first leaves 0 rows and this one is
 * refused with request_not_allowed. A status move starts the new state's clock (state_entered_at,
 * state_due_at) and clears the escalation flags; `assign` keeps them.
 */
export async function moveRequest(
  trx: Executor,
  r: Pick<RequestWithNames, 'id' | 'status' | 'complete_by'>,
  action: RequestAction,
  set: Updateable<ServiceRequestTable>,
  now: Date,
): Promise<RequestStatus> {
  const to = nextStatus(r.status, action)
  if (!to) throw notAllowed(r.status, action)
  const at = now.toISOString()
  const completeBy = set.complete_by !== undefined ? (set.complete_by as string | null) : r.complete_by
  const due = stateDueAt(to, now, completeBy ? new Date(completeBy) : null)
  const clock =
    action === 'assign'
      ? {}
      : { state_entered_at: at, state_due_at: due ? due.toISOString() : null, overdue_at: null, escalated_org_id: null }
  let q = trx
    .updateTable('service_requests')
    .set({ ...set, ...clock, status: to, updated_at: at, version: await nextVersion(trx) })
    .where('id', '=', r.id)
    .where('status', '=', r.status)
  if (action === 'assign') q = q.where('shift_id', 'is', null)
  const res = await q.executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw notAllowed(r.status, action)
  return to
}

/** Active leaders and co-leaders of a team (the people told of a dispatch or a rating). */
async function teamLeaderIds(db: Executor, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('status', '=', 'active')
    .where('role', 'in', ['leader', 'co_leader'])
    .orderBy('created_at')
    .execute()
  return rows.map((m) => m.user_id)
}

/** Active admins (role admin) of exactly this organisation. */
export async function orgAdminIds(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .orderBy('created_at')
    .execute()
  return [...new Set(rows.map((m) => m.user_id))]
}

/** A request notice (title: its number; never the phone), to each person but the one who acted. */
export async function notifyAboutRequest(
  trx: Executor,
  r: Pick<RequestWithNames, 'id' | 'number' | 'org_id'>,
  kind: 'request_dispatched' | 'request_declined' | 'request_overdue' | 'request_rated',
  userIds: readonly string[],
  now: Date,
  o: { actorId?: string | null; reason?: string | null } = {},
): Promise<number> {
  let told = 0
  for (const userId of userIds) {
    if (userId === o.actorId) continue
    await notify(trx, { userId, kind, orgId: r.org_id, activityId: null, subjectId: r.id, title: r.number, reason: o.reason ?? null }, now)
    told++
  }
  return told
}

// ---------- the kiosk: 点单 ----------

/** request.order from a kiosk: the request (ordered) and its first event; the number is the kiosk's own. */
export async function orderRequest(
  { trx, device, clock }: { trx: Executor; device: DeviceSelf; clock: Clock },
  a: RequestOrderArgs,
): Promise<RequestOrdered> {
  if (!device.hubId || device.deviceNo === null) throw new DomainError('not_at_hub', 'only a kiosk enrolled to a hub takes requests')
  const hub = await trx.selectFrom('hubs').select(['id', 'org_id', 'region_code']).where('id', '=', device.hubId).executeTakeFirst()
  if (!hub) throw new DomainError('not_at_hub', 'this kiosk’s hub is gone')
  const number = formatRequestNumber(device.deviceNo, a.seq)
  const taken = await trx
    .selectFrom('service_requests')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', a.requestId), eb('number', '=', number)]))
    .executeTakeFirst()
  const refuse = () => new DomainError('request_number_taken', `request ${number} (or this request id) is already taken`)
  if (taken) throw refuse()
  const now = clock.now()
  const at = now.toISOString()
  try {
    await trx
      .insertInto('service_requests')
      .values({
        id: a.requestId,
        number,
        hub_id: hub.id,
        org_id: hub.org_id,
        region_code: hub.region_code,
        category: a.category,
        description: a.description,
        wanted_date: a.wantedDate,
        wanted_period: a.wantedPeriod,
        contact_name: a.contactName ? a.contactName : null,
        contact_phone: a.contactPhone,
        status: 'ordered',
        team_id: null,
        shift_id: null,
        complete_by: null,
        state_entered_at: at,
        state_due_at: stateDueAt('ordered', now, null)!.toISOString(),
        overdue_at: null,
        escalated_org_id: null,
        report: null,
        rating: null,
        rating_comment: null,
        rated_at: null,
        close_reason: null,
        decline_reason: null,
        device_id: device.id,
        created_at: at,
        updated_at: at,
        version: await nextVersion(trx),
      })
      .execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw refuse()
    throw err
  }
  await addEvent(trx, { requestId: a.requestId, kind: 'ordered', at: now, actor: 'kiosk' })
  await audit(trx, {
    actorId: `device:${device.id}`,
    action: 'request.order',
    orgId: hub.org_id,
    target: a.requestId,
    detail: { hubId: hub.id, number, category: a.category },
    at: now,
  })
  return { id: a.requestId, number, status: 'ordered' }
}

// ---------- the admin: 派单, close ----------

export async function dispatchRequest(
  { trx, user, clock }: DomainContext,
  id: string,
  input: DispatchInput,
): Promise<ServiceRequestDetail> {
  const now = clock.now()
  const r = await mustFindRequest(trx, id)
  await assertRequestAdmin(trx, user, r)
  if (!nextStatus(r.status, 'dispatch')) throw notAllowed(r.status, 'dispatch')
  const completeBy = new Date(input.completeBy)
  const problem = completeByProblem(completeBy, now)
  if (problem)
    throw new DomainError(
      'deadline_invalid',
      problem === 'too_soon' ? 'the deadline must be at least an hour from now' : 'the deadline must be within 90 days',
    )
  const team = await findTeam(trx, input.teamId)
  if (!team) throw new DomainError('team_not_found', 'no such volunteer team')
  if (team.status !== 'active') throw new DomainError('team_not_active', 'this team is not active')
  const redispatch = r.status !== 'ordered'
  await moveRequest(trx, r, 'dispatch', { team_id: team.id, complete_by: completeBy.toISOString(), shift_id: null }, now)
  await addEvent(trx, { requestId: r.id, kind: 'dispatched', at: now, actor: 'admin', actorUserId: user.id, teamId: team.id })
  const told = await notifyAboutRequest(trx, r, 'request_dispatched', await teamLeaderIds(trx, team.id), now, { actorId: user.id })
  await audit(trx, {
    actorId: user.id,
    action: 'request.dispatch',
    orgId: r.org_id,
    target: r.id,
    detail: { teamId: team.id, from: r.status, redispatch, told },
    at: now,
  })
  return requestDetail(trx, await mustFindRequest(trx, id), false)
}

export async function closeRequest({ trx, user, clock }: DomainContext, id: string, reason: string): Promise<ServiceRequestDetail> {
  const now = clock.now()
  const r = await mustFindRequest(trx, id)
  await assertRequestAdmin(trx, user, r)
  await moveRequest(trx, r, 'close', { close_reason: reason }, now)
  await addEvent(trx, { requestId: r.id, kind: 'closed', at: now, actor: 'admin', actorUserId: user.id, teamId: r.team_id, note: reason })
  await audit(trx, { actorId: user.id, action: 'request.close', orgId: r.org_id, target: r.id, detail: { from: r.status }, at: now })
  return requestDetail(trx, await mustFindRequest(trx, id), false)
}

// ---------- the team's leaders: 接单, decline, assign, done ----------

async function leaderContext(ctx: DomainContext, id: string) {
  const r = await mustFindRequest(ctx.trx, id)
  await assertRequestLeader(ctx.trx, ctx.user, r)
  return r
}
const leaderAnswer = async (trx: Executor, id: string) => {
  const r = await mustFindRequest(trx, id)
  return requestDetail(trx, r, PHONE_VISIBLE_STATUSES.includes(r.status))
}

export async function acceptRequest(ctx: DomainContext, id: string): Promise<ServiceRequestDetail> {
  const { trx, user, clock } = ctx
  const now = clock.now()
  const r = await leaderContext(ctx, id)
  await moveRequest(trx, r, 'accept', {}, now)
  await addEvent(trx, { requestId: r.id, kind: 'accepted', at: now, actor: 'leader', actorUserId: user.id, teamId: r.team_id })
  await audit(trx, { actorId: user.id, action: 'request.accept', orgId: r.org_id, target: r.id, detail: { teamId: r.team_id }, at: now })
  return leaderAnswer(trx, id)
}

/** The team says no: back to the queue (ordered, no team), and the hub organisation's admins are told with the reason. */
export async function declineRequest(ctx: DomainContext, id: string, reason: string): Promise<ServiceRequestDetail> {
  const { trx, user, clock } = ctx
  const now = clock.now()
  const r = await leaderContext(ctx, id)
  await moveRequest(trx, r, 'decline', { team_id: null, shift_id: null, complete_by: null, decline_reason: reason }, now)
  await addEvent(trx, {
    requestId: r.id,
    kind: 'declined',
    at: now,
    actor: 'leader',
    actorUserId: user.id,
    teamId: r.team_id,
    note: reason,
  })
  const told = await notifyAboutRequest(trx, r, 'request_declined', await orgAdminIds(trx, r.org_id), now, { actorId: user.id, reason })
  await audit(trx, {
    actorId: user.id,
    action: 'request.decline',
    orgId: r.org_id,
    target: r.id,
    detail: { teamId: r.team_id, told },
    at: now,
  })
  return leaderAnswer(trx, id)
}

/**
 * The accepted request becomes a shift of the team at the hub: a service `居民点单 <number>` and one
 * shift with a slot per volunteer, each assigned like a leader's assignment (told with shift_assigned)
 * through the volunteer services' own functions. Once only: the shift is then edited on its own page.
 */
export async function assignRequestShift(ctx: DomainContext, id: string, input: RequestShiftInput): Promise<ServiceRequestDetail> {
  const { trx, user, clock } = ctx
  const now = clock.now()
  const r = await leaderContext(ctx, id)
  if (!nextStatus(r.status, 'assign') || r.shift_id) throw notAllowed(r.status, 'assign')
  const teamId = r.team_id!
  const userIds = [...new Set(input.userIds)]
  const members = await trx
    .selectFrom('team_members')
    .select(['id', 'user_id'])
    .where('team_id', '=', teamId)
    .where('status', '=', 'active')
    .where('user_id', 'in', userIds)
    .execute()
  if (members.length !== userIds.length) throw new DomainError('not_team_member', 'only active members of the team can be assigned')
  const hub = await findHub(trx, r.hub_id)
  if (!hub) throw new DomainError('hub_not_found', 'the request’s hub is gone')
  const service = await createService(ctx, teamId, {
    title: `居民点单 ${r.number}`,
    description: r.description,
    venueAddress: hub.address,
    regionCode: hub.region_code,
  })
  // set apart from createService's hubId: that one asks the hub to lie in the team's organisation's region,
  // while an admin may dispatch a request to a team from elsewhere in the city (the dispatch was the check)
  await trx.updateTable('volunteer_services').set({ hub_id: hub.id }).where('id', '=', service.id).execute()
  const [shift] = await createShifts(ctx, service.id, {
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    slots: userIds.length,
    requiredSkills: [],
    repeatWeeks: 1,
  })
  const memberOf = new Map(members.map((m) => [m.user_id, m.id]))
  for (const userId of userIds) await assignToShift(ctx, shift!.id, { memberId: memberOf.get(userId)!, check: false, acknowledge: true })
  await moveRequest(trx, r, 'assign', { shift_id: shift!.id }, now)
  await addEvent(trx, { requestId: r.id, kind: 'assigned', at: now, actor: 'leader', actorUserId: user.id, teamId })
  await audit(trx, {
    actorId: user.id,
    action: 'request.assign',
    orgId: r.org_id,
    target: r.id,
    detail: { shiftId: shift!.id, serviceId: service.id, count: userIds.length },
    at: now,
  })
  return leaderAnswer(trx, id)
}

export async function completeRequest(ctx: DomainContext, id: string, report: string): Promise<ServiceRequestDetail> {
  const { trx, user, clock } = ctx
  const now = clock.now()
  const r = await leaderContext(ctx, id)
  await moveRequest(trx, r, 'done', { report }, now)
  await addEvent(trx, { requestId: r.id, kind: 'done', at: now, actor: 'leader', actorUserId: user.id, teamId: r.team_id, note: report })
  await audit(trx, { actorId: user.id, action: 'request.done', orgId: r.org_id, target: r.id, detail: { teamId: r.team_id }, at: now })
  return leaderAnswer(trx, id)
}

// ---------- the resident: follow-up and 评单 ----------

/** The request with this number and this phone; a wrong phone answers exactly like an unknown number. */
export async function findTrackedRequest(db: Executor, number: string, phone: string): Promise<RequestWithNames> {
  const r = await db.selectFrom('service_requests').select(['id', 'contact_phone']).where('number', '=', number).executeTakeFirst()
  if (!r || r.contact_phone !== phone) throw new DomainError('request_not_found', 'no request with this number and phone')
  return mustFindRequest(db, r.id)
}

/** May the resident still rate it: done, and within RATE_WITHIN_DAYS of being done. */
export const canRateAt = (r: Pick<RequestWithNames, 'status' | 'state_entered_at'>, now: Date) =>
  r.status === 'done' && now.getTime() <= Date.parse(r.state_entered_at) + RATE_WITHIN_DAYS * DAY

/** What the resident sees: no staff names, no phone; a team's reason for declining stays with the staff. */
export async function requestTrack(db: Executor, r: RequestWithNames, now: Date): Promise<RequestTrack> {
  const shift = r.shift_id
    ? await db.selectFrom('shifts').select(['starts_at', 'ends_at', 'status']).where('id', '=', r.shift_id).executeTakeFirst()
    : undefined
  const live = shift && shift.status !== 'cancelled' ? shift : undefined
  const events = (await requestEvents(db, r.id)).map((e) => (e.kind === 'declined' ? { ...e, note: null } : e))
  return {
    number: r.number,
    hubName: r.hub_name,
    category: r.category,
    description: r.description,
    wantedDate: r.wanted_date,
    wantedPeriod: r.wanted_period,
    status: r.status,
    teamName: r.team_name,
    scheduledStartsAt: live?.starts_at ?? null,
    scheduledEndsAt: live?.ends_at ?? null,
    report: r.report,
    rating: r.rating,
    ratingComment: r.rating_comment,
    canRate: canRateAt(r, now),
    events,
    createdAt: r.created_at,
  }
}

/** 评单: once, after it is done, within RATE_WITHIN_DAYS; the team's leaders are told. */
export async function rateRequest(
  { trx, clock }: { trx: Executor; clock: Clock },
  a: { number: string; phone: string; rating: number; comment?: string },
): Promise<RequestTrack> {
  const now = clock.now()
  const r = await findTrackedRequest(trx, a.number, a.phone)
  if (r.status === 'done' && !canRateAt(r, now))
    throw new DomainError('rating_closed', `a request can be rated within ${RATE_WITHIN_DAYS} days of being done`)
  await moveRequest(trx, r, 'rate', { rating: a.rating, rating_comment: a.comment ? a.comment : null, rated_at: now.toISOString() }, now)
  await addEvent(trx, { requestId: r.id, kind: 'rated', at: now, actor: 'resident', teamId: r.team_id })
  const told = r.team_id ? await notifyAboutRequest(trx, r, 'request_rated', await teamLeaderIds(trx, r.team_id), now) : 0
  await audit(trx, { actorId: null, action: 'request.rate', orgId: r.org_id, target: r.id, detail: { rating: a.rating, told }, at: now })
  return requestTrack(trx, await mustFindRequest(trx, r.id), now)
}

// ---------- lists ----------

/** GET /api/admin/requests: requests of hubs in the caller's admin subtrees (or orgId's), newest first; phones masked. */
export async function adminRequests(
  db: Executor,
  user: UserRow,
  q: { orgId?: string; status?: RequestStatus; overdue?: 'true' | 'false'; page: number; pageSize: number },
): Promise<ServiceRequestList> {
  const roots = await adminListRoots(db, user, q.orgId)
  let query = requestQuery(db)
  if (roots !== 'all') query = query.where('r.org_id', 'in', subtreeIds(db, roots))
  if (q.status) query = query.where('r.status', '=', q.status)
  if (q.overdue === 'true') query = query.where('r.overdue_at', 'is not', null)
  if (q.overdue === 'false') query = query.where('r.overdue_at', 'is', null)
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset(pageOffset(q)).execute()
  return { items: rows.map((r) => toServiceRequest(r, false)), total: Number(total), page: q.page, pageSize: q.pageSize }
}

/** GET /api/lead/requests: requests dispatched to (accepted by, done by) the teams the caller leads or co-leads. */
export async function leadRequests(
  db: Executor,
  user: UserRow,
  q: { status?: RequestStatus; page: number; pageSize: number },
): Promise<ServiceRequestList> {
  const teamIds = await ledTeamIds(db, user.id)
  let query = requestQuery(db).where('r.team_id', 'in', teamIds.length ? teamIds : [''])
  if (q.status) query = query.where('r.status', '=', q.status)
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset(pageOffset(q)).execute()
  return {
    items: rows.map((r) => toServiceRequest(r, PHONE_VISIBLE_STATUSES.includes(r.status))),
    total: Number(total),
    page: q.page,
    pageSize: q.pageSize,
  }
}
