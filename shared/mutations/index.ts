import type { MutationDef } from './define'
import { profileUpdate } from './profile'
import { membershipApply, membershipLeave } from './membership'
import { activityCancel, activityCheckIn, activityRegister } from './activity'
import { noticeMarkRead } from './notice'
import {
  shiftAttend,
  shiftCancel,
  shiftConfirm,
  shiftSignUp,
  shiftSwapRequest,
  shiftSwapRespond,
  teamJoin,
  teamLeave,
  teamSetSkills,
} from './volunteer'
import { requestOrder } from './service-request'

/** Every mutation the sync API accepts, by public name. */
export const mutationDefs = {
  [profileUpdate.name]: profileUpdate,
  [membershipApply.name]: membershipApply,
  [membershipLeave.name]: membershipLeave,
  [activityRegister.name]: activityRegister,
  [activityCancel.name]: activityCancel,
  [activityCheckIn.name]: activityCheckIn,
  [noticeMarkRead.name]: noticeMarkRead,
  [teamJoin.name]: teamJoin,
  [teamLeave.name]: teamLeave,
  [teamSetSkills.name]: teamSetSkills,
  [shiftSignUp.name]: shiftSignUp,
  [shiftCancel.name]: shiftCancel,
  [shiftConfirm.name]: shiftConfirm,
  [shiftSwapRequest.name]: shiftSwapRequest,
  [shiftSwapRespond.name]: shiftSwapRespond,
  [shiftAttend.name]: shiftAttend,
  [requestOrder.name]: requestOrder,
} satisfies Record<string, MutationDef>

export type MutationName = keyof typeof mutationDefs
