/**
 * Client side of the volunteer mutations a member sends (shared/mutations/volunteer.ts): team.join,
 * team.leave, team.setSkills, shift.signUp, shift.cancel, shift.confirm, shift.swapRequest and
 * shift.swapRespond. Each optimistic change only records what the person did, from the replica and
 * the arguments alone (no clock: a rebase re-runs it); the server decides the outcome (a slot or the
 * waitlist, pending or joined at once with an invitation, or a refusal), and the screens say 待同步
 * until it has.
 */
import {
  shiftCancel,
  shiftConfirm,
  shiftSignUp,
  shiftSwapRequest,
  shiftSwapRespond,
  teamJoin,
  teamLeave,
  teamSetSkills,
} from '../../../shared/mutations/volunteer'
import { ShiftSignup, ShiftSwap, TeamMember } from '../../../shared/schemas/volunteer'
import { confirmedRow, UNSTAMPED } from '../../lib/mutators'
import { PROFILE_TABLE, SHIFT_SIGNUPS_TABLE, SHIFT_SWAPS_TABLE, SHIFTS_TABLE, TEAM_MEMBERS_TABLE } from '../../lib/tables'
import { named, presentedMutator } from '../sync/presentation'

/**
 * What an optimistic "I will come" writes as confirmedAt: the server stamps the time; until then the
 * sign-up reads as confirmed (the prompt goes away) and the screens say 待同步.
 */
export const CONFIRMED_UNSYNCED = 'unsynced'

const confirmedMember = confirmedRow(TEAM_MEMBERS_TABLE, TeamMember)
const confirmedSignup = confirmedRow(SHIFT_SIGNUPS_TABLE, ShiftSignup)
const confirmedSwap = confirmedRow(SHIFT_SWAPS_TABLE, ShiftSwap)

export const teamJoinMutator = presentedMutator(teamJoin, {
  async apply(replica, args) {
    // pending until a leader approves — or active at once with a valid invitation: the server's to say
    await replica.put({
      table: TEAM_MEMBERS_TABLE,
      id: args.memberId,
      teamId: args.teamId,
      role: 'member',
      status: 'pending',
      skills: args.skills ?? [],
      ...UNSTAMPED,
    })
  },
  confirmed: confirmedMember,
  describe: (_args, display) => named('vol.mutation.join', 'team', display),
})

export const teamLeaveMutator = presentedMutator(teamLeave, {
  async apply(replica, args) {
    const row = await replica.get(TEAM_MEMBERS_TABLE, args.memberId)
    if (row) await replica.put({ ...row, status: 'left' })
  },
  confirmed: confirmedMember,
  describe: (_args, display) => named('vol.mutation.leave', 'team', display),
})

export const teamSetSkillsMutator = presentedMutator(teamSetSkills, {
  async apply(replica, args) {
    const row = await replica.get(TEAM_MEMBERS_TABLE, args.memberId)
    if (row) await replica.put({ ...row, skills: args.skills })
  },
  confirmed: confirmedMember,
  describe: (_args, display) => named('vol.mutation.setSkills', 'team', display),
})

export const shiftSignUpMutator = presentedMutator(shiftSignUp, {
  async apply(replica, args) {
    // a slot while the replica's shift has one, else the waitlist; the server decides either way
    const shift = await replica.get(SHIFTS_TABLE, args.shiftId)
    const full = shift !== undefined && shift.placesLeft <= 0
    await replica.put({
      table: SHIFT_SIGNUPS_TABLE,
      id: args.signupId,
      shiftId: args.shiftId,
      status: full ? 'waitlisted' : 'signed_up',
      source: 'self',
      waitlistPosition: null,
      confirmedAt: null,
      checkedInAt: null,
      checkedOutAt: null,
      noShow: false,
      hoursStatus: 'none',
      creditedMinutes: null,
      correctionReason: null,
      ...UNSTAMPED,
    })
    if (shift && !full) await replica.put({ ...shift, placesTaken: shift.placesTaken + 1, placesLeft: shift.placesLeft - 1 })
  },
  confirmed: confirmedSignup,
  describe: (_args, display) => named('vol.mutation.signUp', 'shift', display),
})

export const shiftCancelMutator = presentedMutator(shiftCancel, {
  async apply(replica, args) {
    const row = await replica.get(SHIFT_SIGNUPS_TABLE, args.signupId)
    if (!row) return
    await replica.put({ ...row, status: 'cancelled', waitlistPosition: null })
    const shift = row.status === 'signed_up' ? await replica.get(SHIFTS_TABLE, row.shiftId) : undefined
    if (shift) await replica.put({ ...shift, placesTaken: Math.max(0, shift.placesTaken - 1), placesLeft: shift.placesLeft + 1 })
  },
  confirmed: confirmedSignup,
  describe: (_args, display) => named('vol.mutation.cancel', 'shift', display),
})

export const shiftConfirmMutator = presentedMutator(shiftConfirm, {
  async apply(replica, args) {
    const row = await replica.get(SHIFT_SIGNUPS_TABLE, args.signupId)
    if (row && !row.confirmedAt) await replica.put({ ...row, confirmedAt: CONFIRMED_UNSYNCED })
  },
  confirmed: confirmedSignup,
  describe: (_args, display) => named('vol.mutation.confirm', 'shift', display),
})

export const shiftSwapRequestMutator = presentedMutator(shiftSwapRequest, {
  async apply(replica, args) {
    const signup = await replica.get(SHIFT_SIGNUPS_TABLE, args.signupId)
    if (!signup) return
    const me = (await replica.list(PROFILE_TABLE))[0]
    await replica.put({
      table: SHIFT_SWAPS_TABLE,
      id: args.swapId,
      shiftId: signup.shiftId,
      fromSignupId: args.signupId,
      fromName: me?.name ?? '',
      // the teammate's name comes with the server's row; the screen shows the name chosen meanwhile
      toName: '',
      askedOfMe: false,
      status: 'requested',
      ...UNSTAMPED,
    })
  },
  confirmed: confirmedSwap,
  describe: (_args, display) => named('vol.mutation.swapRequest', 'who', display),
})

export const shiftSwapRespondMutator = presentedMutator(shiftSwapRespond, {
  async apply(replica, args) {
    const row = await replica.get(SHIFT_SWAPS_TABLE, args.swapId)
    const status = args.answer === 'accept' ? 'accepted' : args.answer === 'decline' ? 'declined' : 'withdrawn'
    if (row) await replica.put({ ...row, status })
  },
  confirmed: confirmedSwap,
  describe: (args, display) => named(`vol.mutation.swap.${args.answer}`, 'shift', display),
})

export const volunteerMutators = [
  teamJoinMutator,
  teamLeaveMutator,
  teamSetSkillsMutator,
  shiftSignUpMutator,
  shiftCancelMutator,
  shiftConfirmMutator,
  shiftSwapRequestMutator,
  shiftSwapRespondMutator,
]
