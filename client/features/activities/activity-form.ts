/**
 * The organiser's publish/edit form as plain data: local date-time inputs ↔ ISO instants in UTC,
 * sensible defaults, validation with the shared schema and schedule rule (problems are keys the view
 * translates), and the PATCH of only the fields that changed.
 */
import { ActivityInput, DEFAULT_CHECK_IN_OPENS_MINUTES, type Activity, type ActivityAudience, type ActivityKind, type ActivityPatch } from '../../../shared/schemas/activity'
import { scheduleProblem, type ScheduleProblem } from '../../../shared/rules/activity'
import { textProblemKey, type TextProblemKey } from '../../i18n/text-problem'

export interface ActivityForm {
  orgId: string
  kind: ActivityKind
  title: string
  description: string
  venueAddress: string
  /** `<input type="datetime-local">` values, in Beijing time (the venues are in China; no DST) */
  startsAt: string
  endsAt: string
  registrationOpensAt: string
  registrationClosesAt: string
  /** v-model.number gives '' for an empty box */
  capacity: number | string
  requiresApproval: boolean
  audience: ActivityAudience
  hours: number | string
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
const pad = (n: number) => String(n).padStart(2, '0')

/** China Standard Time has been UTC+8 all year since 1991: a fixed offset is exact. */
const BEIJING_OFFSET_MS = 8 * 3_600_000

/**
 * An instant as a datetime-local value in Beijing time ('' for an invalid one). Activity times
 * are entered and shown in Beijing time whatever the device's zone, like the member screens.
 */
export function toLocalInput(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  if (Number.isNaN(d.getTime())) return ''
  const b = new Date(d.getTime() + BEIJING_OFFSET_MS)
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}T${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`
}

/** A datetime-local value (read as Beijing time) as an ISO instant in UTC, or null when empty or malformed. */
export function fromLocalInput(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(local)) return null
  const d = new Date(`${local}+08:00`)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** A new activity: tomorrow 14:00–16:00 Beijing time, registration from now until it starts, 50 places, open to the public. */
export function defaultForm(now: Date, orgId = ''): ActivityForm {
  const tomorrow = toLocalInput(new Date(now.getTime() + 86_400_000)).slice(0, 10)
  const start = new Date(`${tomorrow}T14:00:00+08:00`)
  const end = new Date(`${tomorrow}T16:00:00+08:00`)
  return {
    orgId, kind: 'popularization', title: '', description: '', venueAddress: '',
    startsAt: toLocalInput(start), endsAt: toLocalInput(end), registrationOpensAt: toLocalInput(now), registrationClosesAt: toLocalInput(start),
    capacity: 50, requiresApproval: false, audience: 'public', hours: 0, checkInOpensMinutesBefore: DEFAULT_CHECK_IN_OPENS_MINUTES,
  }
}

export function formFromActivity(a: Activity): ActivityForm {
  return {
    orgId: a.orgId, kind: a.kind, title: a.title, description: a.description, venueAddress: a.venueAddress,
    startsAt: toLocalInput(a.startsAt), endsAt: toLocalInput(a.endsAt),
    registrationOpensAt: toLocalInput(a.registrationOpensAt), registrationClosesAt: toLocalInput(a.registrationClosesAt),
    capacity: a.capacity, requiresApproval: a.requiresApproval, audience: a.audience, hours: a.hours,
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

/** The form as an ActivityInput, or the problems per field (shared zod schema first, then the schedule rule). */
export function validateForm(form: ActivityForm): { ok: true; input: ActivityInput } | { ok: false; errors: FormErrors } {
  const candidate = {
    ...form,
    orgId: form.orgId.trim(),
    capacity: numberOf(form.capacity),
    hours: numberOf(form.hours),
    checkInOpensMinutesBefore: numberOf(form.checkInOpensMinutesBefore),
    ...Object.fromEntries(TIME_FIELDS.map((f) => [f, fromLocalInput(form[f]) ?? ''])),
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
  return { ok: true, input: parsed.data }
}

const minute = (iso: string) => Math.floor(new Date(iso).getTime() / 60_000)

/** Only what differs from the activity as loaded (times compared to the minute the inputs can show). */
export function patchOf(current: Activity, input: ActivityInput): ActivityPatch {
  const patch: Record<string, unknown> = {}
  for (const f of ['kind', 'title', 'description', 'venueAddress', 'capacity', 'requiresApproval', 'audience', 'hours', 'checkInOpensMinutesBefore'] as const) {
    if (input[f] !== current[f]) patch[f] = input[f]
  }
  for (const f of TIME_FIELDS) if (minute(input[f]) !== minute(current[f])) patch[f] = input[f]
  return patch as ActivityPatch
}
