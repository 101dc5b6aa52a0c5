import { defineMutation } from './define'
import {
  ShiftAttendArgs,
  ShiftCancelArgs,
  ShiftConfirmArgs,
  ShiftSignUpArgs,
  ShiftSwapRequestArgs,
  ShiftSwapRespondArgs,
  TeamJoinArgs,
  TeamLeaveArgs,
  TeamSetSkillsArgs,
} from '../schemas/volunteer'

/** Ask to join a volunteer team (pending until a leader approves), or join at once with its invitation code. */
export const teamJoin = defineMutation('team.join', TeamJoinArgs)
/** Leave a team, or withdraw a request to join. */
export const teamLeave = defineMutation('team.leave', TeamLeaveArgs)
/** Say which skills one brings to a team. */
export const teamSetSkills = defineMutation('team.setSkills', TeamSetSkillsArgs)

/** Sign up for a shift: a slot, or the end of its FIFO waitlist. */
export const shiftSignUp = defineMutation('shift.signUp', ShiftSignUpArgs)
/** Cancel one's sign-up before the team's cut-off; the slot goes to the head of the waitlist at once. */
export const shiftCancel = defineMutation('shift.cancel', ShiftCancelArgs)
/** The day-before "I will come". */
export const shiftConfirm = defineMutation('shift.confirm', ShiftConfirmArgs)
/** Ask a teammate to take one's place on a shift. */
export const shiftSwapRequest = defineMutation('shift.swapRequest', ShiftSwapRequestArgs)
/** The teammate accepts or declines a swap; the requester may withdraw it. */
export const shiftSwapRespond = defineMutation('shift.swapRespond', ShiftSwapRespondArgs)
/** A leader's desk checks a person in or out of a shift, or adds a walk-in. */
export const shiftAttend = defineMutation('shift.attend', ShiftAttendArgs)
