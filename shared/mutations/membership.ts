import { defineMutation } from './define'
import { MembershipApplyArgs, MembershipLeaveArgs } from '../schemas/membership'

/** Apply to join an organisation (active at once when it is open, pending when it needs approval). */
export const membershipApply = defineMutation('membership.apply', MembershipApplyArgs)

/** Leave an organisation, or withdraw a pending application. */
export const membershipLeave = defineMutation('membership.leave', MembershipLeaveArgs)
