/**
 * `/api/admin/requests`: the queue of residents' requests at the hubs of the organisations an admin
 * administers (and below), a request with its timeline (the phone masked), dispatch suggestions,
 * dispatch (and re-dispatch) to a team with a deadline, and closing with a reason. Every route checks
 * in server/domain/service-requests.ts that the caller administers the hub's organisation or one above.
 */
import { createRoute } from '@hono/zod-openapi'
import {
  AdminRequestQuery,
  DispatchInput,
  ReasonInput,
  RequestIdParam,
  ServiceRequestDetail,
  ServiceRequestList,
  TeamSuggestions,
} from '../../shared/schemas/service-request'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { adminRequestDetail, adminRequests, closeRequest, dispatchRequest } from '../domain/service-requests'
import { suggestTeams } from '../domain/request-suggestions'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not an administrator of the hub’s organisation or of one above it'),
}
const notFound = { 404: refusal('no such request') }
const tags = ['requests', 'admin']

export function adminRequestRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listAdminRequests',
      method: 'get',
      path: '/',
      tags,
      summary: 'Requests at the hubs of the organisations the caller administers (or orgId’s subtree), newest first',
      request: { query: AdminRequestQuery },
      responses: { 200: { description: 'one page', ...json(ServiceRequestList) }, ...refusals, 404: refusal('no such organisation') },
    }),
    async (c) => c.json(await adminRequests(db, currentUser(c), c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getAdminRequest',
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'A request with its timeline (the contact phone masked)',
      request: { params: RequestIdParam },
      responses: { 200: { description: 'the request', ...json(ServiceRequestDetail) }, ...refusals, ...notFound },
    }),
    async (c) => c.json(await adminRequestDetail(db, currentUser(c), c.req.valid('param').id), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'suggestTeams',
      method: 'get',
      path: '/{id}/suggestions',
      tags,
      summary: 'Teams to dispatch to, by skill match and distance (same township, county, city)',
      request: { params: RequestIdParam },
      responses: { 200: { description: 'up to ten teams, best first', ...json(TeamSuggestions) }, ...refusals, ...notFound },
    }),
    async (c) => c.json(await suggestTeams(db, currentUser(c), c.req.valid('param').id), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'dispatchRequest',
      method: 'post',
      path: '/{id}/dispatch',
      tags,
      summary: 'Dispatch (or re-dispatch) a request to an active team with a deadline; its leaders are told',
      request: { params: RequestIdParam, body: { required: true, ...json(DispatchInput) } },
      responses: {
        200: { description: 'the request', ...json(ServiceRequestDetail) },
        ...refusals,
        404: refusal('no such request or team'),
        409: refusal('not possible in the request’s status, or the team is not active'),
        422: refusal('the deadline is less than an hour or more than 90 days away'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      return c.json(await writeTransaction(db, (trx) => dispatchRequest({ trx, user: currentUser(c), clock }, id, input)), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'closeRequest',
      method: 'post',
      path: '/{id}/close',
      tags,
      summary: 'Close a request that is not done, with a reason',
      request: { params: RequestIdParam, body: { required: true, ...json(ReasonInput) } },
      responses: {
        200: { description: 'the request', ...json(ServiceRequestDetail) },
        ...refusals,
        ...notFound,
        409: refusal('done, rated or already closed'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      return c.json(await writeTransaction(db, (trx) => closeRequest({ trx, user: currentUser(c), clock }, id, reason)), 200)
    },
  )

  return app
}
