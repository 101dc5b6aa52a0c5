/**
 * Pure rules of volunteer services, run by the server (authoritative) and the app (optimistic and
 * on screen): shift times, overlaps, required skills, the cancel cut-off, the day-before prompt and
 * how many minutes of service count. Instants are ISO strings; no clock here — callers pass `now`.
 * Slots and the waitlist are shared/rules/capacity.ts.
 */
import { MAX_WEEKLY_REPEATS, type VolunteerSkill } from '../schemas/volunteer'

const ms = (t: string | Date) => (typeof t === 'string' ? Date.parse(t) : t.getTime())
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const WEEK = 7 * 24 * HOUR

/** A shift lasts at least 15 minutes and at most 24 hours (an overnight shift crosses midnight). */
export const MIN_SHIFT_MINUTES = 15
export const MAX_SHIFT_MINUTES = 24 * 60

export type ShiftTimeProblem = 'ends_before_start' | 'shift_too_long' | 'shift_too_short'
export function shiftTimeProblem(startsAt: string, endsAt: string): ShiftTimeProblem | null {
  const minutes = (ms(endsAt) - ms(startsAt)) / MINUTE
  if (minutes <= 0) return 'ends_before_start'
  if (minutes < MIN_SHIFT_MINUTES) return 'shift_too_short'
  if (minutes > MAX_SHIFT_MINUTES) return 'shift_too_long'
  return null
}

export const shiftMinutes = (s: { startsAt: string; endsAt: string }) => Math.round((ms(s.endsAt) - ms(s.startsAt)) / MINUTE)

/** The start and end of each weekly occurrence: the first and then every 7 days (UTC instants, so Beijing wall time holds: no DST). */
export function weeklyOccurrences(startsAt: string, endsAt: string, repeatWeeks: number): Array<{ startsAt: string; endsAt: string }> {
  const n = Math.max(1, Math.min(MAX_WEEKLY_REPEATS, Math.floor(repeatWeeks)))
  const s = ms(startsAt)
  const e = ms(endsAt)
  return Array.from({ length: n }, (_, i) => ({
    startsAt: new Date(s + i * WEEK).toISOString(),
    endsAt: new Date(e + i * WEEK).toISOString(),
  }))
}

/** A shift's desk: check-in opens this many minutes before the start (and closes at the end)… */
export const SHIFT_CHECK_IN_OPENS_MINUTES = 120
/** …and check-out stays open this many hours after the end. The server decides; the desk says it beforehand. */
export const SHIFT_CHECK_OUT_CLOSES_HOURS = 12

/** Do two shifts overlap in time (touching ends do not)? */
export const overlaps = (a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }) =>
  ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt)

/** The shifts among `others` that overlap `shift` (the shift itself excluded by id). */
export function overlapping<T extends { id: string; startsAt: string; endsAt: string }>(shift: T, others: readonly T[]): T[] {
  return others.filter((o) => o.id !== shift.id && overlaps(shift, o))
}

/** Required skills the person lacks; a shift that requires none lacks nothing. */
export const missingSkills = (required: readonly VolunteerSkill[], has: readonly VolunteerSkill[]): VolunteerSkill[] =>
  required.filter((s) => !has.includes(s))

/** Required skills none of the people has. */
export function uncoveredSkills(required: readonly VolunteerSkill[], people: ReadonlyArray<readonly VolunteerSkill[]>): VolunteerSkill[] {
  return required.filter((s) => !people.some((p) => p.includes(s)))
}

/** The last instant a volunteer may cancel: `cutoffHours` before the start. */
export const cancelDeadline = (startsAt: string, cutoffHours: number) => new Date(ms(startsAt) - cutoffHours * HOUR)
export const canCancel = (startsAt: string, cutoffHours: number, now: Date) =>
  now.getTime() < cancelDeadline(startsAt, cutoffHours).getTime()

/** The day-before prompt: a held slot starting within the next 36 hours, not yet confirmed. */
export const CONFIRM_PROMPT_HOURS = 36
export function needsConfirmation(
  signup: { status: string; confirmedAt: string | null },
  shift: { startsAt: string; status: string },
  now: Date,
): boolean {
  if (signup.status !== 'signed_up' || signup.confirmedAt || shift.status !== 'open') return false
  const until = ms(shift.startsAt) - now.getTime()
  return until > 0 && until <= CONFIRM_PROMPT_HOURS * HOUR
}

export type HoursOutcome = 'counted' | 'no_check_in' | 'below_share'
/**
 * The minutes of service a shift gives: the part of [check-in, check-out] inside the shift; with a
 * check-in and no check-out, the whole shift (the leader can correct it). Nothing unless at least
 * `minAttendancePercent` of the shift was attended.
 */
export function computeMinutes(o: {
  startsAt: string
  endsAt: string
  checkedInAt: string | null
  checkedOutAt: string | null
  minAttendancePercent: number
}): { minutes: number; outcome: HoursOutcome } {
  if (!o.checkedInAt) return { minutes: 0, outcome: 'no_check_in' }
  const start = ms(o.startsAt)
  const end = ms(o.endsAt)
  const length = end - start
  if (length <= 0) return { minutes: 0, outcome: 'below_share' }
  const attended = o.checkedOutAt ? Math.max(0, Math.min(end, ms(o.checkedOutAt)) - Math.max(start, ms(o.checkedInAt))) : length
  if (attended * 100 < length * o.minAttendancePercent) return { minutes: 0, outcome: 'below_share' }
  return { minutes: Math.round(attended / MINUTE), outcome: 'counted' }
}

/** 90 → "1.5": hours with at most one decimal, for screens and the export. */
export const minutesAsHours = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10)
