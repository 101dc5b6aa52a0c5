/**
 * Who may call a route, declared once in its createRoute: `createRoute({ ...access.member, ... })`.
 * One declaration gives both the guard (zod-openapi's route `middleware`, run before the request is
 * validated, so a refused caller learns nothing about the input) and the operation's OpenAPI
 * `security`, so the document states exactly what the server enforces. `createRouter` refuses a
 * route without one, and the security matrix checks each declaration against the answers.
 *
 * Object-level rules (an admin of *this* organisation) stay in the domain code: a declaration says
 * which credential the route takes, not what the holder may touch.
 */
import { createHash } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import type { AppDeps, AppConfig } from '../deps'
import type { AppEnv } from '../env'
import { DomainError, forbidden } from '../errors'
import { cookieName, currentUser, requireUser } from './session'

/** The credentials the API knows, named as in `components.securitySchemes`. */
export type SchemeName = 'sessionCookie' | 'deviceToken' | 'calendarToken'
export type AccessName = 'anyone' | 'member' | 'systemAdmin' | 'device' | 'memberOrDevice' | 'calendarToken'

export interface Access {
  middleware: MiddlewareHandler<AppEnv>[]
  /** OpenAPI: `[]` is "no credential needed"; otherwise one requirement per accepted scheme (any one of them will do) */
  security: Partial<Record<SchemeName, string[]>>[]
  /** the declaration's name in the document, read by tests/server/security-matrix.test.ts */
  'x-access': AccessName
}

const declare = (name: AccessName, middleware: MiddlewareHandler<AppEnv>[], ...schemes: SchemeName[]): Access => ({
  middleware,
  security: schemes.map((scheme) => ({ [scheme]: [] })),
  'x-access': name,
})

const requireSystemAdmin: MiddlewareHandler<AppEnv> = async function requireSystemAdmin(c, next) {
  if (currentUser(c).system_role !== 'system_admin') throw forbidden('only a system administrator may do this')
  await next()
}

/** The one refusal for a missing, unknown or revoked device credential. */
const deviceRefused = () => new DomainError('device_unauthorized', 'this device is not registered or was revoked')

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url')
const DEVICE_AUTHORIZATION = /^Device ([A-Za-z0-9_-]{20,100})$/

/** Authenticates `Authorization: Device <token>` and puts the device on the context (401 if unknown or revoked). */
function requireDevice({ db, clock }: Pick<AppDeps, 'db' | 'clock'>): MiddlewareHandler<AppEnv> {
  return async function requireDevice(c, next) {
    const match = DEVICE_AUTHORIZATION.exec(c.req.header('authorization') ?? '')
    const device = match
      ? await db
          .selectFrom('devices')
          .innerJoin('organizations', 'organizations.id', 'devices.org_id')
          .leftJoin('hubs', 'hubs.id', 'devices.hub_id')
          .select([
            'devices.id',
            'devices.name',
            'devices.org_id',
            'devices.revoked_at',
            'devices.hub_id',
            'devices.device_no',
            'organizations.name as org_name',
            'hubs.name as hub_name',
          ])
          .where('devices.token_hash', '=', tokenHash(match[1]!))
          .executeTakeFirst()
      : undefined
    if (!device || device.revoked_at) throw deviceRefused()
    await db.updateTable('devices').set({ last_seen_at: clock.now().toISOString() }).where('id', '=', device.id).execute()
    c.set('device', {
      id: device.id,
      name: device.name,
      orgId: device.org_id,
      orgName: device.org_name,
      hubId: device.hub_id,
      hubName: device.hub_name,
      deviceNo: device.device_no,
    })
    await next()
  }
}

/**
 * A device credential when the request carries one (`Authorization: Device …`, checked like
 * `access.device`: a bad or revoked one is refused even beside a valid session), else a session.
 */
function requireMemberOrDevice(deps: Pick<AppDeps, 'db' | 'clock'>): MiddlewareHandler<AppEnv> {
  const device = requireDevice(deps)
  const member = requireUser()
  return async function requireMemberOrDevice(c, next) {
    return /^Device\b/.test(c.req.header('authorization') ?? '') ? device(c, next) : member(c, next)
  }
}

/** The calling device; call only on a route declaring `access.device` (or `memberOrDevice`, when it is a device). */
export function currentDevice(c: Context<AppEnv>) {
  const device = c.get('device')
  if (!device) throw deviceRefused()
  return device
}

export const access = {
  /** no credential; a session, if any, only personalises the answer */
  anyone: declare('anyone', []),
  /** a logged-in person (401 without a session) */
  member: declare('member', [requireUser()], 'sessionCookie'),
  /** a logged-in system administrator (401 without a session, 403 for anyone else) */
  systemAdmin: declare('systemAdmin', [requireUser(), requireSystemAdmin], 'sessionCookie'),
  /** an enrolled, unrevoked kiosk device */
  device: (deps: Pick<AppDeps, 'db' | 'clock'>) => declare('device', [requireDevice(deps)], 'deviceToken'),
  /** a logged-in person or an enrolled, unrevoked device (the sync routes); the handler asks which (server/sync/actor.ts) */
  memberOrDevice: (deps: Pick<AppDeps, 'db' | 'clock'>) =>
    declare('memberOrDevice', [requireMemberOrDevice(deps)], 'sessionCookie', 'deviceToken'),
  /**
   * The personal calendar feed's token in the query. Calendar apps send no cookie; the handler checks
   * the token after the query is validated, so a malformed one answers 400 and an unknown one 401.
   */
  calendarToken: declare('calendarToken', [], 'calendarToken'),
} as const

/** `components.securitySchemes` for the document; the cookie's name depends on HTTPS (the __Host- prefix). */
export function securitySchemes(config: Pick<AppConfig, 'secureCookies'>) {
  return {
    sessionCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: cookieName(config.secureCookies),
      description:
        'The session cookie set by POST /api/auth/login (HttpOnly, SameSite=Lax). State-changing requests from another origin are refused.',
    },
    deviceToken: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: 'A kiosk device credential issued by POST /api/admin/devices, sent as `Authorization: Device <token>`.',
    },
    calendarToken: {
      type: 'apiKey',
      in: 'query',
      name: 'token',
      description: 'The personal calendar feed token issued by POST /api/me/calendar-token (calendar apps cannot send a cookie).',
    },
  } as const satisfies Record<SchemeName, { type: 'apiKey'; in: string; name: string; description: string }>
}
