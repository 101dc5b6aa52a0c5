/** Row builders and a logged-in agent for the sync tests. Each test builds only the rows it needs. */
import { randomUUID } from 'node:crypto'
import type { DB } from '../../../server/db/database'
import { nextVersion } from '../../../server/db/version'
import type { MembershipStatus } from '../../../shared/schemas/membership'
import type { OrgKind, OrgLevel } from '../../../shared/schemas/organization'
import { SYNC_SCHEMA_VERSION } from '../../../shared/schemas/sync'
import { makeUser } from '../app-context'

type Agent = ReturnType<Awaited<ReturnType<typeof import('../app-context').makeContext>>['agent']>

/** A region chain 11 → 1101 → 110108 → 110108001 with their 科协, plus one sibling county. */
export async function makeRegions(db: DB) {
  const regions = [
    { code: '11', name: '北京市', level: 'province' as const, parent_code: null, full_name: '北京市' },
    { code: '1101', name: '市辖区', level: 'city' as const, parent_code: '11', full_name: '北京市' },
    { code: '110108', name: '海淀区', level: 'county' as const, parent_code: '1101', full_name: '北京市海淀区' },
    { code: '110108001', name: '万寿路街道', level: 'township' as const, parent_code: '110108', full_name: '北京市海淀区万寿路街道' },
    { code: '110105', name: '朝阳区', level: 'county' as const, parent_code: '1101', full_name: '北京市朝阳区' },
  ]
  await db.insertInto('regions').values(regions).execute()
  await makeOrg(db, { id: 'cast-national', name: '中国科协', level: 'national', regionCode: null })
  for (const r of regions) await makeOrg(db, { id: `cast-${r.code}`, name: `${r.full_name}科协`, level: r.level, regionCode: r.code })
}

export async function makeOrg(db: DB, o: { id?: string; name?: string; kind?: OrgKind; level?: OrgLevel | null; regionCode?: string | null }) {
  const id = o.id ?? `org-${randomUUID()}`
  await db
    .insertInto('organizations')
    .values({
      id,
      kind: o.kind ?? 'cast',
      level: o.level ?? null,
      name: o.name ?? `学会${id.slice(-6)}`,
      short_name: null,
      region_code: o.regionCode ?? null,
      parent_id: null,
      discipline: null,
      status: 'established',
      join_policy: 'approval',
      description: null,
      contact: null,
      created_at: '2026-01-01T00:00:00.000Z',
      version: await nextVersion(db),
    })
    .execute()
  return id
}

export async function makeMembership(db: DB, userId: string, orgId: string, status: MembershipStatus = 'active') {
  const id = randomUUID()
  const now = '2026-11-01T00:00:00.000Z'
  await db
    .insertInto('memberships')
    .values({ id, user_id: userId, org_id: orgId, status, role: 'member', member_no: null, reason: null, valid_until: null, created_at: now, updated_at: now, version: await nextVersion(db) })
    .execute()
  return id
}

/** Deletes a membership the way features must: row gone, tombstone stamped in the same transaction. */
export async function deleteMembership(db: DB, id: string, deletedAt = '2026-11-28T08:00:00.000Z') {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('memberships').select(['user_id', 'org_id']).where('id', '=', id).executeTakeFirstOrThrow()
    await trx.deleteFrom('memberships').where('id', '=', id).execute()
    await trx
      .insertInto('tombstones')
      .values({ table_name: 'memberships', row_id: id, version: await nextVersion(trx), user_id: row.user_id, org_id: row.org_id, deleted_at: deletedAt })
      .execute()
  })
}

export async function loggedIn(db: DB, agent: () => Agent, over: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(db, over)
  const a = agent()
  const res = await a.post('/api/auth/login', { phone: user.phone, password: user.password })
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
  return { user, a }
}

export const mutation = (name: string, args: unknown, id: string = randomUUID()) => ({ id, name, args, createdAt: '2026-11-28T08:00:00.000Z' })
export const pushBody = (clientId: string, mutations: unknown[]) => ({ clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations })

/** Pulls pages until hasMore is false; returns every change in order and the last answer. */
export async function pullAll(a: Agent, from = 0, limit = 500, clientId?: string) {
  const changes: any[] = []
  let cursor = from
  for (let i = 0; i < 10_000; i++) {
    const res = await a.get(`/api/sync/pull?cursor=${cursor}&limit=${limit}${clientId ? `&clientId=${clientId}` : ''}`)
    if (res.status !== 200) throw new Error(`pull ${res.status}: ${JSON.stringify(res.body)}`)
    changes.push(...res.body.changes)
    cursor = res.body.cursor
    if (!res.body.hasMore) return { changes, cursor, last: res.body }
  }
  throw new Error('pull never finished')
}
