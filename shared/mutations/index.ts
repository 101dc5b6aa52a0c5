import type { MutationDef } from './define'
import { profileUpdate } from './profile'
import { membershipApply, membershipLeave } from './membership'

/** Every mutation the sync API accepts, by public name. */
export const mutationDefs = {
  [profileUpdate.name]: profileUpdate,
  [membershipApply.name]: membershipApply,
  [membershipLeave.name]: membershipLeave,
} satisfies Record<string, MutationDef>

export type MutationName = keyof typeof mutationDefs
