import { defineMutation } from './define'
import { ProfilePatch } from '../schemas/user'

/** The person edits their own profile (我的). Proves the engine on their own data. */
export const profileUpdate = defineMutation('profile.update', ProfilePatch)
