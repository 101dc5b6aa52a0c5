/**
 * Matrix cells of the service-request routes (spread into security-matrix.test.ts). The follow-up
 * and rating are open (number + phone are the credential); the admin queue belongs to admins of the
 * hub's organisation or above ('own': a hub of 中关村街道科协, under the org admin's 海淀区科协;
 * 'sibling': a hub of 朝阳区科协); the lead routes to the leaders of the team the request is
 * dispatched to — not to admins, not even a system admin ('own team': the member leads it; 'other
 * team': the member leads another one). A device credential is refused on every staff route.
 */
import type { DB } from '../../server/db/database'
import type { RequestStatus } from '../../shared/schemas/service-request'
import { makeHub, makeRequest } from './fixtures/hubs'
import { makeTeam, makeTeamMember } from './fixtures/volunteer'

type Role = 'anonymous' | 'member' | 'orgAdmin' | 'systemAdmin'
interface World {
  ctx: { db: DB }
  users: { member: { id: string } }
}
interface Call {
  method: 'GET' | 'POST'
  url: string
  body?: unknown
}
interface Cell {
  object: string
  call: (w: World, role: Role) => Promise<Call>
  expect: Record<Role, number> & { device?: number }
}

const PHONE = '13912345678'
const COMPLETE_BY = '2026-12-01T08:00:00.000Z'
const all = (s: number) => ({ anonymous: s, member: s, orgAdmin: s, systemAdmin: s })
const adminOnly = (orgAdmin: number) => ({ anonymous: 401, member: 403, orgAdmin, systemAdmin: 200, device: 401 })

/** A request at a hub of `orgId` in `status`, dispatched (when past ordered) to a team the member leads. */
async function requestAt(w: World, orgId: string, status: RequestStatus, teamOf: 'own' | 'other' = 'own') {
  const db = w.ctx.db
  const hub = await makeHub(db, { orgId, regionCode: orgId === 'cast-110105' ? '110105' : '110108010' })
  const team = await makeTeam(db, { orgId: 'cast-110108', regionCode: '110108010', skills: ['health'] })
  const led = teamOf === 'own' ? team : await makeTeam(db, { orgId: 'cast-110108010' })
  await makeTeamMember(db, { teamId: led.id, userId: w.users.member.id, role: 'leader' })
  const r = await makeRequest(db, { hubId: hub.id, status, teamId: status === 'ordered' ? null : team.id, phone: PHONE })
  return { r, team }
}

const admin = (method: Call['method'], suffix: string, status: RequestStatus, body?: (teamId: string) => unknown): Cell[] =>
  (
    [
      ['own subtree', 'cast-110108010', adminOnly(200)],
      ['sibling', 'cast-110105', adminOnly(403)],
    ] as const
  ).map(([object, orgId, expect]) => ({
    object,
    call: async (w: World) => {
      const { r, team } = await requestAt(w, orgId, status)
      return { method, url: `/api/admin/requests/${r.id}${suffix}`, body: body?.(team.id) }
    },
    expect,
  }))

const lead = (method: Call['method'], suffix: string, status: RequestStatus, body?: (w: World) => unknown): Cell[] =>
  (['own', 'other'] as const).map((which) => ({
    object: `${which} team`,
    call: async (w: World) => {
      const { r } = await requestAt(w, 'cast-110108010', status, which)
      return { method, url: `/api/lead/requests/${r.id}${suffix}`, body: body?.(w) }
    },
    expect: { anonymous: 401, member: which === 'own' ? 200 : 403, orgAdmin: 403, systemAdmin: 403, device: 401 },
  }))

const track = (url: string, status: RequestStatus, extra: object = {}): Cell[] => [
  {
    object: 'number + phone',
    call: async (w) => {
      const { r } = await requestAt(w, 'cast-110108010', status)
      return { method: 'POST', url, body: { number: r.number, phone: PHONE, ...extra } }
    },
    expect: { ...all(200), device: 200 },
  },
  {
    object: 'number + another phone',
    call: async (w) => {
      const { r } = await requestAt(w, 'cast-110108010', status)
      return { method: 'POST', url, body: { number: r.number, phone: '13800000000', ...extra } }
    },
    expect: all(404),
  },
]

export function requestCells(): Record<string, Cell[]> {
  return {
    'POST /api/requests/lookup': track('/api/requests/lookup', 'dispatched'),
    'POST /api/requests/rate': track('/api/requests/rate', 'done', { rating: 4 }),
    'GET /api/admin/requests': [
      { object: 'all I administer', call: async () => ({ method: 'GET', url: '/api/admin/requests' }), expect: adminOnly(200) },
      {
        object: 'own subtree',
        call: async () => ({ method: 'GET', url: '/api/admin/requests?orgId=cast-110108010' }),
        expect: adminOnly(200),
      },
      { object: 'sibling', call: async () => ({ method: 'GET', url: '/api/admin/requests?orgId=cast-110105' }), expect: adminOnly(403) },
    ],
    'GET /api/admin/requests/{id}': admin('GET', '', 'ordered'),
    'GET /api/admin/requests/{id}/suggestions': admin('GET', '/suggestions', 'ordered'),
    'POST /api/admin/requests/{id}/dispatch': admin('POST', '/dispatch', 'ordered', (teamId) => ({ teamId, completeBy: COMPLETE_BY })),
    'POST /api/admin/requests/{id}/close': admin('POST', '/close', 'ordered', () => ({ reason: '居民已取消' })),
    'GET /api/lead/requests': [
      {
        object: 'teams I lead',
        call: async () => ({ method: 'GET', url: '/api/lead/requests' }),
        expect: { anonymous: 401, member: 200, orgAdmin: 200, systemAdmin: 200, device: 401 },
      },
    ],
    'GET /api/lead/requests/{id}': lead('GET', '', 'accepted'),
    'POST /api/lead/requests/{id}/accept': lead('POST', '/accept', 'dispatched'),
    'POST /api/lead/requests/{id}/decline': lead('POST', '/decline', 'dispatched', () => ({ reason: '本周人手不足' })),
    'POST /api/lead/requests/{id}/shift': lead('POST', '/shift', 'accepted', (w) => ({
      startsAt: '2026-12-02T01:00:00.000Z',
      endsAt: '2026-12-02T03:00:00.000Z',
      userIds: [w.users.member.id],
    })),
    'POST /api/lead/requests/{id}/done': lead('POST', '/done', 'accepted', () => ({ report: '已上门讲解' })),
  }
}
