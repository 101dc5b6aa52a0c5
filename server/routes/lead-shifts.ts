/**
 * `/api/lead`: a team's leaders plan its services and shifts, read its week, assign members and
 * decide swaps. Every route is for members and checks, in the service, that the caller leads the
 * team the service, shift or swap belongs to (assertLeadsTeam: 404 unknown team, 403 a leader of
 * another team). Signing up, cancelling, confirming and asking for swaps go through the sync engine
 * (server/sync/mutators/shift.ts).
 */
import { createRoute, z } from '@hono/zod-openapi'
import {
  AssignInput,
  AssignResult,
  LeaderSwap,
  LeaderSwaps,
  ServiceIdParam,
  ServiceInput,
  ServicePatch,
  Shift,
  ShiftCancelInput,
  ShiftIdParam,
  ShiftInput,
  ShiftPatch,
  SwapDecisionInput,
  SwapIdParam,
  TeamIdParam,
  TeamWeek,
  VolunteerService,
  WeekQuery,
} from '../../shared/schemas/volunteer'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { cancelShift, createService, createShifts, listServices, patchService, patchShift, teamWeek } from '../domain/volunteer-shifts'
import { assignToShift } from '../domain/volunteer-signups'
import { decideSwap, leaderSwaps } from '../domain/volunteer-swaps'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not a leader of this team (nor an admin of its organisation)'),
}
const Services = z.object({ items: z.array(VolunteerService) })
const Shifts = z.object({ items: z.array(Shift) })
const tags = ['volunteer', 'lead']

export function leadShiftRoutes({ db, clock }: AppDeps) {
  const app = createRouter()
  const inTransaction = <T>(c: Parameters<typeof currentUser>[0], run: (ctx: Parameters<typeof createService>[0]) => Promise<T>) =>
    writeTransaction(db, (trx) => run({ trx, user: currentUser(c), clock }))

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listTeamServices',
      method: 'get',
      path: '/teams/{id}/services',
      tags,
      summary: 'The team’s services (志愿服务项目)',
      request: { params: TeamIdParam },
      responses: { 200: { description: 'the services', ...json(Services) }, ...refusals, 404: refusal('no such team') },
    }),
    async (c) => c.json(await listServices(db, currentUser(c), c.req.valid('param').id), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'createTeamService',
      method: 'post',
      path: '/teams/{id}/services',
      tags,
      summary: 'Create a service at a venue (its region defaults to the team’s)',
      request: { params: TeamIdParam, body: { required: true, ...json(ServiceInput) } },
      responses: {
        201: { description: 'the new service', ...json(VolunteerService) },
        ...refusals,
        404: refusal('no such team'),
        409: refusal('the team is not active'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(await inTransaction(c, (ctx) => createService(ctx, id, c.req.valid('json'))), 201)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'editService',
      method: 'patch',
      path: '/services/{id}',
      tags,
      summary: 'Edit a service; a new title, venue or region reaches its shifts',
      request: { params: ServiceIdParam, body: { required: true, ...json(ServicePatch) } },
      responses: { 200: { description: 'the service', ...json(VolunteerService) }, ...refusals, 404: refusal('no such service') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(await inTransaction(c, (ctx) => patchService(ctx, id, c.req.valid('json'))), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'createShifts',
      method: 'post',
      path: '/services/{id}/shifts',
      tags,
      summary: 'Create a shift, or the same shift every week (repeatWeeks, one series)',
      request: { params: ServiceIdParam, body: { required: true, ...json(ShiftInput) } },
      responses: {
        201: { description: 'the new shifts, soonest first', ...json(Shifts) },
        ...refusals,
        404: refusal('no such service'),
        409: refusal('the team is not active'),
        422: refusal('the shift ends before it starts, or is too short or too long'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json({ items: await inTransaction(c, (ctx) => createShifts(ctx, id, c.req.valid('json'))) }, 201)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'editShift',
      method: 'patch',
      path: '/shifts/{id}',
      tags,
      summary: 'Edit a shift, or (series: true) it and the later ones of its series; more slots let the waitlist in',
      request: { params: ShiftIdParam, body: { required: true, ...json(ShiftPatch) } },
      responses: {
        200: { description: 'the shifts changed', ...json(Shifts) },
        ...refusals,
        404: refusal('no such shift'),
        409: refusal('the shift is cancelled'),
        422: refusal('the shift ends before it starts, or is too short or too long'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json({ items: await inTransaction(c, (ctx) => patchShift(ctx, id, c.req.valid('json'))) }, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'cancelShift',
      method: 'post',
      path: '/shifts/{id}/cancel',
      tags,
      summary: 'Cancel a shift, or (series: true) it and the later ones: sign-ups end and everyone on it is told',
      request: { params: ShiftIdParam, body: { required: false, ...json(ShiftCancelInput) } },
      responses: {
        200: { description: 'the shifts cancelled', ...json(Shifts) },
        ...refusals,
        404: refusal('no such shift'),
        409: refusal('already cancelled'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json') ?? { series: false }
      return c.json({ items: await inTransaction(c, (ctx) => cancelShift(ctx, id, input)) }, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getTeamWeek',
      method: 'get',
      path: '/teams/{id}/week',
      tags,
      summary: 'The team’s shifts of one week (Monday 00:00 Beijing time on), who is on each and the skills nobody brings',
      request: { params: TeamIdParam, query: WeekQuery },
      responses: { 200: { description: 'the week', ...json(TeamWeek) }, ...refusals, 404: refusal('no such team') },
    }),
    async (c) => c.json(await teamWeek(db, currentUser(c), c.req.valid('param').id, c.req.valid('query').start, clock.now()), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'assignToShift',
      method: 'post',
      path: '/shifts/{id}/assignments',
      tags,
      summary: 'Assign a team member to a shift; warnings (overlap, missing skills, full) must be acknowledged',
      request: { params: ShiftIdParam, body: { required: true, ...json(AssignInput) } },
      responses: {
        200: { description: 'the warnings, and the new sign-up unless only checked or not acknowledged', ...json(AssignResult) },
        ...refusals,
        404: refusal('no such shift'),
        409: refusal('the shift is cancelled or started, or the person is already on it'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(await inTransaction(c, (ctx) => assignToShift(ctx, id, c.req.valid('json'))), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listTeamSwaps',
      method: 'get',
      path: '/teams/{id}/swaps',
      tags,
      summary: 'Swaps accepted by the teammate, waiting for a leader, with what the teammate would overlap',
      request: { params: TeamIdParam },
      responses: { 200: { description: 'the swaps', ...json(LeaderSwaps) }, ...refusals, 404: refusal('no such team') },
    }),
    async (c) => c.json(await leaderSwaps(db, currentUser(c), c.req.valid('param').id), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'decideSwap',
      method: 'post',
      path: '/swaps/{id}/decision',
      tags,
      summary: 'Approve (the teammate takes the slot) or reject a swap; both people are told',
      request: { params: SwapIdParam, body: { required: true, ...json(SwapDecisionInput) } },
      responses: {
        200: { description: 'the swap after the decision', ...json(LeaderSwap) },
        ...refusals,
        404: refusal('no such swap'),
        409: refusal('not waiting for a leader, or no longer possible'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(await inTransaction(c, (ctx) => decideSwap(ctx, id, c.req.valid('json').decision)), 200)
    },
  )

  return app
}
