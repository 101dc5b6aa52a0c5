/**
 * Hubs (issue 14): `/api/admin/hubs` for the admins of a hub's organisation or above (list, create,
 * edit and close, the hub with its kiosks, one-time kiosk enrolment codes) and `/api/hubs` for
 * everyone (active hubs only: pickers, the organisation page, a hub's page). Rules live in
 * server/domain/hubs.ts.
 */
import { createRoute } from '@hono/zod-openapi'
import {
  EnrolmentCodeIssued,
  Hub,
  HubAdminView,
  HubCreateInput,
  HubIdParam,
  HubList,
  HubListQuery,
  HubPage,
  HubPatch,
} from '../../shared/schemas/hub'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { adminHubView, createHub, hubPage, issueEnrolmentCode, listAdminHubs, listHubs, updateHub } from '../domain/hubs'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not an administrator of the hub’s organisation or of one above it'),
}

export function adminHubRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listAdminHubs',
      method: 'get',
      path: '/',
      tags: ['hubs'],
      summary: 'Hubs of an organisation and below (admin of it), or of the caller’s admin roots; a system admin sees all',
      request: { query: HubListQuery },
      responses: { 200: { description: 'one page', ...json(HubList) }, ...refusals, 404: refusal('no such organisation') },
    }),
    async (c) => c.json(await listAdminHubs(db, currentUser(c), c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'createHub',
      method: 'post',
      path: '/',
      tags: ['hubs'],
      summary: 'Register a hub for an organisation the caller administers; its region lies in the organisation’s',
      request: { body: { required: true, ...json(HubCreateInput) } },
      responses: {
        201: { description: 'the hub', ...json(Hub) },
        ...refusals,
        404: refusal('no such organisation'),
        422: refusal('unknown region, or outside the organisation’s region'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const hub = await writeTransaction(db, (trx) => createHub({ trx, user: currentUser(c), clock }, input))
      return c.json(hub, 201)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getAdminHub',
      method: 'get',
      path: '/{id}',
      tags: ['hubs'],
      summary: 'A hub with its kiosks and the count of live enrolment codes',
      request: { params: HubIdParam },
      responses: { 200: { description: 'the hub', ...json(HubAdminView) }, ...refusals, 404: refusal('no such hub') },
    }),
    async (c) => c.json(await adminHubView(db, currentUser(c), c.req.valid('param').id, clock.now()), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'updateHub',
      method: 'patch',
      path: '/{id}',
      tags: ['hubs'],
      summary: 'Edit a hub, or close it (no new kiosk enrolments; its kiosks keep syncing)',
      request: { params: HubIdParam, body: { required: true, ...json(HubPatch) } },
      responses: {
        200: { description: 'the hub', ...json(Hub) },
        ...refusals,
        404: refusal('no such hub'),
        422: refusal('unknown region, or outside the organisation’s region'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const patch = c.req.valid('json')
      const hub = await writeTransaction(db, (trx) => updateHub({ trx, user: currentUser(c), clock }, id, patch))
      return c.json(hub, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'issueEnrolmentCode',
      method: 'post',
      path: '/{id}/enrolment-codes',
      tags: ['hubs', 'kiosk'],
      summary: 'A one-time kiosk enrolment code for the hub (shown once as XXXX-XXXX; valid 24 hours)',
      request: { params: HubIdParam },
      responses: {
        201: { description: 'the code', ...json(EnrolmentCodeIssued) },
        ...refusals,
        404: refusal('no such hub'),
        409: refusal('the hub is closed'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const issued = await writeTransaction(db, (trx) => issueEnrolmentCode({ trx, user: currentUser(c), clock }, id))
      return c.json(issued, 201)
    },
  )

  return app
}

export function hubRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'listHubs',
      method: 'get',
      path: '/',
      tags: ['hubs'],
      summary: 'Active hubs, by organisation (and below), region (and below) or name',
      request: { query: HubListQuery },
      responses: { 200: { description: 'one page', ...json(HubList) }, 400: refusal('invalid input') },
    }),
    async (c) => c.json(await listHubs(db, c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'getHubPage',
      method: 'get',
      path: '/{id}',
      tags: ['hubs'],
      summary: 'An active hub with its upcoming activities and open shifts (at most 50 each, soonest first)',
      request: { params: HubIdParam },
      responses: {
        200: { description: 'the hub’s page', ...json(HubPage) },
        400: refusal('invalid input'),
        404: refusal('no such active hub'),
      },
    }),
    async (c) => c.json(await hubPage(db, c.req.valid('param').id, clock.now()), 200),
  )

  return app
}
