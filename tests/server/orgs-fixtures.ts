/**
 * Small organisation fixtures: a slice of the real hierarchy (北京 → 海淀/朝阳 → a few streets) plus
 * a few societies and local organisations, inserted directly. Search-index triggers index them.
 */
import { randomUUID } from 'node:crypto'
import type { DB } from '../../server/db/database'
import type { RegionTable } from '../../server/db/region.table'
import type { MembershipRole, MembershipStatus } from '../../shared/schemas/membership'
import type { OrgKind, OrgLevel } from '../../shared/schemas/organization'
import { nextVersion } from '../../server/db/version'
import { membershipValidUntil } from '../../shared/rules/membership'

export async function makeRegion(db: DB, code: string, name: string, level: RegionTable['level'], parent: string | null, fullName: string) {
  await db.insertInto('regions').values({ code, name, level, parent_code: parent, full_name: fullName }).execute()
}

export interface OrgFixture {
  id: string
  name: string
  shortName?: string | null
  kind?: OrgKind
  level?: OrgLevel | null
  regionCode?: string | null
  parentId?: string | null
  discipline?: string | null
  status?: 'established' | 'not_established'
  joinPolicy?: 'open' | 'approval'
}

export async function makeOrg(db: DB, o: OrgFixture) {
  await db
    .insertInto('organizations')
    .values({
      id: o.id,
      kind: o.kind ?? 'cast',
      level: o.level ?? null,
      name: o.name,
      short_name: o.shortName ?? null,
      region_code: o.regionCode ?? null,
      parent_id: o.parentId ?? null,
      discipline: o.discipline ?? null,
      status: o.status ?? 'established',
      join_policy: o.joinPolicy ?? 'approval',
      description: null,
      contact: null,
      created_at: '2026-01-01T00:00:00.000Z',
      version: await nextVersion(db),
    })
    .execute()
}

/** Inserts a membership row directly (e.g. the admin memberships the seeder would create). */
export async function makeMembership(
  db: DB,
  m: { userId: string; orgId: string; status?: MembershipStatus; role?: MembershipRole; memberNo?: string | null; validUntil?: string | null; createdAt?: string },
) {
  const id = randomUUID()
  const now = m.createdAt ?? '2026-11-01T00:00:00.000Z'
  const active = (m.status ?? 'active') === 'active'
  await db
    .insertInto('memberships')
    .values({
      id,
      user_id: m.userId,
      org_id: m.orgId,
      status: m.status ?? 'active',
      role: m.role ?? 'member',
      member_no: m.memberNo !== undefined ? m.memberNo : active ? `KX2026${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` : null,
      reason: null,
      valid_until: m.validUntil !== undefined ? m.validUntil : active ? membershipValidUntil(new Date(now)) : null,
      created_at: now,
      updated_at: now,
      version: await nextVersion(db),
    })
    .execute()
  return id
}

/** 北京 with 海淀 (two streets, one not established) and 朝阳 (one street), two societies, a park, an agritech org. */
export async function makeBeijing(db: DB) {
  await makeRegion(db, '11', '北京市', 'province', null, '北京市')
  await makeRegion(db, '1101', '市辖区', 'city', '11', '北京市')
  await makeRegion(db, '110108', '海淀区', 'county', '1101', '北京市海淀区')
  await makeRegion(db, '110105', '朝阳区', 'county', '1101', '北京市朝阳区')
  await makeRegion(db, '110108010', '中关村街道', 'township', '110108', '北京市海淀区中关村街道')
  await makeRegion(db, '110108011', '海淀街道', 'township', '110108', '北京市海淀区海淀街道')
  await makeRegion(db, '110105001', '建外街道', 'township', '110105', '北京市朝阳区建外街道')
  await makeRegion(db, '37', '山东省', 'province', null, '山东省')
  await makeRegion(db, '3707', '潍坊市', 'city', '37', '山东省潍坊市')
  await makeRegion(db, '370783', '寿光市', 'county', '3707', '山东省潍坊市寿光市')

  await makeOrg(db, { id: 'cast-national', name: '中国科学技术协会', shortName: '中国科协', level: 'national' })
  await makeOrg(db, { id: 'cast-11', name: '北京市科学技术协会', shortName: '北京市科协', level: 'province', regionCode: '11', parentId: 'cast-national' })
  await makeOrg(db, { id: 'cast-1101', name: '北京市科学技术协会（市辖区）', shortName: '北京市科协（市辖区）', level: 'city', regionCode: '1101', parentId: 'cast-11' })
  await makeOrg(db, { id: 'cast-110108', name: '北京市海淀区科学技术协会', shortName: '海淀区科协', level: 'county', regionCode: '110108', parentId: 'cast-1101' })
  await makeOrg(db, { id: 'cast-110105', name: '北京市朝阳区科学技术协会', shortName: '朝阳区科协', level: 'county', regionCode: '110105', parentId: 'cast-1101' })
  await makeOrg(db, {
    id: 'cast-110108010', name: '海淀区中关村街道科学技术协会', shortName: '海淀区中关村街道科协', level: 'township',
    regionCode: '110108010', parentId: 'cast-110108', joinPolicy: 'open',
  })
  await makeOrg(db, {
    id: 'cast-110108011', name: '海淀区海淀街道科学技术协会', shortName: '海淀区海淀街道科协', level: 'township',
    regionCode: '110108011', parentId: 'cast-110108', status: 'not_established',
  })
  await makeOrg(db, { id: 'cast-110105001', name: '朝阳区建外街道科学技术协会', shortName: '朝阳区建外街道科协', level: 'township', regionCode: '110105001', parentId: 'cast-110105' })
  await makeOrg(db, { id: 'cast-37', name: '山东省科学技术协会', shortName: '山东省科协', level: 'province', regionCode: '37', parentId: 'cast-national' })
  await makeOrg(db, { id: 'cast-3707', name: '潍坊市科学技术协会', shortName: '潍坊市科协', level: 'city', regionCode: '3707', parentId: 'cast-37' })
  await makeOrg(db, { id: 'cast-370783', name: '潍坊市寿光市科学技术协会', shortName: '寿光市科协', level: 'county', regionCode: '370783', parentId: 'cast-3707' })
  await makeOrg(db, { id: 'society-1', name: '中国计算机学会', kind: 'society', level: 'national', parentId: 'cast-national', discipline: '工科' })
  await makeOrg(db, { id: 'society-2', name: '中国物理学会', kind: 'society', level: 'national', parentId: 'cast-national', discipline: '理科' })
  await makeOrg(db, { id: 'society-3', name: '中国生物物理学会', kind: 'society', level: 'national', parentId: 'cast-national', discipline: '理科', joinPolicy: 'open' })
  await makeOrg(db, { id: 'park-zgc', name: '中关村科技园区科协', kind: 'park', regionCode: '110108', parentId: 'cast-110108', joinPolicy: 'open' })
  await makeOrg(db, { id: 'agritech-sg', name: '寿光市蔬菜产业农技协', kind: 'agritech', regionCode: '370783', parentId: 'cast-370783' })
}
