import type { Generated, Insertable, Selectable } from 'kysely'
import type { MembershipRole, MembershipStatus } from '../../shared/schemas/membership'

export interface MembershipTable {
  /** chosen by the client (uuid) so an offline apply has a stable id */
  id: string
  user_id: string
  org_id: string
  status: MembershipStatus
  role: MembershipRole
  member_no: string | null
  reason: string | null
  valid_until: string | null
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type MembershipRow = Selectable<MembershipTable>
export type NewMembership = Insertable<MembershipTable>
