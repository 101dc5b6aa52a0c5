import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { ErrorBody } from '../../shared/schemas/common'
import { DeviceCreateInput, DeviceCreated, DeviceIdParam, DeviceInfo, DeviceList, DeviceListQuery, DeviceSelf } from '../../shared/schemas/device'
import type { AppDeps } from '../deps'
import type { DeviceRow } from '../db/device.table'
import { createRouter } from '../openapi'
import { DomainError, notFound } from '../errors'
import { currentUser, requireUser } from '../middleware/session'
import { assertOrgAdmin } from '../domain/authz'
import { audit } from '../domain/audit'
import { findOrganization } from '../db/organization.repository'

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })
const refusals = {
  400: { description: 'invalid input', ...json(ErrorBody) },
  401: { description: 'not logged in', ...json(ErrorBody) },
  403: { description: 'not an admin of that organisation', ...json(ErrorBody) },
  404: { description: 'no such organisation or device', ...json(ErrorBody) },
}
const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url')
const toInfo = (r: DeviceRow): DeviceInfo => ({ id: r.id, orgId: r.org_id, name: r.name, createdAt: r.created_at, lastSeenAt: r.last_seen_at, revokedAt: r.revoked_at })

/**
 * Device credentials for shared kiosk tablets, kept beside sessions: an admin of an organisation
 * (or above it) issues one, sees them, and revokes one at once. The kiosk door (a later issue)
 * authenticates with `Authorization: Device <token>`; `GET /api/device` is its self-check.
 */
export function deviceAdminRoutes({ db, clock }: AppDeps) {
  const app = createRouter()
  app.use('*', requireUser())

  app.openapi(
    createRoute({
      method: 'post', path: '/', tags: ['devices'], summary: 'Issue a device credential bound to an organisation (token shown once)',
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
        id: randomUUID(), org_id: orgId, name, token_hash: tokenHash(token), created_by: user.id,
        created_at: clock.now().toISOString(), last_seen_at: null, revoked_at: null, revoked_by: null,
      }
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('devices').values(row).execute()
        await audit(trx, { actorId: user.id, action: 'device.issue', orgId, target: row.id, at: clock.now() })
      })
      return c.json({ ...toInfo(row), token }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get', path: '/', tags: ['devices'], summary: 'Device credentials of an organisation',
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
      method: 'post', path: '/{id}/revoke', tags: ['devices'], summary: 'Revoke a device credential at once',
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
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('devices').set({ revoked_at: device.revoked_at ?? now, revoked_by: device.revoked_by ?? user.id }).where('id', '=', id).execute()
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
      method: 'get', path: '/', tags: ['devices'], summary: 'The calling device (Authorization: Device <token>)',
      responses: { 200: { description: 'the device', ...json(DeviceSelf) }, 401: { description: 'no, unknown or revoked device credential', ...json(ErrorBody) } },
    }),
    async (c) => {
      const match = /^Device ([A-Za-z0-9_-]{20,100})$/.exec(c.req.header('authorization') ?? '')
      const device = match
        ? await db.selectFrom('devices').innerJoin('organizations', 'organizations.id', 'devices.org_id')
            .select(['devices.id', 'devices.name', 'devices.org_id', 'devices.revoked_at', 'organizations.name as org_name'])
            .where('devices.token_hash', '=', tokenHash(match[1]!)).executeTakeFirst()
        : undefined
      if (!device || device.revoked_at) throw new DomainError('device_unauthorized', 'this device is not registered or was revoked')
      await db.updateTable('devices').set({ last_seen_at: clock.now().toISOString() }).where('id', '=', device.id).execute()
      return c.json({ id: device.id, name: device.name, orgId: device.org_id, orgName: device.org_name }, 200)
    },
  )
  return app
}
