import type { MutationDef } from './define'
import { profileUpdate } from './profile'
import { membershipApply, membershipLeave } from './membership'
import { activityCancel, activityCheckIn, activityRegister } from './activity'
import { noticeMarkRead } from './notice'
import { shiftAttend } from './volunteer'

/** Every mutation the sync API accepts, by public name. */
export const mutationDefs = {
  [profileUpdate.name]: profileUpdate,
  [membershipApply.name]: membershipApply,
  [membershipLeave.name]: membershipLeave,
  [activityRegister.name]: activityRegister,
  [activityCancel.name]: activityCancel,
  [activityCheckIn.name]: activityCheckIn,
  [noticeMarkRead.name]: noticeMarkRead,
  [shiftAttend.name]: shiftAttend,
} satisfies Record<string, MutationDef>

export type MutationName = keyof typeof mutationDefs
