/**
 * Where the person stands on the way in (首页), as pure rules: complete the profile → join their own
 * 科协 → wait for the review → member (card, activities). No Vue here, so it is unit-tested directly.
 */
import type { Me } from '../../../shared/schemas/user'
import type { Membership } from '../../../shared/schemas/membership'

/** What an organisation needs to suggest the person's own 科协 and to judge their application. */
export const PROFILE_FIELDS = ['regionCode', 'discipline', 'employer'] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]

export const STEPS = ['profile', 'join', 'pending', 'card'] as const
/** The step the home leads to; 'member' once a membership is active (the journey is done). */
export type HomeStep = 'profile' | 'join' | 'pending' | 'member'

export interface HomeStatus<M> {
  step: HomeStep
  missing: ProfileField[]
  pending: M[]
  active: M[]
}

export function homeStatus<M extends Pick<Membership, 'status'>>(profile: Pick<Me, ProfileField>, memberships: M[]): HomeStatus<M> {
  const active = memberships.filter((m) => m.status === 'active')
  const pending = memberships.filter((m) => m.status === 'pending')
  const missing = PROFILE_FIELDS.filter((f) => !profile[f])
  const step: HomeStep = active.length ? 'member' : pending.length ? 'pending' : missing.length ? 'profile' : 'join'
  return { step, missing, pending, active }
}

/** How a step of the list shows: done, the one to do now, or later. */
export function stepState(step: (typeof STEPS)[number], current: HomeStep): 'done' | 'current' | 'todo' {
  const at = current === 'member' ? STEPS.length : STEPS.indexOf(current)
  const i = STEPS.indexOf(step)
  return i < at ? 'done' : i === at ? 'current' : 'todo'
}

/**
 * The person's own 科协 to join first: their 街道 (township) 科协, then their 区 (county) 科协; with
 * only a province or city given, that one. Ids as the replica keeps them ('cast-<code>').
 */
export function ownAssociationIds(regionCode: string | null): string[] {
  if (!regionCode) return []
  const ids = [9, 6].filter((len) => regionCode.length >= len).map((len) => `cast-${regionCode.slice(0, len)}`)
  return ids.length ? ids : [`cast-${regionCode}`]
}

const DAY_MS = 86_400_000
/** Signed up within the last day: welcomed, not "welcome back". */
export const isNewcomer = (createdAt: string, now: Date) => now.getTime() - new Date(createdAt).getTime() < DAY_MS
