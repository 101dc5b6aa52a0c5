/**
 * Authorization matrix: every operation in /api/openapi.json × role × object, with the status each
 * cell must answer. An operation in the document without an entry here fails the test, so a new
 * route cannot ship without someone deciding who may call it.
 *
 * Roles: anonymous; member (of 中关村街道科协); org admin (of 海淀区科协, so its townships too);
 * system admin; and, where a cell says so (`device`), a kiosk calling with its device credential for
 * 中关村街道科协 (`Authorization: Device …`, no session). Objects, where a route takes one: in the admin's subtree ('own'), in a sibling
 * county ('sibling'), in the parent province ('parent'), another member's ('other').
 * Besides the status, no answer to anyone but the system admin may carry the stranger's name (a
 * member of the sibling county), and no answer to anyone may carry the stranger's full phone.
 */
import { describe, expect, it } from 'vitest'
import { randomBytes, randomUUID } from 'node:crypto'
import { makeActivity, makeBeijing, makeContext, makeMembership, makeUser } from './fixtures'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { issueCalendarToken } from '../../server/db/activity-calendar.repository'
import { insertRegistration } from '../../server/db/activity-registration.repository'
import { tokenHash } from '../../server/middleware/access'
import { teamCells } from './security-matrix-teams'
import { shiftCells } from './security-matrix-shifts'
import { volunteerHoursCells } from './security-matrix-hours'
import { requestCells } from './security-matrix-requests'
import { hubCells } from './security-matrix-hubs'

const ROLES = ['anonymous', 'member', 'orgAdmin', 'systemAdmin'] as const
type Role = (typeof ROLES)[number]
/** `device`: the answer to the own organisation's device credential; cells without it are not tried as a device */
type Expect = Record<Role, number> & { device?: number }
const all = (s: number): Expect => ({ anonymous: s, member: s, orgAdmin: s, systemAdmin: s })
const loggedIn = (s: number): Expect => ({ anonymous: 401, member: s, orgAdmin: s, systemAdmin: s })
const adminOnly = (orgAdmin: number): Expect => ({ anonymous: 401, member: 403, orgAdmin, systemAdmin: 200 })

async function world() {
  const ctx = await makeContext()
  await makeBeijing(ctx.db)
  const member = await makeUser(ctx.db, { regionCode: '110108010' })
  const memberOwn = await makeMembership(ctx.db, { userId: member.id, orgId: 'cast-110108010' })
  const orgAdmin = await makeUser(ctx.db)
  await makeMembership(ctx.db, { userId: orgAdmin.id, orgId: 'cast-110108', role: 'admin' })
  const systemAdmin = await makeUser(ctx.db, { systemRole: 'system_admin' })
  const stranger = await makeUser(ctx.db, { name: '隔壁区的陌生人' })
  const applicant = await makeUser(ctx.db)
  const pending = {
    own: await makeMembership(ctx.db, { userId: applicant.id, orgId: 'cast-110108010', status: 'pending' }),
    sibling: await makeMembership(ctx.db, { userId: stranger.id, orgId: 'cast-110105001', status: 'pending' }),
    parent: await makeMembership(ctx.db, { userId: applicant.id, orgId: 'cast-11', status: 'pending' }),
  }
  const active = { own: memberOwn, sibling: await makeMembership(ctx.db, { userId: stranger.id, orgId: 'cast-110105' }) }
  const strangerAgent = ctx.agent()
  await strangerAgent.post('/api/auth/login', { phone: stranger.phone, password: stranger.password })
  const strangerSession = (await strangerAgent.get('/api/me/sessions')).body.items[0].id as string
  const users = { member, orgAdmin, systemAdmin }
  const deviceToken = randomBytes(32).toString('base64url') // the own device's credential, for the device caller
  const device = (orgId: string, tokenHashed: string = randomUUID()) => ({
    id: randomUUID(),
    org_id: orgId,
    name: '平板',
    token_hash: tokenHashed,
    created_by: systemAdmin.id,
    created_at: new Date().toISOString(),
    last_seen_at: null,
    revoked_at: null,
    revoked_by: null,
  })
  const devices = { own: device('cast-110108010', tokenHash(deviceToken)), sibling: device('cast-110105') }
  await ctx.db.insertInto('devices').values([devices.own, devices.sibling]).execute()
  return {
    ctx,
    users,
    stranger,
    pending,
    active,
    strangerSession,
    deviceToken,
    devices: { own: devices.own.id, sibling: devices.sibling.id },
  }
}
type World = Awaited<ReturnType<typeof world>>
type Agent = ReturnType<World['ctx']['agent']>
interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  url: string
  body?: unknown
}
interface Cell {
  object: string
  call: (w: World, role: Role, a: Agent) => Call | Promise<Call>
  expect: Expect
}
const get = (url: string) => () => ({ method: 'GET' as const, url })
const post =
  (url: string, body: unknown = {}) =>
  () => ({ method: 'POST' as const, url, body })
const own = (role: Role, w: World) => (role === 'anonymous' ? w.users.member : w.users[role])
/** Asks for a code by SMS (through the API, as a person would) and reads it from the development sender. */
async function smsCode(w: World, phone: string, purpose: 'login' | 'reset'): Promise<string> {
  const res = await w.ctx.app.request('/api/auth/sms-code', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, purpose }),
  })
  expect(res.status).toBe(200)
  return w.ctx.sms.lastCode(phone, purpose) ?? 'none sent'
}
const push = () => ({ clientId: randomUUID(), schemaVersion: SYNC_SCHEMA_VERSION, mutations: [] })

const matrix: Record<string, Cell[]> = {
  'GET /api/health': [{ object: '-', call: get('/api/health'), expect: all(200) }],
  'POST /api/auth/register': [
    {
      object: 'new number',
      call: async (w) => ({
        method: 'POST',
        url: '/api/auth/register',
        body: await w.ctx.withCode({ phone: '13512345678', password: 'Kexie-2026!', name: '新人', acceptPrivacy: true }),
      }),
      expect: all(201),
    },
  ],
  // open to anyone (a wrong code's 401 is tested in auth-sms.test.ts; here 401 means "needs a session")
  'POST /api/auth/sms-code': [
    { object: 'any number', call: post('/api/auth/sms-code', { phone: '13512345679', purpose: 'login' }), expect: all(200) },
  ],
  'POST /api/auth/login/code': [
    {
      object: 'own',
      call: async (w, r) => ({
        method: 'POST',
        url: '/api/auth/login/code',
        body: { phone: own(r, w).phone, code: await smsCode(w, own(r, w).phone, 'login') },
      }),
      expect: all(200),
    },
  ],
  'POST /api/auth/password/reset': [
    {
      object: 'own',
      call: async (w, r) => ({
        method: 'POST',
        url: '/api/auth/password/reset',
        body: { phone: own(r, w).phone, code: await smsCode(w, own(r, w).phone, 'reset'), newPassword: 'Another-2026!' },
      }),
      expect: all(200),
    },
  ],
  'POST /api/admin/memberships/{id}/reset-code': [
    { object: 'own subtree', call: (w) => post(`/api/admin/memberships/${w.active.own}/reset-code`)(), expect: adminOnly(200) },
    { object: 'sibling', call: (w) => post(`/api/admin/memberships/${w.active.sibling}/reset-code`)(), expect: adminOnly(403) },
  ],
  'POST /api/auth/login': [
    {
      object: 'own',
      call: (w, r) => ({ method: 'POST', url: '/api/auth/login', body: { phone: own(r, w).phone, password: own(r, w).password } }),
      expect: all(200),
    },
  ],
  'POST /api/auth/logout': [{ object: '-', call: post('/api/auth/logout'), expect: all(200) }],
  'POST /api/auth/password': [
    {
      object: 'own',
      call: (w, r) => ({
        method: 'POST',
        url: '/api/auth/password',
        body: { currentPassword: own(r, w).password, newPassword: 'Another-2026!' },
      }),
      expect: loggedIn(200),
    },
  ],
  'GET /api/me': [{ object: 'own', call: get('/api/me'), expect: { ...loggedIn(200), device: 401 } }],
  // a member's session or a device's credential (its own organisation's scope, server/sync/scope.ts)
  'POST /api/sync/push': [
    { object: 'own', call: () => ({ method: 'POST', url: '/api/sync/push', body: push() }), expect: { ...loggedIn(200), device: 200 } },
  ],
  'GET /api/sync/pull': [
    { object: 'own scope', call: get(`/api/sync/pull?schemaVersion=${SYNC_SCHEMA_VERSION}`), expect: { ...loggedIn(200), device: 200 } },
  ],
  'GET /api/orgs': [{ object: 'public catalogue', call: get('/api/orgs?q=%E6%B5%B7%E6%B7%80'), expect: all(200) }],
  'GET /api/orgs/suggest': [{ object: 'own region', call: get('/api/orgs/suggest'), expect: loggedIn(200) }],
  'GET /api/orgs/{id}': [{ object: 'public', call: get('/api/orgs/cast-110105001'), expect: all(200) }],
  'GET /api/orgs/{id}/children': [{ object: 'public', call: get('/api/orgs/cast-110105/children'), expect: all(200) }],
  // the region picker: public reads, the same for everyone (cacheable)
  'GET /api/regions': [{ object: 'public', call: get('/api/regions'), expect: all(200) }],
  'GET /api/regions/search': [{ object: 'public', call: get('/api/regions/search?q=hd'), expect: all(200) }],
  'GET /api/regions/{code}': [{ object: 'public', call: get('/api/regions/110108'), expect: all(200) }],
  'GET /api/cards/public-keys': [{ object: 'public', call: get('/api/cards/public-keys'), expect: all(200) }],
  'GET /api/cards/revocations': [{ object: 'public', call: get('/api/cards/revocations'), expect: all(200) }],
  'GET /api/cards': [{ object: 'own', call: get('/api/cards'), expect: loggedIn(200) }],
  'GET /api/admin/memberships': [
    { object: 'all I administer', call: get('/api/admin/memberships'), expect: adminOnly(200) },
    { object: 'own subtree', call: get('/api/admin/memberships?orgId=cast-110108010'), expect: adminOnly(200) },
    { object: 'sibling', call: get('/api/admin/memberships?orgId=cast-110105'), expect: adminOnly(403) },
    { object: 'parent', call: get('/api/admin/memberships?orgId=cast-11'), expect: adminOnly(403) },
  ],
  'POST /api/admin/memberships/{id}/approve': [
    { object: 'own subtree', call: (w) => post(`/api/admin/memberships/${w.pending.own}/approve`)(), expect: adminOnly(200) },
    { object: 'sibling', call: (w) => post(`/api/admin/memberships/${w.pending.sibling}/approve`)(), expect: adminOnly(403) },
    { object: 'parent', call: (w) => post(`/api/admin/memberships/${w.pending.parent}/approve`)(), expect: adminOnly(403) },
  ],
  'POST /api/admin/memberships/{id}/reject': [
    {
      object: 'own subtree',
      call: (w) => post(`/api/admin/memberships/${w.pending.own}/reject`, { reason: '材料不全' })(),
      expect: adminOnly(200),
    },
    {
      object: 'sibling',
      call: (w) => post(`/api/admin/memberships/${w.pending.sibling}/reject`, { reason: '材料不全' })(),
      expect: adminOnly(403),
    },
    {
      object: 'parent',
      call: (w) => post(`/api/admin/memberships/${w.pending.parent}/reject`, { reason: '材料不全' })(),
      expect: adminOnly(403),
    },
  ],
  'POST /api/admin/memberships/decisions': [
    {
      object: 'own subtree',
      call: (w) => post('/api/admin/memberships/decisions', { ids: [w.pending.own], decision: 'approve' })(),
      expect: adminOnly(200),
    },
    {
      object: 'own and sibling (all or none)',
      call: (w) =>
        post('/api/admin/memberships/decisions', { ids: [w.pending.own, w.pending.sibling], decision: 'reject', reason: '材料不全' })(),
      expect: adminOnly(403),
    },
    {
      object: 'parent',
      call: (w) => post('/api/admin/memberships/decisions', { ids: [w.pending.parent], decision: 'approve' })(),
      expect: adminOnly(403),
    },
  ],
  'POST /api/admin/memberships/{id}/role': [
    {
      object: 'own subtree',
      call: (w) => post(`/api/admin/memberships/${w.active.own}/role`, { role: 'organiser' })(),
      expect: adminOnly(200),
    },
    {
      object: 'sibling',
      call: (w) => post(`/api/admin/memberships/${w.active.sibling}/role`, { role: 'organiser' })(),
      expect: adminOnly(403),
    },
  ],
  'GET /api/admin/activities': [{ object: 'what I organise', call: get('/api/admin/activities'), expect: adminOnly(200) }],
  'GET /api/admin/orgs/{id}/members': [
    { object: 'own subtree', call: get('/api/admin/orgs/cast-110108010/members'), expect: adminOnly(200) },
    { object: 'sibling', call: get('/api/admin/orgs/cast-110105/members'), expect: adminOnly(403) },
    { object: 'parent', call: get('/api/admin/orgs/cast-11/members'), expect: adminOnly(403) },
  ],
  'GET /api/me/sessions': [{ object: 'own', call: get('/api/me/sessions'), expect: loggedIn(200) }],
  'POST /api/me/sessions/{id}/end': [
    {
      object: 'own',
      call: async (_w, _r, a) => post(`/api/me/sessions/${(await a.get('/api/me/sessions')).body?.items?.[0]?.id ?? 'AAAAAAAAAAAA'}/end`)(),
      expect: loggedIn(200),
    },
    // another person's session is "not found" for everyone, system admins included: nothing leaks
    { object: 'other', call: (w) => post(`/api/me/sessions/${w.strangerSession}/end`)(), expect: loggedIn(404) },
  ],
  'POST /api/me/sessions/end-others': [{ object: 'own', call: post('/api/me/sessions/end-others'), expect: loggedIn(200) }],
  'GET /api/me/export': [{ object: 'own', call: get('/api/me/export'), expect: loggedIn(200) }],
  'POST /api/me/delete': [
    { object: 'own', call: (w, r) => post('/api/me/delete', { password: own(r, w).password })(), expect: loggedIn(200) },
  ],
  'POST /api/admin/devices': [
    {
      object: 'own subtree',
      call: post('/api/admin/devices', { orgId: 'cast-110108010', name: '中关村街道文明实践站平板' }),
      expect: { anonymous: 401, member: 403, orgAdmin: 201, systemAdmin: 201 },
    },
    {
      object: 'sibling',
      call: post('/api/admin/devices', { orgId: 'cast-110105', name: '平板' }),
      expect: { anonymous: 401, member: 403, orgAdmin: 403, systemAdmin: 201 },
    },
    {
      object: 'parent',
      call: post('/api/admin/devices', { orgId: 'cast-11', name: '平板' }),
      expect: { anonymous: 401, member: 403, orgAdmin: 403, systemAdmin: 201 },
    },
  ],
  'GET /api/admin/devices': [
    { object: 'own subtree', call: get('/api/admin/devices?orgId=cast-110108'), expect: adminOnly(200) },
    { object: 'sibling', call: get('/api/admin/devices?orgId=cast-110105'), expect: adminOnly(403) },
    { object: 'parent', call: get('/api/admin/devices?orgId=cast-11'), expect: adminOnly(403) },
  ],
  'POST /api/admin/devices/{id}/revoke': [
    { object: 'own subtree', call: (w) => post(`/api/admin/devices/${w.devices.own}/revoke`)(), expect: adminOnly(200) },
    { object: 'sibling', call: (w) => post(`/api/admin/devices/${w.devices.sibling}/revoke`)(), expect: adminOnly(403) },
  ],
  // a device credential, not a person: every person's session is refused alike
  'GET /api/device': [{ object: 'own device credential', call: get('/api/device'), expect: { ...all(401), device: 200 } }],
  'GET /api/admin/audit': [
    { object: 'all', call: get('/api/admin/audit'), expect: { anonymous: 401, member: 403, orgAdmin: 403, systemAdmin: 200 } },
  ],
  ...activityCells(),
  ...teamCells(),
  ...shiftCells(),
  ...volunteerHoursCells(),
  ...requestCells(),
  ...hubCells(),
}

/** Activities: the catalogue and .ics are public; publishing, editing and attendance belong to the organiser's admins and above. */
function activityCells(): Record<string, Cell[]> {
  const published = { anonymous: 401, member: 403, orgAdmin: 201, systemAdmin: 201 }
  const newActivity = (orgId: string) => ({
    orgId,
    kind: 'academic',
    title: '学术沙龙',
    venueAddress: '中关村',
    startsAt: '2026-12-10T06:00:00Z',
    endsAt: '2026-12-10T08:00:00Z',
    registrationOpensAt: '2026-11-01T00:00:00Z',
    registrationClosesAt: '2026-12-09T00:00:00Z',
    capacity: 20,
  })
  const at =
    (orgId: string, method: Call['method'], suffix = '', body?: unknown) =>
    async (w: World): Promise<Call> => ({ method, url: `/api/activities/${(await makeActivity(w.ctx.db, { orgId })).id}${suffix}`, body })
  const organiserOnly = (method: Call['method'], suffix: string, body?: unknown, ok = 200): Cell[] => [
    { object: 'own subtree', call: at('cast-110108010', method, suffix, body), expect: adminOnly(ok) },
    { object: 'sibling', call: at('cast-110105', method, suffix, body), expect: adminOnly(403) },
    { object: 'parent', call: at('cast-11', method, suffix, body), expect: adminOnly(403) },
  ]
  const pendingAt =
    (orgId: string, decision: string) =>
    async (w: World): Promise<Call> => {
      const a = await makeActivity(w.ctx.db, { orgId, requiresApproval: true })
      const r = await w.ctx.db.transaction().execute((trx) =>
        insertRegistration(trx, {
          id: randomUUID(),
          activityId: a.id,
          userId: w.stranger.id,
          status: 'pending_approval',
          now: new Date(),
        }),
      )
      return { method: 'POST', url: `/api/activities/${a.id}/registrations/${r.id}/${decision}`, body: {} }
    }
  const decide = (decision: string): Cell[] => [
    { object: 'own subtree', call: pendingAt('cast-110108010', decision), expect: adminOnly(200) },
    { object: 'sibling', call: pendingAt('cast-110105', decision), expect: adminOnly(403) },
    { object: 'parent', call: pendingAt('cast-11', decision), expect: adminOnly(403) },
  ]
  return {
    'POST /api/activities/{id}/registrations/{registrationId}/approve': decide('approve'),
    'POST /api/activities/{id}/registrations/{registrationId}/reject': decide('reject'),
    'POST /api/activities': [
      { object: 'own subtree', call: post('/api/activities', newActivity('cast-110108010')), expect: published },
      { object: 'sibling', call: post('/api/activities', newActivity('cast-110105')), expect: { ...published, orgAdmin: 403 } },
      { object: 'parent', call: post('/api/activities', newActivity('cast-11')), expect: { ...published, orgAdmin: 403 } },
    ],
    'GET /api/activities': [{ object: 'public catalogue', call: get('/api/activities?near=1&region=110108'), expect: all(200) }],
    'GET /api/activities/{id}': [{ object: 'public', call: at('cast-110105', 'GET'), expect: all(200) }],
    'GET /api/activities/{id}/ics': [{ object: 'public', call: at('cast-110105', 'GET', '/ics'), expect: all(200) }],
    'PATCH /api/activities/{id}': organiserOnly('PATCH', '', { capacity: 40 }),
    'POST /api/activities/{id}/cancel': organiserOnly('POST', '/cancel', {}),
    'GET /api/activities/{id}/attendance': organiserOnly('GET', '/attendance'),
    'GET /api/activities/{id}/attendance.csv': organiserOnly('GET', '/attendance.csv'),
    'GET /api/me/activities': [{ object: 'own', call: get('/api/me/activities'), expect: loggedIn(200) }],
    'POST /api/me/calendar-token': [{ object: 'own', call: post('/api/me/calendar-token'), expect: loggedIn(201) }],
    'DELETE /api/me/calendar-token': [
      { object: 'own', call: () => ({ method: 'DELETE', url: '/api/me/calendar-token' }), expect: loggedIn(204) },
    ],
    // the feed is authorised by its token alone (calendar apps send no cookie), whoever asks
    'GET /api/me/calendar.ics': [
      {
        object: "the member's token",
        call: async (w) => get(`/api/me/calendar.ics?token=${await issueCalendarToken(w.ctx.db, w.users.member.id, new Date())}`)(),
        expect: all(200),
      },
      { object: 'unknown token', call: get(`/api/me/calendar.ics?token=${'A'.repeat(32)}`), expect: all(401) },
    ],
  }
}

const docCtx = await makeContext()
interface Operation {
  security?: unknown[]
  'x-access'?: string
}
const doc = (await (await docCtx.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> }
const declared = new Map<string, Operation>(
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([m, op]) => [`${m.toUpperCase()} ${path}`, op] as const)),
)
const documented = [...declared.keys()]

/**
 * What each access declaration (server/middleware/access.ts, stated in the document as `x-access`
 * and `security`) promises, checked against the cells: a session route refuses anonymous callers,
 * a system-admin route refuses everyone else, an open route lets anonymous callers in.
 */
function promiseBroken(access: string | undefined, cells: Expect[]): string | null {
  const every = (ok: (e: Expect) => boolean) => cells.every(ok)
  switch (access) {
    case 'anyone':
      return every((e) => e.anonymous !== 401) ? null : 'declared open, but the matrix expects 401 for anonymous'
    case 'member':
      return every((e) => e.anonymous === 401) ? null : 'declared for members, but anonymous is not refused with 401'
    case 'memberOrDevice':
      return every((e) => e.anonymous === 401 && e.device !== undefined && e.device !== 401)
        ? null
        : 'declared for members or devices, but anonymous is not refused or no cell lets a device in'
    case 'systemAdmin':
      return every((e) => e.anonymous === 401 && e.member === 403 && e.orgAdmin === 403)
        ? null
        : 'declared for system admins, but others are not refused'
    // a device or feed credential: no person's session stands in for it
    case 'device':
    case 'calendarToken':
      return cells.some((e) => ROLES.every((r) => e[r] === 401)) ? null : 'no cell shows a session alone refused'
    default:
      return 'no access declaration'
  }
}

describe('authorization matrix', () => {
  it('has an entry for every operation in the OpenAPI document, and none for operations that are gone', () => {
    expect(
      documented.filter((op) => !(op in matrix)),
      'operations without a matrix entry',
    ).toEqual([])
    expect(
      Object.keys(matrix).filter((op) => !documented.includes(op)),
      'matrix entries for operations not in the document',
    ).toEqual([])
  })

  it('agrees with each operation’s declared access (a route without a declaration fails here)', () => {
    const broken = Object.entries(matrix).flatMap(([op, list]) => {
      const o = declared.get(op)
      if (!o || !Array.isArray(o.security)) return [`${op}: no security in the document`]
      const why = promiseBroken(
        o['x-access'],
        list.map((cell) => cell.expect),
      )
      return why ? [`${op}: ${why}`] : []
    })
    expect(broken).toEqual([])
  })

  const cells = Object.entries(matrix).flatMap(([op, list]) =>
    list.flatMap((cell) =>
      [...ROLES, ...(cell.expect.device === undefined ? [] : ['device' as const])].map((role) => ({
        op,
        role,
        cell,
        label: `${op} [${cell.object}] as ${role}`,
      })),
    ),
  )
  it.each(cells)('$label', async ({ role, cell }) => {
    const w = await world()
    const a = w.ctx.agent()
    if (role !== 'anonymous' && role !== 'device') {
      const u = w.users[role]
      expect((await a.post('/api/auth/login', { phone: u.phone, password: u.password })).status).toBe(200)
    }
    // the device calls as the anonymous caller would, plus its credential
    const call = await cell.call(w, role === 'device' ? 'anonymous' : role, a)
    const headers: Record<string, string> = role === 'device' ? { authorization: `Device ${w.deviceToken}` } : {}
    const res = await a.request(
      call.method,
      call.url,
      call.method === 'POST' || call.method === 'PATCH' ? (call.body ?? {}) : undefined,
      headers,
    )
    expect(res.status, JSON.stringify(res.body)?.slice(0, 300)).toBe(cell.expect[role])
    const text = JSON.stringify(res.body) ?? ''
    expect(text).not.toContain(w.stranger.phone)
    if (role !== 'systemAdmin') expect(text).not.toContain('隔壁区的陌生人')
  })
})
