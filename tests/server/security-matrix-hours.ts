/**
 * Security-matrix cells for the volunteer hours routes (tests/server/security-matrix.test.ts spreads
 * them): a team under the member's township (its admins above may lead it; the plain member is no
 * leader of it) and one in a sibling county (the county admin may not). Each call builds its own
 * started shift with one person checked in (hours pending) and one signed up and absent. The member
 * cells also make the member the leader of ANOTHER team, so "a leader of team A is refused on team
 * B" is a cell of its own.
 */
import type { DB } from '../../server/db/database'
import { makeService, makeShift, makeTeam, makeTeamMember, placeOnShift } from './fixtures/volunteer'
import { makeUser } from './fixtures/users'

type Role = 'anonymous' | 'member' | 'orgAdmin' | 'systemAdmin'
type Expect = Record<Role, number>
interface W {
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
  call: (w: W, role: Role) => Promise<Call>
  expect: Expect
}

const OWN = 'cast-110108010'
const SIBLING = 'cast-110105'
const lead = (ok: number): Expect => ({ anonymous: 401, member: 403, orgAdmin: ok, systemAdmin: ok === 403 ? 200 : ok })

/** A team of `orgId` with a shift that started an hour ago (at the test clock), one checked-in person and one absent. */
async function leadWorld(w: W, orgId: string, role: Role) {
  const db = w.ctx.db
  if (role === 'member') {
    const mine = await makeTeam(db, { orgId: OWN, name: '成员自己带的队' })
    await makeTeamMember(db, { teamId: mine.id, userId: w.users.member.id, role: 'leader' })
  }
  const team = await makeTeam(db, { orgId })
  const service = await makeService(db, { teamId: team.id })
  const shift = await makeShift(db, {
    serviceId: service.id,
    teamId: team.id,
    startsAt: '2026-11-28T07:00:00.000Z',
    endsAt: '2026-11-28T11:00:00.000Z',
  })
  const person = async () => {
    const u = await makeUser(db)
    await makeTeamMember(db, { teamId: team.id, userId: u.id })
    return placeOnShift(db, { shiftId: shift.id, teamId: team.id, userId: u.id, now: new Date('2026-11-27T00:00:00.000Z') })
  }
  const came = await person()
  await db
    .updateTable('shift_signups')
    .set({ checked_in_at: '2026-11-28T07:00:00.000Z', hours_status: 'pending', credited_minutes: 240 })
    .where('id', '=', came.id)
    .execute()
  const absent = await person()
  return { team, shift, came, absent }
}

function cells(route: (x: Awaited<ReturnType<typeof leadWorld>>) => Call, ok = 200): Cell[] {
  return [
    { object: 'team in own subtree', call: async (w, r) => route(await leadWorld(w, OWN, r)), expect: lead(ok) },
    { object: 'team in a sibling county', call: async (w, r) => route(await leadWorld(w, SIBLING, r)), expect: lead(403) },
  ]
}

export function volunteerHoursCells(): Record<string, Cell[]> {
  return {
    'GET /api/lead/shifts/{id}/roster': cells((x) => ({ method: 'GET', url: `/api/lead/shifts/${x.shift.id}/roster` })),
    'POST /api/lead/shifts/{id}/no-shows': cells((x) => ({
      method: 'POST',
      url: `/api/lead/shifts/${x.shift.id}/no-shows`,
      body: { signupIds: [x.absent.id] },
    })),
    'GET /api/lead/teams/{id}/hours': cells((x) => ({ method: 'GET', url: `/api/lead/teams/${x.team.id}/hours` })),
    'POST /api/lead/teams/{id}/hours/approve': cells((x) => ({
      method: 'POST',
      url: `/api/lead/teams/${x.team.id}/hours/approve`,
      body: { signupIds: [x.came.id] },
    })),
    'POST /api/lead/signups/{id}/hours': cells((x) => ({
      method: 'POST',
      url: `/api/lead/signups/${x.came.id}/hours`,
      body: { minutes: 200, reason: '提前一小时离开' },
    })),
    'GET /api/lead/teams/{id}/no-shows': cells((x) => ({ method: 'GET', url: `/api/lead/teams/${x.team.id}/no-shows` })),
    'GET /api/lead/teams/{id}/records.csv': cells((x) => ({ method: 'GET', url: `/api/lead/teams/${x.team.id}/records.csv` })),
    'GET /api/me/volunteer/certificate': [
      {
        object: 'own',
        call: async () => ({ method: 'GET', url: '/api/me/volunteer/certificate' }),
        expect: { anonymous: 401, member: 200, orgAdmin: 200, systemAdmin: 200 },
      },
    ],
  }
}
