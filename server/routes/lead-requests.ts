/**
 * `/api/lead/requests`: residents' requests dispatched to the teams the caller leads or co-leads
 * (not the organisation's admins: they act through /api/admin/requests) — accept (接单) or decline
 * with a reason, assign volunteers (the request becomes a shift at the hub), mark done with a report.
 * The contact phone is shown in full once their team accepted it. Every route checks in
 * server/domain/service-requests.ts that the caller leads the team the request is dispatched to.
 */
import { createRoute } from '@hono/zod-openapi'
import {
  DoneInput,
  LeadRequestQuery,
  ReasonInput,
  RequestIdParam,
  RequestShiftInput,
  ServiceRequestDetail,
  ServiceRequestList,
} from '../../shared/schemas/service-request'
import type { AppDeps } from '../deps'
import type { DomainContext } from '../domain/context'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import {
  acceptRequest,
  assignRequestShift,
  completeRequest,
  declineRequest,
  leadRequestDetail,
  leadRequests,
} from '../domain/service-requests'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not a leader of the team this request is dispatched to'),
}
const notFound = { 404: refusal('no such request') }
const notNow = { 409: refusal('not possible in the request’s status') }
const tags = ['requests', 'lead']

export function leadRequestRoutes({ db, clock }: AppDeps) {
  const app = createRouter()
  const inTransaction = <T>(c: Parameters<typeof currentUser>[0], run: (ctx: DomainContext) => Promise<T>) =>
    writeTransaction(db, (trx) => run({ trx, user: currentUser(c), clock }))

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listLeadRequests',
      method: 'get',
      path: '/',
      tags,
      summary: 'Requests dispatched to the teams the caller leads, newest first',
      request: { query: LeadRequestQuery },
      responses: { 200: { description: 'one page', ...json(ServiceRequestList) }, ...refusals },
    }),
    async (c) => c.json(await leadRequests(db, currentUser(c), c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getLeadRequest',
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'A request with its timeline (the phone in full once the team accepted it)',
      request: { params: RequestIdParam },
      responses: { 200: { description: 'the request', ...json(ServiceRequestDetail) }, ...refusals, ...notFound },
    }),
    async (c) => c.json(await leadRequestDetail(db, currentUser(c), c.req.valid('param').id), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'acceptRequest',
      method: 'post',
      path: '/{id}/accept',
      tags,
      summary: 'Accept a request dispatched to the team (接单)',
      request: { params: RequestIdParam },
      responses: { 200: { description: 'the request', ...json(ServiceRequestDetail) }, ...refusals, ...notFound, ...notNow },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(await inTransaction(c, (ctx) => acceptRequest(ctx, id)), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'declineRequest',
      method: 'post',
      path: '/{id}/decline',
      tags,
      summary: 'Decline a request with a reason: it goes back to the queue and the hub’s admins are told',
      request: { params: RequestIdParam, body: { required: true, ...json(ReasonInput) } },
      responses: { 200: { description: 'the request', ...json(ServiceRequestDetail) }, ...refusals, ...notFound, ...notNow },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      return c.json(await inTransaction(c, (ctx) => declineRequest(ctx, id, reason)), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'assignRequestShift',
      method: 'post',
      path: '/{id}/shift',
      tags,
      summary: 'Assign team members at a time: the accepted request becomes a shift of the team at the hub (once)',
      request: { params: RequestIdParam, body: { required: true, ...json(RequestShiftInput) } },
      responses: {
        200: { description: 'the request with its shift', ...json(ServiceRequestDetail) },
        ...refusals,
        ...notFound,
        409: refusal('not accepted, or a shift was already made'),
        422: refusal('the shift ends before it starts, or is too short or too long'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      return c.json(await inTransaction(c, (ctx) => assignRequestShift(ctx, id, input)), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'completeRequest',
      method: 'post',
      path: '/{id}/done',
      tags,
      summary: 'Mark an accepted request done with a short report',
      request: { params: RequestIdParam, body: { required: true, ...json(DoneInput) } },
      responses: { 200: { description: 'the request', ...json(ServiceRequestDetail) }, ...refusals, ...notFound, ...notNow },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { report } = c.req.valid('json')
      return c.json(await inTransaction(c, (ctx) => completeRequest(ctx, id, report)), 200)
    },
  )

  return app
}
