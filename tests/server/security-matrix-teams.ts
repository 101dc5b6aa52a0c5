/**
 * Security-matrix cells for the volunteer team routes (spread into the matrix of
 * security-matrix.test.ts). Teams: one in the admin's subtree (中关村街道), one the member leads
 * there, one in a sibling county (朝阳) while the member leads another team — a leader of team A
 * is refused on team B. Each team has a leader and a pending request of fresh people.
 */
import { makeTeam, makeTeamMember, makeUser, type Ctx } from './fixtures'
import type { TeamStatus } from '../../shared/schemas/volunteer'

type Role = 'anonymous' | 'member' | 'orgAdmin' | 'systemAdmin'
type Expect = Record<Role, number> & { device?: number }
interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  url: string
  body?: unknown
}
/** What these cells need of the matrix's world. */
interface MatrixWorld {
  ctx: Ctx
  users: Record<Exclude<Role, 'anonymous'>, { id: string }>
}
interface Cell {
  object: string
  call: (w: MatrixWorld) => Promise<Call>
  expect: Expect
}

const expect4 = (anonymous: number, member: number, orgAdmin: number, systemAdmin: number): Expect => ({
  anonymous,
  member,
  orgAdmin,
  systemAdmin,
})

/** A team with a leader, an active member and a pending request (fresh people); `memberLeads` makes the matrix's member a co-leader. */
async function team(w: MatrixWorld, orgId: string, o: { memberLeads?: boolean; status?: TeamStatus } = {}) {
  const db = w.ctx.db
  const t = await makeTeam(db, { orgId, status: o.status, regionCode: null })
  await makeTeamMember(db, { teamId: t.id, userId: (await makeUser(db)).id, role: 'leader' })
  const active = await makeTeamMember(db, { teamId: t.id, userId: (await makeUser(db)).id })
  const pending = await makeTeamMember(db, { teamId: t.id, userId: (await makeUser(db)).id, status: 'pending' })
  if (o.memberLeads) await makeTeamMember(db, { teamId: t.id, userId: w.users.member.id, role: 'co_leader' })
  return { id: t.id, active: active.id, pending: pending.id }
}

type Team = Awaited<ReturnType<typeof team>>

/** A route on one team: the member's own team, one in the admin's subtree, one in a sibling county (the member leads another). */
function teamScoped(
  method: Call['method'],
  url: (t: Team) => string,
  body: unknown,
  expects: { led: Expect; own: Expect; sibling: Expect },
  status?: TeamStatus,
): Cell[] {
  const at =
    (orgId: string, memberLeads: boolean) =>
    async (w: MatrixWorld): Promise<Call> => {
      if (!memberLeads) await team(w, 'cast-110108010', { memberLeads: true })
      return { method, url: url(await team(w, orgId, { memberLeads, status })), body }
    }
  return [
    { object: 'a team the member leads', call: at('cast-110108010', true), expect: expects.led },
    { object: 'own subtree (the member leads another team)', call: at('cast-110108010', false), expect: expects.own },
    { object: 'sibling (the member leads another team)', call: at('cast-110105', false), expect: expects.sibling },
  ]
}

/** Lead routes: the team's leaders and the admins of its organisation or above. */
const leadOnly = (method: Call['method'], url: (t: Team) => string, body?: unknown) =>
  teamScoped(method, url, body, {
    led: expect4(401, 200, 200, 200),
    own: expect4(401, 403, 200, 200),
    sibling: expect4(401, 403, 403, 200),
  })
/** Admin routes: a team's own leader is refused too. */
const adminOnly = (method: Call['method'], url: (t: Team) => string, body: unknown, status?: TeamStatus) =>
  teamScoped(
    method,
    url,
    body,
    { led: expect4(401, 403, 200, 200), own: expect4(401, 403, 200, 200), sibling: expect4(401, 403, 403, 200) },
    status,
  )

export function teamCells(): Record<string, Cell[]> {
  const get = (url: string) => async (): Promise<Call> => ({ method: 'GET', url })
  const newTeam = (orgId: string) => async (): Promise<Call> => ({
    method: 'POST',
    url: '/api/teams',
    body: { orgId, name: '科普志愿服务队' },
  })
  return {
    'GET /api/teams': [{ object: 'public catalogue', call: get('/api/teams?near=1&region=110108'), expect: expect4(200, 200, 200, 200) }],
    'GET /api/teams/{id}': [
      {
        object: 'active (public)',
        call: async (w) => get(`/api/teams/${(await team(w, 'cast-110105')).id}`)(),
        expect: expect4(200, 200, 200, 200),
      },
      {
        object: 'a sibling county’s proposal',
        call: async (w) => get(`/api/teams/${(await team(w, 'cast-110105', { status: 'pending' })).id}`)(),
        expect: expect4(404, 404, 404, 200),
      },
    ],
    // the member is an active member of 中关村街道科协 (proposes: pending); the admin creates
    'POST /api/teams': [
      { object: 'own subtree', call: newTeam('cast-110108010'), expect: expect4(401, 201, 201, 201) },
      { object: 'sibling', call: newTeam('cast-110105'), expect: expect4(401, 403, 403, 201) },
    ],
    'GET /api/teams/{id}/teammates': [
      {
        object: 'a team the member is on',
        call: async (w) => get(`/api/teams/${(await team(w, 'cast-110108010', { memberLeads: true })).id}/teammates`)(),
        expect: expect4(401, 200, 403, 403),
      },
    ],
    'GET /api/lead/teams': [{ object: 'own', call: get('/api/lead/teams'), expect: expect4(401, 200, 200, 200) }],
    'PATCH /api/lead/teams/{id}': leadOnly('PATCH', (t) => `/api/lead/teams/${t.id}`, { cancelCutoffHours: 12 }),
    'GET /api/lead/teams/{id}/roster': leadOnly('GET', (t) => `/api/lead/teams/${t.id}/roster`),
    'POST /api/lead/teams/{id}/members/{memberId}/decision': leadOnly(
      'POST',
      (t) => `/api/lead/teams/${t.id}/members/${t.pending}/decision`,
      { decision: 'approve' },
    ),
    'POST /api/lead/teams/{id}/invite': leadOnly('POST', (t) => `/api/lead/teams/${t.id}/invite`, {}),
    'GET /api/admin/teams': [{ object: 'what I administer', call: get('/api/admin/teams'), expect: expect4(401, 403, 200, 200) }],
    'POST /api/admin/teams/{id}/decision': adminOnly(
      'POST',
      (t) => `/api/admin/teams/${t.id}/decision`,
      { decision: 'approve' },
      'pending',
    ),
    'POST /api/admin/teams/{id}/members/{memberId}/role': adminOnly('POST', (t) => `/api/admin/teams/${t.id}/members/${t.active}/role`, {
      role: 'co_leader',
    }),
  }
}
