import type { Generated, Insertable, Selectable } from 'kysely'

export interface MembershipTable {
  /** chosen by the client (uuid) so an offline apply has a stable id */
  id: string
  user_id: string
  org_id: string
  /** pending | active | rejected | lapsed | left */
  status: string
  /** member | admin */
  role: string
  member_no: string | null
  reason: string | null
  valid_until: string | null
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type MembershipRow = Selectable<MembershipTable>
export type NewMembership = Insertable<MembershipTable>
