import type { MutationDef } from './define'
import { profileUpdate } from './profile'

/** Every mutation the sync API accepts, by public name. */
export const mutationDefs = {
  [profileUpdate.name]: profileUpdate,
} satisfies Record<string, MutationDef>

export type MutationName = keyof typeof mutationDefs
