/**
 * Activities over REST: organisers publish, edit and cancel (admins of the organiser or above,
 * audited); anyone discovers and reads them (with places left) and adds them to a calendar;
 * organisers read the attendance list and export it as CSV. Registering, cancelling a registration
 * and checking in go through the sync engine (server/sync/mutators/activity.ts).
 */
import { createRoute, z } from '@hono/zod-openapi'
import {
  ActivityCancelInput,
  ActivityDetail,
  ActivityIdParam,
  ActivityInput,
  ActivityListQuery,
  ActivityPage,
  ActivityPatch,
  Attendance,
  AttendanceCsvQuery,
  OrganiserActivityPage,
  OrganiserActivityQuery,
  RegistrationDecision,
  RegistrationDecisionParam,
} from '../../shared/schemas/activity'
import { regionChain } from '../../shared/rules/region'
import type { AppDeps } from '../deps'
import type { ActivityRow } from '../db/activity.table'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { DomainError, forbidden } from '../errors'
import { currentUser } from '../middleware/session'
import { assertCanOrganise, isSystemAdmin } from '../domain/authz'
import { audit } from '../domain/audit'
import { renderCalendar } from '../domain/ics'
import { publicOrigin } from '../public-origin'
import { cancelActivity, decideRegistration, editActivity, mustFindActivity, organiserScope, publishActivity } from '../domain/activities'
import { findOrganization } from '../db/organization.repository'
import { listActivities, organiserActivities, toActivity, toActivityListItem } from '../db/activity.repository'
import { isMemberOfOrgTree, liveRegistration, registrationView, waitlistCount } from '../db/activity-registration.repository'
import { attendanceLines } from '../db/activity-attendance.repository'
import { attendanceCsv } from '../domain/attendance-export'
import { exportLanguage } from '../domain/language'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not an admin of the organiser or of an organisation above it'),
}
const calendar = { content: { 'text/calendar': { schema: z.string() } } }

const iso = (t: string) => new Date(t).toISOString()

/** One activity as an .ics event (shared with the personal feed in me-activities). */
/** One activity as a calendar event; `origin` makes its link absolute (calendar apps have no page to resolve it against). */
export function activityEvent(a: ActivityRow, origin: string, titlePrefix = '') {
  return {
    uid: `activity-${a.id}@scientists-home`,
    title: `${titlePrefix}${a.title}`,
    description: a.description,
    location: a.venue_address,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    updatedAt: a.updated_at,
    cancelled: a.status === 'cancelled',
    sequence: a.version,
    url: `${origin}/activities/${a.id}`,
  }
}

export function activityRoutes({ db, clock, config }: AppDeps) {
  const app = createRouter()
  const detailOf = async (row: ActivityRow, userId: string | null) => {
    const org = await findOrganization(db, row.org_id)
    const mine = userId ? await liveRegistration(db, row.id, userId) : undefined
    return ActivityDetail.parse({
      ...toActivity(row),
      orgName: org?.name ?? '',
      waitlistCount: await waitlistCount(db, row.id),
      myRegistration: mine ? await registrationView(db, mine) : null,
      callerIsMember: userId && row.audience === 'members' ? await isMemberOfOrgTree(db, userId, row.org_id) : null,
    })
  }

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'publishActivity',
      method: 'post',
      path: '/',
      tags: ['activities'],
      summary: 'Publish an activity (admins of the organiser or above)',
      request: { body: { required: true, ...json(ActivityInput) } },
      responses: {
        201: { description: 'the new activity', ...json(ActivityDetail) },
        ...refusals,
        404: refusal('no such organisation'),
        422: refusal('instants out of order'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const row = await writeTransaction(db, (trx) => publishActivity({ trx, user, clock }, c.req.valid('json')))
      return c.json(await detailOf(row, user.id), 201)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'listActivities',
      method: 'get',
      path: '/',
      tags: ['activities'],
      summary: 'Discover published activities (public): near a region, by organiser, kind and dates',
      request: { query: ActivityListQuery },
      responses: { 200: { description: 'one page, soonest first', ...json(ActivityPage) }, 400: refusal('invalid input') },
    }),
    async (c) => {
      const q = c.req.valid('query')
      let near: { nearChain?: string[]; nearSubtree?: string } = {}
      if (q.near) {
        const region = q.region ?? c.get('user')?.region_code
        if (!region)
          throw new DomainError('region_required', 'near=1 needs a region: log in with a region in your profile, or pass region=')
        near = { nearChain: regionChain(region), nearSubtree: region }
      }
      const rows = await listActivities(db, {
        ...near,
        orgId: q.org,
        kind: q.kind,
        from: q.from ? iso(q.from) : clock.now().toISOString(),
        to: q.to ? iso(q.to) : undefined,
        limit: q.pageSize + 1,
        offset: (q.page - 1) * q.pageSize,
      })
      return c.json(
        { items: rows.slice(0, q.pageSize).map(toActivityListItem), page: q.page, pageSize: q.pageSize, hasMore: rows.length > q.pageSize },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'getActivity',
      method: 'get',
      path: '/{id}',
      tags: ['activities'],
      summary: 'One activity (public) with places left, waitlist length and the caller’s registration',
      request: { params: ActivityIdParam },
      responses: {
        200: { description: 'the activity', ...json(ActivityDetail) },
        400: refusal('invalid id'),
        404: refusal('no such activity'),
      },
    }),
    async (c) => {
      const row = await mustFindActivity(db, c.req.valid('param').id)
      return c.json(await detailOf(row, c.get('user')?.id ?? null), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'editActivity',
      method: 'patch',
      path: '/{id}',
      tags: ['activities'],
      summary: 'Edit an activity; more places let the waitlist in at once',
      request: { params: ActivityIdParam, body: { required: true, ...json(ActivityPatch) } },
      responses: {
        200: { description: 'the activity after the edit', ...json(ActivityDetail) },
        ...refusals,
        404: refusal('no such activity'),
        409: refusal('cancelled, or capacity below the places already taken'),
        422: refusal('instants out of order'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { id } = c.req.valid('param')
      const row = await writeTransaction(db, (trx) => editActivity({ trx, user, clock }, id, c.req.valid('json')))
      return c.json(await detailOf(row, user.id), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'cancelActivity',
      method: 'post',
      path: '/{id}/cancel',
      tags: ['activities'],
      summary: 'Cancel an activity; registrants see it on their next sync',
      request: { params: ActivityIdParam, body: { required: false, ...json(ActivityCancelInput) } },
      responses: {
        200: { description: 'the cancelled activity', ...json(ActivityDetail) },
        ...refusals,
        404: refusal('no such activity'),
        409: refusal('already cancelled'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { id } = c.req.valid('param')
      const reason = c.req.valid('json')?.reason || null
      const row = await writeTransaction(db, (trx) => cancelActivity({ trx, user, clock }, id, reason))
      return c.json(await detailOf(row, user.id), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'getActivityCalendar',
      method: 'get',
      path: '/{id}/ics',
      tags: ['activities'],
      summary: 'The activity as an iCalendar file (public)',
      request: { params: ActivityIdParam },
      responses: { 200: { description: 'text/calendar', ...calendar }, 400: refusal('invalid id'), 404: refusal('no such activity') },
    }),
    async (c) => {
      const row = await mustFindActivity(db, c.req.valid('param').id)
      return c.body(renderCalendar([activityEvent(row, publicOrigin(c, config))], { now: clock.now() }), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="activity-${row.id}.ics"`,
      })
    },
  )

  /** Approve or reject a registration awaiting approval: 404 unknown, 403 not the organiser, 409 not pending. */
  for (const decision of ['approve', 'reject'] as const) {
    app.openapi(
      createRoute({
        ...access.member,
        operationId: `${decision}Registration`,
        method: 'post',
        path: `/{id}/registrations/{registrationId}/${decision}`,
        tags: ['activities'],
        summary:
          decision === 'approve'
            ? 'Approve a registration awaiting approval (it keeps its place)'
            : 'Reject a registration awaiting approval; its place goes to the head of the waitlist',
        request: { params: RegistrationDecisionParam },
        responses: {
          200: { description: 'the registration after the decision', ...json(RegistrationDecision) },
          ...refusals,
          404: refusal('no such registration'),
          409: refusal('not awaiting approval'),
        },
      }),
      async (c) => {
        const user = currentUser(c)
        const { id, registrationId } = c.req.valid('param')
        const out = await writeTransaction(db, (trx) => decideRegistration({ trx, user, clock }, id, registrationId, decision))
        return c.json(
          { registration: await registrationView(db, out.registration), promoted: out.promoted, activity: toActivity(out.activity) },
          200,
        )
      },
    )
  }

  /** Organiser only; reading names (and masked phones) of other people is audited. */
  async function attendanceFor(user: ReturnType<typeof currentUser>, id: string, action: string, detail: Record<string, unknown> = {}) {
    const row = await mustFindActivity(db, id)
    await assertCanOrganise(db, user, row.org_id)
    const lines = await attendanceLines(db, id)
    await audit(db, {
      actorId: user.id,
      action,
      orgId: row.org_id,
      target: id,
      detail: { count: lines.length, ...detail },
      at: clock.now(),
    })
    return { row, lines }
  }

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getAttendance',
      method: 'get',
      path: '/{id}/attendance',
      tags: ['activities'],
      summary: 'Attendance list for the organiser (phones masked)',
      request: { params: ActivityIdParam },
      responses: { 200: { description: 'registrants and check-ins', ...json(Attendance) }, ...refusals, 404: refusal('no such activity') },
    }),
    async (c) => {
      const { row, lines } = await attendanceFor(currentUser(c), c.req.valid('param').id, 'activity.attendance.read')
      return c.json(
        {
          activityId: row.id,
          title: row.title,
          registered: lines.filter((l) => l.registrationStatus === 'registered').length,
          waitlisted: lines.filter((l) => l.registrationStatus === 'waitlisted').length,
          checkedIn: lines.filter((l) => l.checkedInAt !== null).length,
          items: lines.map(({ fullPhone: _omit, ...l }) => l),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'exportAttendanceCsv',
      method: 'get',
      path: '/{id}/attendance.csv',
      tags: ['activities'],
      summary:
        'Attendance as CSV (UTF-8 with BOM, Beijing times, words in lang or Accept-Language); phones masked unless phones=full by a system admin',
      request: { params: ActivityIdParam, query: AttendanceCsvQuery },
      responses: {
        200: { description: 'text/csv', content: { 'text/csv': { schema: z.string() } } },
        ...refusals,
        404: refusal('no such activity'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { phones, lang } = c.req.valid('query')
      // full phone numbers are an explicit right (system admins); organisers get masked ones
      if (phones === 'full' && !isSystemAdmin(user)) throw forbidden('full phone numbers are only exported by a system administrator')
      const { row, lines } = await attendanceFor(user, c.req.valid('param').id, 'activity.attendance.export', { phones })
      const language = exportLanguage(lang, c.req.header('accept-language'))
      return c.body(attendanceCsv(lines, { fullPhones: phones === 'full', lang: language }), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-language': language,
        vary: 'Accept-Language',
        'content-disposition': `attachment; filename="attendance-${row.id}.csv"`,
      })
    },
  )

  return app
}

/** `/api/admin/activities`: what an organiser runs — their organisations' activities, cancelled ones too. */
export function organiserActivityRoutes({ db, clock }: AppDeps) {
  const app = createRouter()
  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listOrganisedActivities',
      method: 'get',
      path: '/',
      tags: ['activities', 'admin'],
      summary: 'The activities of the organisations the caller organises (admins: and everything below), with waitlist lengths',
      request: { query: OrganiserActivityQuery },
      responses: { 200: { description: 'one page, soonest first', ...json(OrganiserActivityPage) }, ...refusals },
    }),
    async (c) => {
      const user = currentUser(c)
      const q = c.req.valid('query')
      const { roots, exact } = await organiserScope(db, user)
      const from = q.from ? iso(q.from) : new Date(clock.now().getTime() - 30 * 86_400_000).toISOString()
      const rows = await organiserActivities(db, {
        roots,
        exact,
        status: q.status,
        from,
        limit: q.pageSize + 1,
        offset: (q.page - 1) * q.pageSize,
      })
      const items = rows.slice(0, q.pageSize).map(({ waitlist_count, approval_count, ...r }) => ({
        ...toActivityListItem(r),
        waitlistCount: waitlist_count,
        approvalCount: approval_count,
      }))
      return c.json({ items, page: q.page, pageSize: q.pageSize, hasMore: rows.length > q.pageSize }, 200)
    },
  )
  return app
}
