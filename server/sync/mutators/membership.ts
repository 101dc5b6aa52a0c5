import { membershipApply, membershipLeave } from '../../../shared/mutations/membership'
import { MAX_LIVE_MEMBERSHIPS, MAX_PENDING_APPLICATIONS, applyProblem, initialMembershipStatus, membershipValidUntil, nextMembershipStatus } from '../../../shared/rules/membership'
import type { JoinPolicy } from '../../../shared/schemas/organization'
import type { MembershipStatus } from '../../../shared/schemas/membership'
import { allocateMemberNo, findMembership, insertMembership, liveCounts, membershipStatuses, toMembership, updateMembership } from '../../db/membership.repository'
import { findOrganization } from '../../db/organization.repository'
import { DomainError } from '../../errors'
import { isUniqueViolation } from '../../db/unique'
import { defineServerMutator } from './define'

const APPLY_MESSAGES = {
  org_not_found: 'there is no such organisation',
  org_not_established: 'this organisation has not been set up yet, so it cannot take members',
  already_member: 'you are already a member of this organisation, or your application is waiting for approval',
  too_many_pending: `you already have ${MAX_PENDING_APPLICATIONS} applications waiting for approval; wait for an answer or withdraw one first`,
  too_many_memberships: `you already belong to, or have applied to, ${MAX_LIVE_MEMBERSHIPS} organisations; leave one before joining another`,
} as const

/**
 * membership.apply: join an organisation. Open organisations make the person a member at once
 * (member number, valid for a year); the others leave the application pending for an admin.
 * The unique "live" index is the second guard against joining twice (two devices, same moment).
 */
export const membershipApplyMutator = defineServerMutator(membershipApply, async ({ trx, user, clock }, args) => {
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
    const row = await insertMembership(trx, {
      id: args.membershipId,
      user_id: user.id,
      org_id: args.orgId,
      status,
      role: 'member',
      member_no: active ? await allocateMemberNo(trx, now) : null,
      reason: null,
      valid_until: active ? membershipValidUntil(now) : null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    return toMembership(row)
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_member', APPLY_MESSAGES.already_member)
    throw err
  }
})

/** membership.leave: the person ends their own membership or withdraws a pending application. */
export const membershipLeaveMutator = defineServerMutator(membershipLeave, async ({ trx, user, clock }, args) => {
  const row = await findMembership(trx, args.membershipId)
  // Someone else's membership answers exactly like a missing one: ids are not a way to probe.
  if (!row || row.user_id !== user.id) throw new DomainError('not_found', 'no such membership')
  const next = nextMembershipStatus(row.status as MembershipStatus, 'leave')
  if (!next) throw new DomainError('not_live', `this membership is ${row.status}; there is nothing to leave`)
  return toMembership(await updateMembership(trx, row.id, { status: next }, clock.now()))
})
