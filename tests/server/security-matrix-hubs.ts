/**
 * Security-matrix cells for hubs and kiosk enrolment (issue 14), spread into the matrix of
 * security-matrix.test.ts. Hubs: one of 中关村街道科协 (in the org admin's subtree), one of 朝阳区科协
 * (a sibling county), a closed one. A device cell is the matrix's organisation-bound device: no admin
 * route takes a device credential (401).
 */
import { randomUUID } from 'node:crypto'
import { makeHub, type Ctx } from './fixtures'
import { tokenHash } from '../../server/middleware/access'

type Role = 'anonymous' | 'member' | 'orgAdmin' | 'systemAdmin'
type Expect = Record<Role, number> & { device?: number }
interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  url: string
  body?: unknown
}
interface MatrixWorld {
  ctx: Ctx
  users: Record<Exclude<Role, 'anonymous'>, { id: string }>
}
interface Cell {
  object: string
  call: (w: MatrixWorld) => Promise<Call>
  expect: Expect
}

const expect4 = (anonymous: number, member: number, orgAdmin: number, systemAdmin: number, device?: number): Expect => ({
  anonymous,
  member,
  orgAdmin,
  systemAdmin,
  ...(device !== undefined && { device }),
})

const ownHub = (w: MatrixWorld) => makeHub(w.ctx.db, { orgId: 'cast-110108010', regionCode: '110108010' })
const siblingHub = (w: MatrixWorld) =>
  makeHub(w.ctx.db, { orgId: 'cast-110105', regionCode: '110105', name: '朝阳区新时代文明实践中心', kind: 'practice_center' })

/** A route on one hub: in the admin's subtree, or in a sibling county. */
function hubScoped(method: Call['method'], suffix: string, body: unknown, ok: number): Cell[] {
  const at = (make: (w: MatrixWorld) => ReturnType<typeof makeHub>) => async (w: MatrixWorld) => ({
    method,
    url: `/api/admin/hubs/${(await make(w)).id}${suffix}`,
    body,
  })
  return [
    { object: 'own subtree', call: at(ownHub), expect: expect4(401, 403, ok, ok, 401) },
    { object: 'sibling', call: at(siblingHub), expect: expect4(401, 403, 403, ok) },
  ]
}

const newHub = (orgId: string, regionCode: string) => ({
  orgId,
  kind: 'practice_institute',
  name: '新时代文明实践所',
  address: '北京市某区某路 1 号',
  regionCode,
  openingHours: '周一至周五 9:00–17:00',
})

/** A live enrolment code for a hub of 中关村街道, written straight to the table (its hash only). */
async function liveCode(w: MatrixWorld): Promise<string> {
  const hub = await ownHub(w)
  const code = 'ABCDEFGH'
  const now = w.ctx.clock.now()
  await w.ctx.db
    .insertInto('device_enrolment_codes')
    .values({
      id: randomUUID(),
      hub_id: hub.id,
      code_hash: tokenHash(code),
      created_by: w.users.orgAdmin.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      used_at: null,
      device_id: null,
    })
    .execute()
  return 'ABCD-EFGH'
}

export function hubCells(): Record<string, Cell[]> {
  const call = (method: Call['method'], url: string, body?: unknown) => async (): Promise<Call> => ({ method, url, body })
  return {
    'GET /api/admin/hubs': [
      { object: 'what I administer', call: call('GET', '/api/admin/hubs'), expect: expect4(401, 403, 200, 200, 401) },
      { object: 'sibling', call: call('GET', '/api/admin/hubs?orgId=cast-110105'), expect: expect4(401, 403, 403, 200) },
    ],
    'POST /api/admin/hubs': [
      {
        object: 'own subtree',
        call: call('POST', '/api/admin/hubs', newHub('cast-110108010', '110108010')),
        expect: expect4(401, 403, 201, 201, 401),
      },
      { object: 'sibling', call: call('POST', '/api/admin/hubs', newHub('cast-110105', '110105001')), expect: expect4(401, 403, 403, 201) },
    ],
    'GET /api/admin/hubs/{id}': hubScoped('GET', '', undefined, 200),
    'PATCH /api/admin/hubs/{id}': hubScoped('PATCH', '', { openingHours: '每天 9:00–18:00' }, 200),
    'POST /api/admin/hubs/{id}/enrolment-codes': hubScoped('POST', '/enrolment-codes', {}, 201),
    'GET /api/hubs': [{ object: 'public', call: call('GET', '/api/hubs?orgId=cast-110108'), expect: expect4(200, 200, 200, 200) }],
    'GET /api/hubs/{id}': [
      {
        object: 'active (public)',
        call: async (w) => ({ method: 'GET', url: `/api/hubs/${(await siblingHub(w)).id}` }),
        expect: expect4(200, 200, 200, 200),
      },
      {
        object: 'closed',
        call: async (w) => ({ method: 'GET', url: `/api/hubs/${(await makeHub(w.ctx.db, { status: 'closed' })).id}` }),
        expect: expect4(404, 404, 404, 404),
      },
    ],
    // open to anyone holding a live code (one per call); an unknown code is the same answer to everyone
    'POST /api/kiosk/enrol': [
      {
        object: 'a live code',
        call: async (w) => ({ method: 'POST', url: '/api/kiosk/enrol', body: { code: await liveCode(w), name: '大厅自助机' } }),
        expect: expect4(201, 201, 201, 201),
      },
      {
        object: 'an unknown code',
        call: call('POST', '/api/kiosk/enrol', { code: 'ZZZZ-9999', name: '大厅自助机' }),
        expect: expect4(422, 422, 422, 422),
      },
    ],
  }
}
