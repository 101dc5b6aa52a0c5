/**
 * The organiser's publish/edit form as plain data: Beijing datetime-local inputs ↔ ISO instants in
 * UTC (shared/time/beijing.ts), sensible defaults, validation with the shared schema and schedule rule (problems are keys the view
 * translates), and the PATCH of only the fields that changed.
 */
import {
  ActivityInput,
  DEFAULT_CHECK_IN_OPENS_MINUTES,
  type Activity,
  type ActivityAudience,
  type ActivityKind,
  type ActivityPatch,
} from '../../../shared/schemas/activity'
import { scheduleProblem, type ScheduleProblem } from '../../../shared/rules/activity'
import { beijingDay, beijingInstant, fromBeijingLocal, toBeijingLocal } from '../../../shared/time/beijing'
import { textProblemKey, type TextProblemKey } from '../../i18n/text-problem'

export interface ActivityForm {
  orgId: string
  kind: ActivityKind
  title: string
  description: string
  venueAddress: string
  /** the hub (阵地) it takes place at, '' for none; choosing one fills venueAddress from the hub */
  hubId: string
  /** where it happens (the region picker's code), '' for the organiser's region on publish, national on edit */
  regionCode: string
  /** `<input type="datetime-local">` values, in Beijing time (the venues are in China; no DST) */
  startsAt: string
  endsAt: string
  registrationOpensAt: string
  registrationClosesAt: string
  /** v-model.number gives '' for an empty box */
  capacity: number | string
  requiresApproval: boolean
  audience: ActivityAudience
  creditHours: number | string
  /** minutes before the start that check-in opens (it closes at the end) */
  checkInOpensMinutesBefore: number | string
}
export type FormField = keyof ActivityForm
/**
 * A field's own problem is the field name (organiser.problem.<field>); the schedule rule adds its
 * codes; invisible or control characters in a text field are the global validation.text.* key.
 */
export type FormProblem = FormField | ScheduleProblem | 'capacity_below_taken' | TextProblemKey
export type FormErrors = Partial<Record<FormField, FormProblem>>

const TIME_FIELDS = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const

/** A new activity: tomorrow 14:00–16:00 Beijing time, registration from now until it starts, 50 places, open to the public. */
export function defaultForm(now: Date, orgId = ''): ActivityForm {
  const tomorrow = beijingDay(new Date(now.getTime() + 86_400_000))
  const start = beijingInstant(tomorrow, '14:00')
  const end = beijingInstant(tomorrow, '16:00')
  return {
    orgId,
    kind: 'popularization',
    title: '',
    description: '',
    venueAddress: '',
    hubId: '',
    regionCode: '',
    startsAt: toBeijingLocal(start),
    endsAt: toBeijingLocal(end),
    registrationOpensAt: toBeijingLocal(now),
    registrationClosesAt: toBeijingLocal(start),
    capacity: 50,
    requiresApproval: false,
    audience: 'public',
    creditHours: 0,
    checkInOpensMinutesBefore: DEFAULT_CHECK_IN_OPENS_MINUTES,
  }
}

export function formFromActivity(a: Activity): ActivityForm {
  return {
    orgId: a.orgId,
    kind: a.kind,
    title: a.title,
    description: a.description,
    venueAddress: a.venueAddress,
    hubId: a.hubId ?? '',
    regionCode: a.regionCode ?? '',
    startsAt: toBeijingLocal(a.startsAt),
    endsAt: toBeijingLocal(a.endsAt),
    registrationOpensAt: toBeijingLocal(a.registrationOpensAt),
    registrationClosesAt: toBeijingLocal(a.registrationClosesAt),
    capacity: a.capacity,
    requiresApproval: a.requiresApproval,
    audience: a.audience,
    creditHours: a.creditHours,
    checkInOpensMinutesBefore: a.checkInOpensMinutesBefore ?? DEFAULT_CHECK_IN_OPENS_MINUTES,
  }
}

/** Which field a schedule problem belongs next to. */
export const SCHEDULE_FIELD: Record<ScheduleProblem, FormField> = {
  ends_before_start: 'endsAt',
  registration_window_inverted: 'registrationClosesAt',
  registration_closes_after_end: 'registrationClosesAt',
}

const numberOf = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v))

/** What the form sends: the shared ActivityInput, with `hubId` only when a hub is chosen (the form adds it after the schema check). */
export type ActivityFormInput = ActivityInput & { hubId?: string | null }

/** The form as an ActivityInput, or the problems per field (shared zod schema first, then the schedule rule). */
export function validateForm(form: ActivityForm): { ok: true; input: ActivityFormInput } | { ok: false; errors: FormErrors } {
  const { hubId, ...fields } = form
  const candidate = {
    ...fields,
    orgId: form.orgId.trim(),
    regionCode: form.regionCode || undefined,
    capacity: numberOf(form.capacity),
    creditHours: numberOf(form.creditHours),
    checkInOpensMinutesBefore: numberOf(form.checkInOpensMinutesBefore),
    ...Object.fromEntries(TIME_FIELDS.map((f) => [f, fromBeijingLocal(form[f]) ?? ''])),
  }
  const parsed = ActivityInput.safeParse(candidate)
  if (!parsed.success) {
    const errors: FormErrors = {}
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FormField | undefined
      if (field && field in form && !errors[field]) errors[field] = textProblemKey(issue) ?? field
    }
    return { ok: false, errors }
  }
  const problem = scheduleProblem(parsed.data)
  if (problem) return { ok: false, errors: { [SCHEDULE_FIELD[problem]]: problem } }
  // a new activity names its hub only when one is chosen
  return { ok: true, input: hubId ? { ...parsed.data, hubId } : parsed.data }
}

const minute = (iso: string) => Math.floor(new Date(iso).getTime() / 60_000)

/** Only what differs from the activity as loaded (times compared to the minute the inputs can show). */
export function patchOf(current: Activity, input: ActivityFormInput): ActivityPatch {
  const patch: Record<string, unknown> = {}
  for (const f of [
    'kind',
    'title',
    'description',
    'venueAddress',
    'capacity',
    'requiresApproval',
    'audience',
    'creditHours',
    'checkInOpensMinutesBefore',
  ] as const) {
    if (input[f] !== current[f]) patch[f] = input[f]
  }
  for (const f of TIME_FIELDS) if (minute(input[f]) !== minute(current[f])) patch[f] = input[f]
  // a cleared region makes the activity national
  if ((input.regionCode ?? null) !== current.regionCode) patch.regionCode = input.regionCode ?? null
  // a cleared hub takes the activity away from it (the schema's patch carries hubId)
  if ((input.hubId ?? null) !== (current.hubId ?? null)) patch.hubId = input.hubId ?? null
  return patch as ActivityPatch
}
