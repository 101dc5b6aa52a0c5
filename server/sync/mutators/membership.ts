import { membershipApply, membershipLeave } from '../../../shared/mutations/membership'
import { toMembership } from '../../db/membership.repository'
import { applyForMembership, leaveMembership } from '../../domain/memberships'
import { defineServerMutator } from './define'

/** membership.apply: join an organisation (the rules: server/domain/memberships.ts). */
export const membershipApplyMutator = defineServerMutator(membershipApply, async (ctx, args) =>
  toMembership(await applyForMembership(ctx, args)),
)

/** membership.leave: the person ends their own membership or withdraws a pending application. */
export const membershipLeaveMutator = defineServerMutator(membershipLeave, async (ctx, args) =>
  toMembership(await leaveMembership(ctx, args.membershipId)),
)
