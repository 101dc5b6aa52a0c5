import type { Executor } from './database'
import type { OrganizationRow } from './organization.table'
import type { Breadcrumb, OrgSummary } from '../../shared/schemas/organization'
import { regionChain } from '../../shared/rules/region'
import { pageOffset } from '../../shared/schemas/paging'

export function findOrganization(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Organisations joined with their region's full name, in the columns a summary needs. */
function summaryQuery(db: Executor) {
  return db
    .selectFrom('organizations as o')
    .leftJoin('regions as r', 'r.code', 'o.region_code')
    .select([
      'o.id',
      'o.name',
      'o.short_name',
      'o.kind',
      'o.level',
      'o.region_code',
      'r.full_name as region_name',
      'o.parent_id',
      'o.discipline',
      'o.status',
      'o.join_policy',
      'o.description',
      'o.contact',
    ])
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>

export function toOrgSummary(r: SummaryRow): OrgSummary {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    level: r.level,
    regionCode: r.region_code,
    regionName: r.region_name,
    parentId: r.parent_id,
    discipline: r.discipline,
    status: r.status === 'established' ? 'established' : 'not_established',
    joinPolicy: r.join_policy === 'open' ? 'open' : 'approval',
  }
}

export function findOrgWithRegion(db: Executor, id: string): Promise<SummaryRow | undefined> {
  return summaryQuery(db).where('o.id', '=', id).executeTakeFirst()
}

/** Summaries for these ids, in the order given (search ranks them; this only fills them in). */
export async function orgSummariesByIds(db: Executor, ids: readonly string[]): Promise<OrgSummary[]> {
  if (ids.length === 0) return []
  const rows = await summaryQuery(db).where('o.id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => (byId.has(id) ? [toOrgSummary(byId.get(id)!)] : []))
}

/** The chain from the root (中国科协) down to the organisation's parent: its closure rows, farthest first. */
export async function ancestorsOf(db: Executor, id: string): Promise<Breadcrumb[]> {
  const rows = await db
    .selectFrom('organization_closure as c')
    .innerJoin('organizations as o', 'o.id', 'c.ancestor_id')
    .select(['o.id', 'o.name', 'o.short_name'])
    .where('c.descendant_id', '=', id)
    .where('c.depth', '>', 0)
    .orderBy('c.depth', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name }))
}

/** Children of an organisation: its child-region 科协 ('cast') or the other organisations attached to it. */
export async function childrenOf(db: Executor, parentId: string, group: 'cast' | 'other', page: number, pageSize: number) {
  const base = db
    .selectFrom('organizations')
    .where('parent_id', '=', parentId)
    .where('kind', group === 'cast' ? '=' : '<>', 'cast')
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows = await summaryQuery(db)
    .where('o.parent_id', '=', parentId)
    .where('o.kind', group === 'cast' ? '=' : '<>', 'cast')
    // region code order lists townships the way official directories do; others by name
    .orderBy('o.region_code')
    .orderBy('o.name')
    .limit(pageSize)
    .offset(pageOffset({ page, pageSize }))
    .execute()
  return { items: rows.map(toOrgSummary), total: Number(total), page, pageSize }
}

export async function activeMemberCount(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** 我的组织: the 科协 of the person's region chain (most local first) and national societies of their discipline. */
export async function suggestionsFor(db: Executor, regionCode: string | null, discipline: string | null) {
  const chain = regionCode ? regionChain(regionCode) : []
  const local = chain.length ? await summaryQuery(db).where('o.kind', '=', 'cast').where('o.region_code', 'in', chain).execute() : []
  local.sort((a, b) => (b.region_code?.length ?? 0) - (a.region_code?.length ?? 0))
  const societies = discipline
    ? await summaryQuery(db)
        .where('o.kind', '=', 'society')
        .where('o.level', '=', 'national')
        .where('o.discipline', '=', discipline)
        .orderBy('o.name')
        .limit(200)
        .execute()
    : []
  return { local: local.map(toOrgSummary), societies: societies.map(toOrgSummary) }
}
