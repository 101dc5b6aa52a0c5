export type { UserRow, SessionRow } from './user.table'
export type { OrganizationRow } from './organization.table'
export type { MembershipRow } from './membership.table'
export type { RegionRow } from './region.table'
