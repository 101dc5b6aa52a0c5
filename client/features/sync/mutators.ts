/**
 * The client mutator registry: one entry per mutation a feature sends through the sync engine.
 * Adding a feature: write client/features/<feature>/mutators.ts and list it here.
 */
import type { PresentedMutator } from './presentation'
import { profileUpdateMutator } from '../profile/mutators'
import { membershipApplyMutator, membershipLeaveMutator } from '../organizations/mutators'
import { activityCancelMutator, activityCheckInMutator, activityRegisterMutator } from '../activities/mutators'
import { noticeMarkReadMutator } from '../notices/mutators'
import { shiftAttendMutator } from '../../doors/lead/day/mutators'
import { volunteerMutators } from '../volunteer/mutators'

export const clientMutators: Record<string, PresentedMutator> = {
  [profileUpdateMutator.name]: profileUpdateMutator,
  [membershipApplyMutator.name]: membershipApplyMutator,
  [membershipLeaveMutator.name]: membershipLeaveMutator,
  [activityRegisterMutator.name]: activityRegisterMutator,
  [activityCancelMutator.name]: activityCancelMutator,
  [activityCheckInMutator.name]: activityCheckInMutator,
  [noticeMarkReadMutator.name]: noticeMarkReadMutator,
  [shiftAttendMutator.name]: shiftAttendMutator,
  ...Object.fromEntries(volunteerMutators.map((m) => [m.name, m])),
}
