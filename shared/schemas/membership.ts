import { z } from 'zod'
import { Uuid } from './common'
import { humanText } from './human-text'
import { OrgId } from './organization'
import { countedPage, pageQuery } from './paging'
import { Discipline } from './user'

export const MembershipStatus = z.enum(['pending', 'active', 'rejected', 'lapsed', 'left'])
export type MembershipStatus = z.infer<typeof MembershipStatus>
/**
 * member; organiser (活动组织者): delegated by an admin to publish and run this one organisation's
 * activities (not the organisations below it); admin: manages the organisation and its subtree.
 */
export const MembershipRole = z.enum(['member', 'organiser', 'admin'])
export type MembershipRole = z.infer<typeof MembershipRole>

/** A person's own membership, as the sync engine hands it to them and the mutators return it. */
export const Membership = z.object({
  id: z.string(),
  orgId: z.string(),
  status: MembershipStatus,
  role: MembershipRole,
  memberNo: z.string().nullable(),
  reason: z.string().nullable(),
  validUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type Membership = z.infer<typeof Membership>

/** `membership.apply`: the client picks the id so an offline application has a stable identity. */
export const MembershipApplyArgs = z.object({ membershipId: Uuid, orgId: OrgId }).strict()
export type MembershipApplyArgs = z.infer<typeof MembershipApplyArgs>

/** `membership.leave`: the person ends (or withdraws) their own membership. */
export const MembershipLeaveArgs = z.object({ membershipId: Uuid }).strict()
export type MembershipLeaveArgs = z.infer<typeof MembershipLeaveArgs>

const PAGING = pageQuery({ maxPageSize: 200, defaultPageSize: 50, maxPage: 10_000 })

/** `GET /api/admin/memberships`: applications in the organisations the caller administers. */
export const AdminMembershipQuery = z.object({
  status: MembershipStatus.default('pending'),
  /** narrow to this organisation and everything below it */
  orgId: OrgId.optional(),
  /** only applicants of this discipline */
  discipline: Discipline.optional(),
  /** only applicants whose region's name contains this text (海淀, 北京市海淀区…) */
  region: z.string().trim().min(1).max(40).optional(),
  ...PAGING,
})
export type AdminMembershipQuery = z.infer<typeof AdminMembershipQuery>

/** A membership as an admin sees it: the phone is masked (138****1234). */
export const AdminMembershipItem = Membership.extend({
  orgName: z.string(),
  userName: z.string(),
  phone: z.string(),
  /** what an admin judges an applicant by (from their profile): region's full name, employer, title, discipline */
  regionName: z.string().nullable(),
  employer: z.string().nullable(),
  title: z.string().nullable(),
  discipline: z.string().nullable(),
})
export type AdminMembershipItem = z.infer<typeof AdminMembershipItem>

export const AdminMembershipPage = countedPage(AdminMembershipItem)
export type AdminMembershipPage = z.infer<typeof AdminMembershipPage>

export const MembershipIdParam = z.object({ id: Uuid })
export const ApproveInput = z.object({}).strict()
export const RejectInput = z.object({ reason: humanText({ label: 'reason', max: 200 }) }).strict()
export type RejectInput = z.infer<typeof RejectInput>

/**
 * `POST /api/admin/memberships/decisions`: approve or refuse several applications at once (refusals
 * with one reason for all). All or nothing: one that cannot be decided leaves every one undecided.
 */
export const BULK_DECISION_MAX = 50
export const BulkDecisionInput = z
  .object({
    ids: z.array(Uuid).min(1).max(BULK_DECISION_MAX),
    decision: z.enum(['approve', 'reject']),
    reason: humanText({ label: 'reason', max: 200 }).optional(),
  })
  .strict()
  .refine((b) => b.decision === 'approve' || !!b.reason, { message: 'a refusal needs a reason', path: ['reason'] })
  .refine((b) => new Set(b.ids).size === b.ids.length, { message: 'each application once', path: ['ids'] })
export type BulkDecisionInput = z.infer<typeof BulkDecisionInput>
export const BulkDecisionResult = z.object({ items: z.array(AdminMembershipItem) })
export type BulkDecisionResult = z.infer<typeof BulkDecisionResult>

/** `GET /api/admin/orgs/:id/members` */
export const MemberListQuery = z.object({
  status: z.enum(['active', 'lapsed', 'left']).default('active'),
  ...PAGING,
})
export type MemberListQuery = z.infer<typeof MemberListQuery>

/** `POST /api/admin/memberships/{id}/role`: an admin delegates (or takes back) running activities. Admins are appointed elsewhere. */
export const MembershipRoleInput = z.object({ role: z.enum(['member', 'organiser']) }).strict()
export type MembershipRoleInput = z.infer<typeof MembershipRoleInput>
