import type { Generated, Insertable, Selectable } from 'kysely'
import type { JoinPolicy, OrgKind, OrgLevel, OrgStatus } from '../../shared/schemas/organization'

export interface OrganizationTable {
  id: string
  kind: OrgKind
  /** null for organisations without a region level */
  level: OrgLevel | null
  name: string
  short_name: string | null
  region_code: string | null
  parent_id: string | null
  /** CAST discipline group for societies: 理科 工科 农科 医科 交叉 */
  discipline: string | null
  /** not_established: township 科协 blind spots */
  status: OrgStatus
  join_policy: JoinPolicy
  description: string | null
  contact: string | null
  created_at: string
  version: Generated<number>
}
export type OrganizationRow = Selectable<OrganizationTable>
export type NewOrganization = Insertable<OrganizationTable>

/**
 * The organisation tree as a closure table (migration 0011): one row per ancestor of every
 * organisation, itself included at depth 0. Written only by `insertOrganizations`.
 */
export interface OrganizationClosureTable {
  ancestor_id: string
  descendant_id: string
  depth: number
}
export type NewOrganizationClosure = Insertable<OrganizationClosureTable>
