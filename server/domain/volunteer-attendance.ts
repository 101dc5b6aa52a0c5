/**
 * Attendance on a volunteer shift (`shift.attend`, the leader's desk, offline too): check in and out
 * by member card, member number, phone or the desk's own list (signupId), or a walk-in by name.
 *
 * As at the activity desk (docs/ARCHITECTURE.md "Check-in finds people only on the activity's
 * list"), a lookup answers only within the task's list: the shift's live sign-ups and the team's
 * active members. Anyone else — a phone, a number, even a valid card — is `not_on_list`, the same
 * answer as nobody at all; with a name the desk then adds a walk-in without an account. A team
 * member who came without signing up gets a sign-up of source `walk_in` (a place is taken).
 *
 * Check-in is open from 2 hours before the start to the end; check-out until 12 hours after the
 * end. Each attendance sets the hours pending with the minutes the team's rule gives
 * (shared/rules/volunteer.ts computeMinutes); the leader approves them. Applied attempts are audited
 * here; refused ones by the mutator through DomainError `keep`.
 */
import type { Executor } from '../db/database'
import { personByListKey, type ListKey } from '../db/activity-check-in.repository'
import { addShiftPlacesTaken, findShift, insertSignup, type ShiftWithService } from '../db/volunteer.repository'
import type { ShiftSignupRow } from '../db/volunteer.table'
import { nextVersion } from '../db/version'
import { DomainError } from '../errors'
import { audit, auditingRefusals } from './audit'
import { cardHolder } from './cards'
import type { DomainContext } from './context'
import { leadShift, rosterItemOf, ruleMinutes } from './volunteer-hours'
import type { CheckInMethod } from '../../shared/schemas/activity'
import { SHIFT_CHECK_IN_OPENS_MINUTES, SHIFT_CHECK_OUT_CLOSES_HOURS } from '../../shared/rules/volunteer'
import type { ShiftAttendArgs, ShiftRosterItem } from '../../shared/schemas/volunteer'
import type { DeviceSelf } from '../../shared/schemas/device'
import { assertAtHub, assertKioskIdentifies, kioskActorId, kioskHubOf, maskName } from './kiosk'

const HOUR = 3_600_000
const SHIFT_CHECK_IN_OPENS_HOURS = SHIFT_CHECK_IN_OPENS_MINUTES / 60

const NOT_ON_LIST =
  'nobody with this card, phone or member number is signed up for this shift or an active member of its team; add the person as a walk-in by name'

/** What the desk was given, for the audit entry (never the phone or number itself). */
export const attendMethodTried = (a: ShiftAttendArgs): CheckInMethod | 'signup' =>
  a.card !== undefined
    ? 'card'
    : a.memberNo !== undefined
      ? 'member_no'
      : a.phone !== undefined
        ? 'phone'
        : a.signupId !== undefined
          ? 'signup'
          : 'walk_in'

function windowProblem(shift: ShiftWithService, direction: 'in' | 'out', now: Date) {
  const t = now.getTime()
  const start = Date.parse(shift.starts_at)
  const end = Date.parse(shift.ends_at)
  if (direction === 'in') {
    if (t < start - SHIFT_CHECK_IN_OPENS_HOURS * HOUR)
      return new DomainError(
        'check_in_not_open',
        `check-in opens at ${new Date(start - SHIFT_CHECK_IN_OPENS_HOURS * HOUR).toISOString()}, ${SHIFT_CHECK_IN_OPENS_HOURS} hours before the start`,
      )
    if (t > end) return new DomainError('check_in_closed', 'check-in closed when the shift ended')
  } else if (t > end + SHIFT_CHECK_OUT_CLOSES_HOURS * HOUR) {
    return new DomainError('check_in_closed', `check-out closed ${SHIFT_CHECK_OUT_CLOSES_HOURS} hours after the shift ended`)
  }
  return null
}

/** The person this key names, only among the shift's live sign-ups and the team's active members. */
function onList(db: Executor, shift: ShiftWithService, key: ListKey) {
  return personByListKey(db, key)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('shift_signups as g')
            .select('g.id')
            .whereRef('g.user_id', '=', 'u.id')
            .where('g.shift_id', '=', shift.id)
            .where((w) => w.or([w('g.status', 'in', ['signed_up', 'waitlisted']), w('g.checked_in_at', 'is not', null)])),
        ),
        eb.exists(
          eb
            .selectFrom('team_members as t')
            .select('t.id')
            .whereRef('t.user_id', '=', 'u.id')
            .where('t.team_id', '=', shift.team_id)
            .where('t.status', '=', 'active'),
        ),
      ]),
    )
    .executeTakeFirst()
}

/** The person's sign-up on the shift that counts for attendance: a live one, or the one they were checked in on. */
function signupOf(db: Executor, shiftId: string, userId: string): Promise<ShiftSignupRow | undefined> {
  return db
    .selectFrom('shift_signups')
    .selectAll()
    .where('shift_id', '=', shiftId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('status', 'in', ['signed_up', 'waitlisted']), eb('checked_in_at', 'is not', null)]))
    .orderBy('seq', 'desc')
    .executeTakeFirst()
}

/** `method` null: picked from the desk's own list by hand; `printedName` when a card was shown */
type Found = { signup: ShiftSignupRow | undefined; userId: string | null; method: CheckInMethod | null; printedName?: string }

/** Whom the desk means: a sign-up of the shift, a listed person (maybe not signed up yet), or a walk-in by name. */
async function identify(
  { trx, clock }: Pick<DomainContext, 'trx' | 'clock'>,
  shift: ShiftWithService,
  args: ShiftAttendArgs,
): Promise<Found> {
  if (args.signupId !== undefined) {
    const signup = await trx.selectFrom('shift_signups').selectAll().where('id', '=', args.signupId).executeTakeFirst()
    const live =
      signup && signup.shift_id === shift.id && (signup.status === 'signed_up' || signup.status === 'waitlisted' || signup.checked_in_at)
    if (!live) throw new DomainError('not_on_list', 'this sign-up is not on the list of this shift')
    return { signup, userId: signup.user_id, method: signup.user_id ? null : 'walk_in' }
  }
  let key: ListKey | null = null
  let method: CheckInMethod = 'walk_in'
  let printedName: string | undefined
  if (args.card !== undefined) {
    const holder = await cardHolder(trx, args.card, clock.now())
    key = { userId: holder.userId }
    printedName = holder.printedName
    method = 'card'
  } else if (args.memberNo !== undefined) {
    key = { memberNo: args.memberNo }
    method = 'member_no'
  } else if (args.phone !== undefined) {
    key = { phone: args.phone }
    method = 'phone'
  }
  const listed = key && (await onList(trx, shift, key))
  if (listed) return { signup: await signupOf(trx, shift.id, listed.user_id), userId: listed.user_id, method, printedName }
  if (args.name === undefined || args.direction === 'out') throw new DomainError('not_on_list', NOT_ON_LIST)
  return { signup: undefined, userId: null, method: 'walk_in' }
}

/** The attendance itself, by a leader's desk or a hub's kiosk (`actorId`: the leader's id or `device:<id>`). */
async function recordAttendance(
  ctx: Pick<DomainContext, 'trx' | 'clock'>,
  actorId: string,
  shift: ShiftWithService,
  team: { org_id: string; min_attendance_percent: number },
  args: ShiftAttendArgs,
  auditDetail: Record<string, unknown> = {},
): Promise<{ signup: ShiftSignupRow; found: Found }> {
  const { trx, clock } = ctx
  const now = clock.now()
  if (shift.status === 'cancelled') throw new DomainError('shift_cancelled', 'this shift has been cancelled')
  const problem = windowProblem(shift, args.direction, now)
  if (problem) throw problem
  const found = await identify(ctx, shift, args)
  let signup = found.signup
  const at = now.toISOString()
  if (args.direction === 'in') {
    if (signup?.checked_in_at) throw new DomainError('already_checked_in', `this person was already checked in at ${signup.checked_in_at}`)
    if (!signup) {
      if (await trx.selectFrom('shift_signups').select('id').where('id', '=', args.attendId).executeTakeFirst())
        throw new DomainError('signup_id_taken', 'this attendance id is already in use')
      signup = await insertSignup(trx, {
        id: args.attendId,
        shiftId: shift.id,
        teamId: shift.team_id,
        userId: found.userId,
        walkInName: found.userId ? null : (args.name ?? null),
        status: 'signed_up',
        source: 'walk_in',
        assignedBy: actorId,
        now,
      })
      await addShiftPlacesTaken(trx, shift.id, 1, now)
    } else if (signup.status === 'waitlisted') {
      // came from the waitlist: they hold a place now
      await addShiftPlacesTaken(trx, shift.id, 1, now)
    }
  } else {
    if (!signup?.checked_in_at) throw new DomainError('not_checked_in', 'this person has not been checked in to this shift')
    if (signup.checked_out_at)
      throw new DomainError('already_checked_out', `this person was already checked out at ${signup.checked_out_at}`)
  }
  const attended =
    args.direction === 'in' ? { checked_in_at: at, checked_out_at: null } : { checked_in_at: signup.checked_in_at, checked_out_at: at }
  const checkIn =
    args.direction === 'in' ? { status: 'signed_up' as const, check_in_method: found.method, checked_in_by: actorId, no_show: 0 } : {}
  await trx
    .updateTable('shift_signups')
    .set({
      ...attended,
      ...checkIn,
      hours_status: 'pending',
      credited_minutes: ruleMinutes(shift, attended, team.min_attendance_percent),
      updated_at: at,
      version: await nextVersion(trx),
    })
    .where('id', '=', signup.id)
    .execute()
  await audit(trx, {
    actorId,
    action: args.direction === 'in' ? 'volunteer.check_in' : 'volunteer.check_out',
    orgId: team.org_id,
    target: shift.id,
    detail: { attendId: args.attendId, signupId: signup.id, method: attendMethodTried(args), subject: found.userId, ...auditDetail },
    at: now,
  })
  return { signup, found }
}

async function applyAttend(ctx: DomainContext, args: ShiftAttendArgs): Promise<ShiftRosterItem> {
  const { shift, team } = await leadShift(ctx.trx, ctx.user, args.shiftId)
  const { signup } = await recordAttendance(ctx, ctx.user.id, shift, team, args)
  return rosterItemOf(ctx.trx, signup.id, shift, team.min_attendance_percent)
}

/** shift.attend: a leader of the shift's team checks a person in or out; every attempt audited (refusals by the caller's keep). */
export async function attendShift(ctx: DomainContext, args: ShiftAttendArgs): Promise<ShiftRosterItem> {
  // asked first: a refusal's audit entry names the organisation without touching the failed attempt
  const org = await ctx.trx
    .selectFrom('shifts as s')
    .innerJoin('volunteer_teams as t', 't.id', 's.team_id')
    .select('t.org_id')
    .where('s.id', '=', args.shiftId)
    .executeTakeFirst()
  return auditingRefusals(
    () => applyAttend(ctx, args),
    (code) => ({
      actorId: ctx.user.id,
      action: 'volunteer.check_in_refused',
      orgId: org?.org_id ?? null,
      target: args.shiftId,
      detail: { attendId: args.attendId, direction: args.direction, method: attendMethodTried(args), code },
      at: ctx.clock.now(),
    }),
  )
}

/** What a kiosk learns of an attendance: no person's id, phone or full name. */
export interface KioskAttendance {
  shiftId: string
  /** the card's printed name for a card, else the name masked (王*) */
  name: string
  direction: 'in' | 'out'
  at: string
}

async function applyKioskAttend(ctx: KioskContext, args: ShiftAttendArgs): Promise<KioskAttendance> {
  const { trx, device } = ctx
  kioskHubOf(device)
  const shift = await findShift(trx, args.shiftId)
  if (!shift) throw new DomainError('shift_not_found', 'there is no such shift')
  const service = await trx.selectFrom('volunteer_services').select('hub_id').where('id', '=', shift.service_id).executeTakeFirstOrThrow()
  assertAtHub(device, service.hub_id)
  assertKioskIdentifies(args)
  const team = await trx
    .selectFrom('volunteer_teams')
    .select(['org_id', 'min_attendance_percent'])
    .where('id', '=', shift.team_id)
    .executeTakeFirstOrThrow()
  const { signup, found } = await recordAttendance(ctx, kioskActorId(device), shift, team, args, { deviceId: device.id })
  const name = found.printedName ?? maskName((await personName(trx, signup.user_id)) ?? '')
  return { shiftId: shift.id, name, direction: args.direction, at: ctx.clock.now().toISOString() }
}

const personName = async (db: Executor, userId: string | null) =>
  userId ? (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name : undefined

export interface KioskContext extends Pick<DomainContext, 'trx' | 'clock'> {
  device: DeviceSelf
}

/**
 * shift.attend by a hub's kiosk (issue 14): only shifts whose service is at its hub (else not_at_hub),
 * by card, member number or phone only (invalid_args otherwise), among the shift's and the team's
 * people as at a desk; every attempt audited with `device:<id>` as the actor.
 */
export async function kioskAttendShift(ctx: KioskContext, args: ShiftAttendArgs): Promise<KioskAttendance> {
  const org = await ctx.trx
    .selectFrom('shifts as s')
    .innerJoin('volunteer_teams as t', 't.id', 's.team_id')
    .select('t.org_id')
    .where('s.id', '=', args.shiftId)
    .executeTakeFirst()
  return auditingRefusals(
    () => applyKioskAttend(ctx, args),
    (code) => ({
      actorId: kioskActorId(ctx.device),
      action: 'volunteer.check_in_refused',
      orgId: org?.org_id ?? null,
      target: args.shiftId,
      detail: { attendId: args.attendId, direction: args.direction, method: attendMethodTried(args), code, deviceId: ctx.device.id },
      at: ctx.clock.now(),
    }),
  )
}
