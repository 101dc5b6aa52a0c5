/**
 * The memberships service: joining (apply), leaving, an admin's decision (approve/reject), delegating
 * activities (role) and whose applications an admin may list. The sync mutators
 * (server/sync/mutators/membership.ts) and the admin routes (server/routes/memberships.ts) call these;
 * each runs in the caller's transaction, refuses with a DomainError and audits beside its change.
 * Becoming a member — by an open organisation at once, or by approval — is one rule: `activation`.
 */
import {
  MAX_LIVE_MEMBERSHIPS,
  MAX_PENDING_APPLICATIONS,
  applyProblem,
  initialMembershipStatus,
  membershipValidUntil,
  nextMembershipStatus,
  type MembershipEvent,
} from '../../shared/rules/membership'
import type { JoinPolicy } from '../../shared/schemas/organization'
import type { MembershipRole, MembershipStatus } from '../../shared/schemas/membership'
import type { Executor } from '../db/database'
import type { MembershipRow, UserRow } from '../db/database.types'
import {
  allocateMemberNo,
  findMembership,
  insertMembership,
  liveCounts,
  membershipStatuses,
  updateMembership,
} from '../db/membership.repository'
import { findOrganization } from '../db/organization.repository'
import { isUniqueViolation } from '../db/unique'
import { DomainError, forbidden, notFound } from '../errors'
import { adminRootIds, assertOrgAdmin, isSystemAdmin } from './authz'
import { audit } from './audit'
import type { DomainContext } from './context'
import { notifyMembershipDecision } from './notices'

const APPLY_MESSAGES = {
  org_not_found: 'there is no such organisation',
  org_not_established: 'this organisation has not been set up yet, so it cannot take members',
  already_member: 'you are already a member of this organisation, or your application is waiting for approval',
  too_many_pending: `you already have ${MAX_PENDING_APPLICATIONS} applications waiting for approval; wait for an answer or withdraw one first`,
  too_many_memberships: `you already belong to, or have applied to, ${MAX_LIVE_MEMBERSHIPS} organisations; leave one before joining another`,
} as const

/** What becoming an active member sets: a member number (kept if one was ever given) and a year's validity. */
async function activation(trx: Executor, now: Date, memberNo: string | null) {
  return { member_no: memberNo ?? (await allocateMemberNo(trx, now)), valid_until: membershipValidUntil(now) }
}

/**
 * Join an organisation. Open organisations make the person a member at once; the others leave the
 * application pending for an admin. The unique "live" index is the second guard against joining
 * twice (two devices, same moment).
 */
export async function applyForMembership(
  { trx, user, clock }: DomainContext,
  args: { membershipId: string; orgId: string },
): Promise<MembershipRow> {
  const org = await findOrganization(trx, args.orgId)
  const problem = applyProblem(org, await membershipStatuses(trx, user.id, args.orgId), await liveCounts(trx, user.id))
  if (problem) throw new DomainError(problem, APPLY_MESSAGES[problem])
  if (await findMembership(trx, args.membershipId)) {
    throw new DomainError('membership_id_taken', 'this application id is already in use; apply again')
  }
  const now = clock.now()
  const status = initialMembershipStatus(org!.join_policy as JoinPolicy)
  const active = status === 'active'
  try {
    return await insertMembership(trx, {
      id: args.membershipId,
      user_id: user.id,
      org_id: args.orgId,
      status,
      role: 'member',
      ...(active ? await activation(trx, now, null) : { member_no: null, valid_until: null }),
      reason: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_member', APPLY_MESSAGES.already_member)
    throw err
  }
}

/** The person ends their own membership or withdraws a pending application. */
export async function leaveMembership({ trx, user, clock }: DomainContext, membershipId: string): Promise<MembershipRow> {
  const row = await findMembership(trx, membershipId)
  // Someone else's membership answers exactly like a missing one: ids are not a way to probe.
  if (!row || row.user_id !== user.id) throw new DomainError('not_found', 'no such membership')
  const next = nextMembershipStatus(row.status as MembershipStatus, 'leave')
  if (!next) throw new DomainError('not_live', `this membership is ${row.status}; there is nothing to leave`)
  return updateMembership(trx, row.id, { status: next }, clock.now())
}

/** An admin approves or rejects: not found, not theirs (403), their own, or no longer pending (409). The applicant is told (消息). */
export async function decideMembership(
  { trx, user, clock }: DomainContext,
  id: string,
  event: Extract<MembershipEvent, 'approve' | 'reject'>,
  reason: string | null,
): Promise<MembershipRow> {
  const row = await findMembership(trx, id)
  if (!row) throw notFound('membership')
  await assertOrgAdmin(trx, user, row.org_id)
  if (row.user_id === user.id) throw forbidden('you cannot decide on your own application')
  const next = nextMembershipStatus(row.status as MembershipStatus, event)
  if (!next) throw new DomainError('not_pending', `this application is already ${row.status}`)
  const now = clock.now()
  const updated = await updateMembership(
    trx,
    id,
    event === 'approve' ? { status: next, ...(await activation(trx, now, row.member_no)), reason: null } : { status: next, reason },
    now,
  )
  const org = await findOrganization(trx, row.org_id)
  await notifyMembershipDecision(trx, updated, org!.name, now)
  await audit(trx, {
    actorId: user.id,
    action: `membership.${event}`,
    orgId: row.org_id,
    target: id,
    detail: reason === null ? null : { reason },
    at: now,
  })
  return updated
}

/** Delegate running the organisation's activities to an active member (organiser), or take it back. */
export async function setMembershipRole(
  { trx, user, clock }: DomainContext,
  id: string,
  role: Exclude<MembershipRole, 'admin'>,
): Promise<void> {
  const row = await findMembership(trx, id)
  if (!row) throw notFound('membership')
  await assertOrgAdmin(trx, user, row.org_id)
  if (row.user_id === user.id) throw forbidden('you cannot change your own role')
  if (row.status !== 'active') throw new DomainError('not_active', `this membership is ${row.status}; only active members can organise`)
  if (row.role === 'admin') throw new DomainError('is_admin', 'this member is an administrator; administrators are appointed elsewhere')
  if (row.role === role) return
  const now = clock.now()
  await updateMembership(trx, id, { role }, now)
  await audit(trx, {
    actorId: user.id,
    action: 'membership.role',
    orgId: row.org_id,
    target: id,
    detail: { from: row.role, to: role },
    at: now,
  })
}

/** Which organisation subtrees an admin may list: one they administer, everything (system admin), or all they administer. */
export async function adminListRoots(db: Executor, user: UserRow, orgId: string | undefined): Promise<string[] | 'all'> {
  if (orgId) {
    if (!(await findOrganization(db, orgId))) throw notFound('organisation')
    await assertOrgAdmin(db, user, orgId)
    return [orgId]
  }
  if (isSystemAdmin(user)) return 'all'
  const roots = await adminRootIds(db, user.id)
  if (roots.length === 0) throw forbidden('you do not administer any organisation')
  return roots
}
