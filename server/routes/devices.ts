import { randomBytes, randomUUID } from 'node:crypto'
import { createRoute } from '@hono/zod-openapi'
import {
  DeviceCreateInput,
  DeviceCreated,
  DeviceIdParam,
  DeviceInfo,
  DeviceList,
  DeviceListQuery,
  DeviceSelf,
} from '../../shared/schemas/device'
import type { AppDeps } from '../deps'
import type { DeviceRow } from '../db/device.table'
import { createRouter, json, refusal } from '../openapi'
import { access, currentDevice, tokenHash } from '../middleware/access'
import { notFound } from '../errors'
import { currentUser } from '../middleware/session'
import { assertOrgAdmin } from '../domain/authz'
import { audit } from '../domain/audit'
import { findOrganization } from '../db/organization.repository'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not an admin of that organisation'),
  404: refusal('no such organisation or device'),
}
const toInfo = (r: DeviceRow): DeviceInfo => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
})

/**
 * Device credentials for shared kiosk tablets, kept beside sessions: an admin of an organisation
 * (or above it) issues one, sees them, and revokes one at once. The kiosk door (a later issue)
 * authenticates with `Authorization: Device <token>`; `GET /api/device` is its self-check.
 */
export function deviceAdminRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'issueDevice',
      method: 'post',
      path: '/',
      tags: ['devices'],
      summary: 'Issue a device credential bound to an organisation (token shown once)',
      request: { body: { required: true, ...json(DeviceCreateInput) } },
      responses: { 201: { description: 'issued', ...json(DeviceCreated) }, ...refusals },
    }),
    async (c) => {
      const user = currentUser(c)
      const { orgId, name } = c.req.valid('json')
      if (!(await findOrganization(db, orgId))) throw notFound('organisation')
      await assertOrgAdmin(db, user, orgId)
      const token = randomBytes(32).toString('base64url')
      const row: DeviceRow = {
        id: randomUUID(),
        org_id: orgId,
        name,
        token_hash: tokenHash(token),
        created_by: user.id,
        created_at: clock.now().toISOString(),
        last_seen_at: null,
        revoked_at: null,
        revoked_by: null,
        hub_id: null,
        device_no: null,
      }
      await writeTransaction(db, async (trx) => {
        await trx.insertInto('devices').values(row).execute()
        await audit(trx, { actorId: user.id, action: 'device.issue', orgId, target: row.id, at: clock.now() })
      })
      return c.json({ ...toInfo(row), token }, 201)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listDevices',
      method: 'get',
      path: '/',
      tags: ['devices'],
      summary: 'Device credentials of an organisation',
      request: { query: DeviceListQuery },
      responses: { 200: { description: 'devices', ...json(DeviceList) }, ...refusals },
    }),
    async (c) => {
      const { orgId } = c.req.valid('query')
      if (!(await findOrganization(db, orgId))) throw notFound('organisation')
      await assertOrgAdmin(db, currentUser(c), orgId)
      const rows = await db.selectFrom('devices').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').execute()
      return c.json({ items: rows.map(toInfo) }, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'revokeDevice',
      method: 'post',
      path: '/{id}/revoke',
      tags: ['devices'],
      summary: 'Revoke a device credential at once',
      request: { params: DeviceIdParam },
      responses: { 200: { description: 'revoked', ...json(DeviceInfo) }, ...refusals },
    }),
    async (c) => {
      const user = currentUser(c)
      const { id } = c.req.valid('param')
      const device = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
      if (!device) throw notFound('device')
      await assertOrgAdmin(db, user, device.org_id)
      const now = clock.now().toISOString()
      await writeTransaction(db, async (trx) => {
        await trx
          .updateTable('devices')
          .set({ revoked_at: device.revoked_at ?? now, revoked_by: device.revoked_by ?? user.id })
          .where('id', '=', id)
          .execute()
        await audit(trx, { actorId: user.id, action: 'device.revoke', orgId: device.org_id, target: id, at: clock.now() })
      })
      return c.json(toInfo({ ...device, revoked_at: device.revoked_at ?? now }), 200)
    },
  )
  return app
}

/** The device's own self-check: which organisation it serves; 401 once revoked. */
export function deviceSelfRoutes({ db, clock }: AppDeps) {
  const app = createRouter()
  app.openapi(
    createRoute({
      ...access.device({ db, clock }),
      operationId: 'getCallingDevice',
      method: 'get',
      path: '/',
      tags: ['devices'],
      summary: 'The calling device (Authorization: Device <token>)',
      responses: { 200: { description: 'the device', ...json(DeviceSelf) }, 401: refusal('no, unknown or revoked device credential') },
    }),
    (c) => c.json(currentDevice(c), 200),
  )
  return app
}
