/**
 * The leader's forms as plain data, checked with the shared schemas before anything is sent: a
 * team's details and rules (new team, edit), and a shift (date, start and end in Beijing time — an
 * end earlier than the start is the next morning: an overnight shift —, slots, required skills,
 * weekly repeats), and a service. Each problem is an i18n key under `lead.problem.*`.
 */
import {
  DEFAULT_CANCEL_CUTOFF_HOURS,
  DEFAULT_MIN_ATTENDANCE_PERCENT,
  MAX_WEEKLY_REPEATS,
  ServiceInput,
  ShiftInput,
  TeamInput,
  type Shift,
  type VolunteerService,
  type TeamPatch,
  type VolunteerSkill,
  type VolunteerTeam,
} from '../../../shared/schemas/volunteer'
import { shiftTimeProblem } from '../../../shared/rules/volunteer'
import { beijingDay, beijingInstant, toBeijingLocal } from '../../../shared/time/beijing'
import type { ServiceChange } from './lead-api'

type Problems<K extends string> = Partial<Record<K, string>>
export type Checked<T, K extends string> = { ok: true; value: T } | { ok: false; errors: Problems<K> }

// ---------- team ----------

export interface TeamFields {
  name: string
  description: string
  regionCode: string | null
  skills: VolunteerSkill[]
  minAttendancePercent: number | ''
  cancelCutoffHours: number | ''
}
export type TeamField = keyof TeamFields

export function teamFieldsOf(team?: VolunteerTeam): TeamFields {
  return {
    name: team?.name ?? '',
    description: team?.description ?? '',
    regionCode: team?.regionCode ?? null,
    skills: [...(team?.skills ?? [])],
    minAttendancePercent: team?.minAttendancePercent ?? DEFAULT_MIN_ATTENDANCE_PERCENT,
    cancelCutoffHours: team?.cancelCutoffHours ?? DEFAULT_CANCEL_CUTOFF_HOURS,
  }
}

const TeamValues = TeamInput.omit({ orgId: true })
export type TeamValues = Omit<TeamInput, 'orgId'>

/** The fields as TeamInput without the organisation, or a problem key per wrong field. */
export function checkTeam(f: TeamFields): Checked<TeamValues, TeamField> {
  const parsed = TeamValues.safeParse({
    ...f,
    name: f.name.trim(),
    description: f.description.trim(),
    regionCode: f.regionCode || null,
    minAttendancePercent: f.minAttendancePercent === '' ? undefined : f.minAttendancePercent,
    cancelCutoffHours: f.cancelCutoffHours === '' ? undefined : f.cancelCutoffHours,
  })
  if (parsed.success) return { ok: true, value: parsed.data }
  const errors: Problems<TeamField> = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as TeamField
    errors[field] ??= `lead.problem.${field}`
  }
  return { ok: false, errors }
}

/** Only what changed (skills compared as sets). */
export function teamPatchOf(team: VolunteerTeam, v: TeamValues): TeamPatch | null {
  const patch: Record<string, unknown> = {}
  if (v.name !== team.name) patch.name = v.name
  if (v.description !== team.description) patch.description = v.description
  if ((v.regionCode ?? null) !== team.regionCode) patch.regionCode = v.regionCode ?? null
  if ([...v.skills].sort().join() !== [...team.skills].sort().join()) patch.skills = v.skills
  if (v.minAttendancePercent !== team.minAttendancePercent) patch.minAttendancePercent = v.minAttendancePercent
  if (v.cancelCutoffHours !== team.cancelCutoffHours) patch.cancelCutoffHours = v.cancelCutoffHours
  return Object.keys(patch).length ? (patch as TeamPatch) : null
}

// ---------- shift ----------

export interface ShiftFields {
  /** the Beijing day it starts, YYYY-MM-DD */
  day: string
  /** Beijing wall-clock times, HH:MM */
  start: string
  end: string
  slots: number | ''
  requiredSkills: VolunteerSkill[]
  /** how many weeks in all (1 = this one only) */
  repeatWeeks: number | ''
}
export type ShiftField = keyof ShiftFields

/** A new shift's defaults: tomorrow (Beijing), 09:00–12:00, five slots, once. */
export function newShiftFields(now: Date): ShiftFields {
  return {
    day: beijingDay(new Date(now.getTime() + 86_400_000)),
    start: '09:00',
    end: '12:00',
    slots: 5,
    requiredSkills: [],
    repeatWeeks: 1,
  }
}

export function shiftFieldsOf(s: Shift): ShiftFields {
  return {
    day: beijingDay(s.startsAt),
    start: toBeijingLocal(s.startsAt).slice(11),
    end: toBeijingLocal(s.endsAt).slice(11),
    slots: s.slots,
    requiredSkills: [...s.requiredSkills],
    repeatWeeks: 1,
  }
}

const TIME = /^\d{2}:\d{2}$/
/** An end earlier than the start is on the next day (an overnight shift). */
export const isOvernight = (f: Pick<ShiftFields, 'start' | 'end'>) => TIME.test(f.start) && TIME.test(f.end) && f.end < f.start

/** The instants of the shift's first occurrence, or null when the day or a time is missing. */
export function shiftTimes(f: Pick<ShiftFields, 'day' | 'start' | 'end'>): { startsAt: string; endsAt: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.day) || !TIME.test(f.start) || !TIME.test(f.end)) return null
  const starts = beijingInstant(f.day, f.start)
  const ends = beijingInstant(f.day, f.end)
  if (Number.isNaN(starts.getTime()) || Number.isNaN(ends.getTime())) return null
  if (isOvernight(f)) ends.setTime(ends.getTime() + 86_400_000)
  return { startsAt: starts.toISOString(), endsAt: ends.toISOString() }
}

/** The fields as ShiftInput, or a problem key per wrong field (time problems next to the end). */
export function checkShift(f: ShiftFields): Checked<ShiftInput, ShiftField> {
  const errors: Problems<ShiftField> = {}
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.day)) errors.day = 'lead.problem.day'
  if (!TIME.test(f.start)) errors.start = 'lead.problem.start'
  if (!TIME.test(f.end)) errors.end = 'lead.problem.end'
  const times = shiftTimes(f)
  if (times) {
    const problem = shiftTimeProblem(times.startsAt, times.endsAt)
    if (problem) errors.end = `lead.problem.${problem}`
  }
  const parsed = ShiftInput.safeParse({
    ...(times ?? { startsAt: '', endsAt: '' }),
    slots: f.slots === '' ? undefined : f.slots,
    requiredSkills: f.requiredSkills,
    repeatWeeks: f.repeatWeeks === '' ? undefined : f.repeatWeeks,
  })
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path[0]
      if (field === 'slots' || field === 'repeatWeeks') errors[field] ??= `lead.problem.${field}`
    }
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, value: parsed.data }
}

export { MAX_WEEKLY_REPEATS }

// ---------- service ----------

export interface ServiceFields {
  title: string
  description: string
  venueAddress: string
  regionCode: string | null
  /** the hub (阵地) it takes place at, '' for none; choosing one fills venueAddress from the hub */
  hubId: string
}
export type ServiceField = keyof ServiceFields

/** What the service form sends: the shared ServiceInput, with the hub (`hubId`) when one is chosen. */
export type ServiceValues = ServiceInput
/** A service's PATCH: hubId null takes it away from its hub. */
export type ServiceChangeWithHub = ServiceChange

export const serviceFieldsOf = (s?: VolunteerService): ServiceFields => ({
  title: s?.title ?? '',
  description: s?.description ?? '',
  venueAddress: s?.venueAddress ?? '',
  regionCode: s?.regionCode ?? null,
  hubId: s?.hubId ?? '',
})

/** The fields as ServiceInput (no region: the team's) with the hub when one is chosen, or a problem key per wrong field. */
export function checkService(f: ServiceFields): Checked<ServiceValues, ServiceField> {
  const checked = checkServiceFields(f)
  if (!checked.ok || !f.hubId) return checked
  return { ok: true, value: { ...checked.value, hubId: f.hubId } }
}

function checkServiceFields(f: ServiceFields): Checked<ServiceInput, ServiceField> {
  const parsed = ServiceInput.safeParse({
    title: f.title.trim(),
    description: f.description.trim(),
    venueAddress: f.venueAddress.trim(),
    regionCode: f.regionCode || null,
  })
  if (parsed.success) return { ok: true, value: parsed.data }
  const errors: Problems<ServiceField> = {}
  for (const issue of parsed.error.issues) errors[issue.path[0] as ServiceField] ??= `lead.problem.${String(issue.path[0])}`
  return { ok: false, errors }
}

/** Only what changed. */
export function servicePatchOf(s: VolunteerService, v: ServiceValues): ServiceChangeWithHub | null {
  const patch: ServiceChangeWithHub = {}
  const hubBefore = s.hubId ?? null
  if ((v.hubId ?? null) !== hubBefore) patch.hubId = v.hubId ?? null
  if (v.title !== s.title) patch.title = v.title
  if (v.description !== s.description) patch.description = v.description
  if (v.venueAddress !== s.venueAddress) patch.venueAddress = v.venueAddress
  if ((v.regionCode ?? null) !== s.regionCode) patch.regionCode = v.regionCode ?? null
  return Object.keys(patch).length ? patch : null
}
