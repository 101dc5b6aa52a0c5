/**
 * Matrix cells of the volunteer shift routes (spread into security-matrix.test.ts): open shifts are
 * public; every `/api/lead` route belongs to the team's leaders and the admins of its organisation
 * (or above). 'own team' is a team of 中关村街道科协 that the member leads; 'other team' one of 朝阳区科协
 * while the member leads a team of their own — a leader of team A refused on team B.
 */
import { randomUUID } from 'node:crypto'
import type { DB } from '../../server/db/database'
import { insertSignup } from '../../server/db/volunteer.repository'
import { makeService, makeShift, makeTeam, makeTeamMember } from './fixtures/volunteer'
import { makeUser } from './fixtures/users'

type Role = 'anonymous' | 'member' | 'orgAdmin' | 'systemAdmin'
interface World {
  ctx: { db: DB }
  users: { member: { id: string } }
}
interface Call {
  method: 'GET' | 'POST' | 'PATCH'
  url: string
  body?: unknown
}
interface Cell {
  object: string
  call: (w: World, role: Role) => Promise<Call>
  expect: Record<Role, number>
}

/** A team with a service, a shift and an accepted swap waiting for a leader; the member leads it ('own') or another one ('other'). */
async function teamOf(w: World, which: 'own' | 'other') {
  const db = w.ctx.db
  const team = await makeTeam(db, { orgId: which === 'own' ? 'cast-110108010' : 'cast-110105', regionCode: '110108' })
  const led = which === 'own' ? team : await makeTeam(db, { orgId: 'cast-110108010' })
  await makeTeamMember(db, { teamId: led.id, userId: w.users.member.id, role: 'leader' })
  const service = await makeService(db, { teamId: team.id })
  const shift = await makeShift(db, { serviceId: service.id, teamId: team.id })
  const [from, to] = [await makeUser(db), await makeUser(db)]
  await makeTeamMember(db, { teamId: team.id, userId: from.id })
  const toMember = await makeTeamMember(db, { teamId: team.id, userId: to.id })
  const signup = await db.transaction().execute((trx) =>
    insertSignup(trx, {
      id: randomUUID(),
      shiftId: shift.id,
      teamId: team.id,
      userId: from.id,
      status: 'signed_up',
      source: 'self',
      now: new Date(),
    }),
  )
  await db.updateTable('shifts').set({ places_taken: 1 }).where('id', '=', shift.id).execute()
  const swapId = randomUUID()
  const at = new Date().toISOString()
  await db
    .insertInto('shift_swaps')
    .values({
      id: swapId,
      shift_id: shift.id,
      team_id: team.id,
      from_signup_id: signup.id,
      from_user_id: from.id,
      to_user_id: to.id,
      status: 'accepted',
      created_at: at,
      updated_at: at,
    })
    .execute()
  return { team, service, shift, swapId, toMemberId: toMember.id }
}

type Team = Awaited<ReturnType<typeof teamOf>>
const lead = (method: Call['method'], url: (t: Team) => string, body?: object | ((t: Team) => object), ok = 200): Cell[] =>
  (['own', 'other'] as const).map((which) => ({
    object: `${which} team`,
    call: async (w: World) => {
      const t = await teamOf(w, which)
      return { method, url: url(t), body: typeof body === 'function' ? body(t) : body }
    },
    expect:
      which === 'own'
        ? { anonymous: 401, member: ok, orgAdmin: ok, systemAdmin: ok }
        : { anonymous: 401, member: 403, orgAdmin: 403, systemAdmin: ok },
  }))

export function shiftCells(): Record<string, Cell[]> {
  const shiftBody = { startsAt: '2026-12-20T01:00:00Z', endsAt: '2026-12-20T05:00:00Z', slots: 3, repeatWeeks: 2 }
  return {
    'GET /api/shifts/open': [
      {
        object: 'public',
        call: async () => ({ method: 'GET', url: '/api/shifts/open?region=110108' }),
        expect: { anonymous: 200, member: 200, orgAdmin: 200, systemAdmin: 200 },
      },
    ],
    'GET /api/lead/teams/{id}/services': lead('GET', (t) => `/api/lead/teams/${t.team.id}/services`),
    'POST /api/lead/teams/{id}/services': lead(
      'POST',
      (t) => `/api/lead/teams/${t.team.id}/services`,
      { title: '社区科普讲解', venueAddress: '中关村街道文明实践站' },
      201,
    ),
    'PATCH /api/lead/services/{id}': lead('PATCH', (t) => `/api/lead/services/${t.service.id}`, { title: '青少年科普' }),
    'POST /api/lead/services/{id}/shifts': lead('POST', (t) => `/api/lead/services/${t.service.id}/shifts`, shiftBody, 201),
    'PATCH /api/lead/shifts/{id}': lead('PATCH', (t) => `/api/lead/shifts/${t.shift.id}`, { slots: 8 }),
    'POST /api/lead/shifts/{id}/cancel': lead('POST', (t) => `/api/lead/shifts/${t.shift.id}/cancel`, { reason: '天气原因' }),
    'GET /api/lead/teams/{id}/week': lead('GET', (t) => `/api/lead/teams/${t.team.id}/week?start=2026-12-01T00:00:00Z`),
    // the member asked to be assigned is on the team, not yet on the shift
    'POST /api/lead/shifts/{id}/assignments': lead(
      'POST',
      (t) => `/api/lead/shifts/${t.shift.id}/assignments`,
      (t) => ({ memberId: t.toMemberId }),
    ),
    'GET /api/lead/teams/{id}/swaps': lead('GET', (t) => `/api/lead/teams/${t.team.id}/swaps`),
    'POST /api/lead/swaps/{id}/decision': lead('POST', (t) => `/api/lead/swaps/${t.swapId}/decision`, { decision: 'approve' }),
  }
}
