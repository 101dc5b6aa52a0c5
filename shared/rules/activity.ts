/**
 * Pure activity rules, run by the client (optimistic "pending" display) and the server (authority):
 * the registration window, capacity and the FIFO waitlist (an activity's terms for the general rule
 * in capacity.ts), cancellation, the order of an activity's four instants, the check-in window and
 * the credit hours it gives. Nothing here reads a clock: callers pass `now`.
 */
import { DEFAULT_CHECK_IN_OPENS_MINUTES, type ActivityAudience, type ActivityStatus, type RegistrationStatus } from '../schemas/activity'
import { admission, freePlaces, promotionCount, type Places } from './capacity'

/** The fields of an activity the rules look at. */
export interface ActivityFacts {
  status: ActivityStatus
  audience: ActivityAudience
  capacity: number
  placesTaken: number
  requiresApproval: boolean
  startsAt: string
  endsAt: string
  registrationOpensAt: string
  registrationClosesAt: string
  checkInOpensMinutesBefore: number
}

export type RegisterProblem =
  'activity_not_found' | 'activity_cancelled' | 'registration_not_open' | 'registration_closed' | 'members_only' | 'already_registered'

/** Statuses that hold a place or a spot in the queue: at most one of these per person and activity. */
export const LIVE_REGISTRATION: readonly RegistrationStatus[] = ['registered', 'waitlisted', 'pending_approval']
/** Statuses that hold one of the `capacity` places. */
export const HOLDS_PLACE: readonly RegistrationStatus[] = ['registered', 'pending_approval']

/** An activity's places in the terms of the capacity rule (shared/rules/capacity.ts). */
export const activityPlaces = (a: Pick<ActivityFacts, 'capacity' | 'placesTaken'>): Places => ({
  capacity: a.capacity,
  taken: a.placesTaken,
})

export const placesLeft = (a: Pick<ActivityFacts, 'capacity' | 'placesTaken'>) => freePlaces(activityPlaces(a))

export type WindowState = 'not_open' | 'open' | 'closed'
/** ISO-8601 instants in UTC compare correctly as numbers of milliseconds; never as strings with offsets. */
const ms = (iso: string) => new Date(iso).getTime()

export function registrationWindow(
  a: Pick<ActivityFacts, 'registrationOpensAt' | 'registrationClosesAt' | 'startsAt'>,
  now: Date,
): WindowState {
  const t = now.getTime()
  if (t < ms(a.registrationOpensAt)) return 'not_open'
  // a started activity takes no more registrations, whatever its window says
  if (t >= ms(a.registrationClosesAt) || t >= ms(a.startsAt)) return 'closed'
  return 'open'
}

/** Why this person may not register now, or null. Checked in this order so the answer is the most useful one. */
export function registerProblem(
  a: ActivityFacts | undefined,
  who: { isMember: boolean; liveRegistration: boolean },
  now: Date,
): RegisterProblem | null {
  if (!a) return 'activity_not_found'
  if (a.status === 'cancelled') return 'activity_cancelled'
  if (who.liveRegistration) return 'already_registered'
  const window = registrationWindow(a, now)
  if (window === 'not_open') return 'registration_not_open'
  if (window === 'closed') return 'registration_closed'
  if (a.audience === 'members' && !who.isMember) return 'members_only'
  return null
}

/** A fresh registration's status: a free place (awaiting approval when the organiser asks for it) or the waitlist. */
export function initialRegistrationStatus(a: Pick<ActivityFacts, 'capacity' | 'placesTaken' | 'requiresApproval'>): RegistrationStatus {
  return admission(activityPlaces(a)) === 'waitlist' ? 'waitlisted' : promotedStatus(a)
}

/** The status of someone given a place (on registering, or as the waitlist's head when one frees up). */
export function promotedStatus(a: Pick<ActivityFacts, 'requiresApproval'>): RegistrationStatus {
  return a.requiresApproval ? 'pending_approval' : 'registered'
}

export type CancelProblem = 'not_live' | 'activity_started'
/** A person may withdraw until the activity starts; after that the record is history. */
export function cancelProblem(status: RegistrationStatus, a: Pick<ActivityFacts, 'startsAt'>, now: Date): CancelProblem | null {
  if (!LIVE_REGISTRATION.includes(status)) return 'not_live'
  if (now.getTime() >= ms(a.startsAt)) return 'activity_started'
  return null
}

export type ScheduleProblem = 'ends_before_start' | 'registration_window_inverted' | 'registration_closes_after_end'
/** The four instants must be in order: opens < closes ≤ ends, starts < ends. */
export function scheduleProblem(
  a: Pick<ActivityFacts, 'startsAt' | 'endsAt' | 'registrationOpensAt' | 'registrationClosesAt'>,
): ScheduleProblem | null {
  if (ms(a.endsAt) <= ms(a.startsAt)) return 'ends_before_start'
  if (ms(a.registrationClosesAt) <= ms(a.registrationOpensAt)) return 'registration_window_inverted'
  if (ms(a.registrationClosesAt) > ms(a.endsAt)) return 'registration_closes_after_end'
  return null
}

/** Activity status changes: only published → cancelled (a cancelled activity stays cancelled). */
export const canCancelActivity = (status: ActivityStatus) => status === 'published'

/** How many waitlisted people a capacity change lets in. */
export const promotionsAfterCapacityChange = (a: Pick<ActivityFacts, 'capacity' | 'placesTaken'>, waitlisted: number) =>
  promotionCount(activityPlaces(a), waitlisted)

/** What the check-in window looks at; a replica row from before the field existed has none (the default applies). */
export type CheckInTimes = Pick<ActivityFacts, 'startsAt' | 'endsAt'> & { checkInOpensMinutesBefore?: number }

/** The instant check-in opens: the organiser's minutes before the start (default 2 hours). */
export const checkInOpensAt = (a: CheckInTimes) =>
  new Date(ms(a.startsAt) - (a.checkInOpensMinutesBefore ?? DEFAULT_CHECK_IN_OPENS_MINUTES) * 60_000)

/** Check-in is open from its opening instant up to and including the end of the activity. */
export function checkInWindow(a: CheckInTimes, now: Date): WindowState {
  const t = now.getTime()
  if (t < checkInOpensAt(a).getTime()) return 'not_open'
  if (t > ms(a.endsAt)) return 'closed'
  return 'open'
}

export type CheckInProblem = 'check_in_not_open' | 'check_in_closed'
/** Why nobody can be checked in now, or null. The same answer for everyone: it is asked before anyone is looked up. */
export function checkInProblem(a: CheckInTimes, now: Date): CheckInProblem | null {
  const window = checkInWindow(a, now)
  if (window === 'not_open') return 'check_in_not_open'
  if (window === 'closed') return 'check_in_closed'
  return null
}

/**
 * The credit hours one check-in earns: the activity's creditHours when the check-in fell inside the
 * check-in window, else none. Since the server refuses check-ins outside it, that is every
 * check-in it accepted; the rule is kept where hours are summed (server and replica) so an older
 * record, or an activity moved after the fact, never credits hours for a time nobody could attend.
 */
export function creditedHours(a: CheckInTimes & { creditHours: number }, checkedInAt: string | null): number {
  if (!checkedInAt) return 0
  const at = new Date(checkedInAt)
  return !Number.isNaN(at.getTime()) && checkInWindow(a, at) === 'open' ? a.creditHours : 0
}
