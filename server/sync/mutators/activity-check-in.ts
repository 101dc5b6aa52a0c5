/**
 * activity.checkIn, authoritatively. Looking a person up is a disclosure, so the desk finds people
 * only on the activity's own list (live registrations and check-ins already made there): a phone or
 * member number of anyone else answers `not_on_list` — the same answer as a number nobody has, with
 * no name and no id — and the person is then checked in as a walk-in by name. A member card is the
 * holder's own consent: a valid card of someone not on the list checks them in (attendance and hours
 * are theirs), and the answer carries only the name printed on the card, never their id.
 *
 * Check-in is accepted only inside the check-in window (shared/rules/activity.ts `checkInProblem`),
 * asked before anyone is looked up. Every attempt that reaches this mutator — applied or refused — is
 * audited: an applied one in its own transaction, a refused one through `DomainError's keep`, which the
 * push engine writes after rolling the attempt back.
 */
import { activityCheckIn } from '../../../shared/mutations/activity'
import { checkInOpensAt, checkInProblem } from '../../../shared/rules/activity'
import type { ActivityCheckInArgs, CheckIn, CheckInMethod } from '../../../shared/schemas/activity'
import { activityFacts, findActivity } from '../../db/activity.repository'
import type { ActivityRow } from '../../db/activity.table'
import { checkInOf, findCheckIn, insertCheckIn, listedPerson, toCheckIn } from '../../db/activity-check-in.repository'
import type { Executor } from '../../db/database'
import { audit, auditingRefusals } from '../../domain/audit'
import { canOrganise } from '../../domain/authz'
import { cardHolder } from '../../domain/cards'
import { DomainError } from '../../errors'
import { isUniqueViolation } from '../../db/unique'
import { assertAtHub, assertKioskIdentifies, kioskActorId, kioskHubOf, maskName } from '../../domain/kiosk'
import { defineServerMutator, type DeviceMutatorContext, type MutatorContext } from './define'

const MESSAGES = {
  activity_not_found: 'there is no such activity',
  forbidden: 'only the organiser can check people in',
  activity_cancelled: 'this activity has been cancelled',
  check_in_closed: 'check-in closed when the activity ended',
  check_in_id_taken: 'this check-in id is already in use',
  not_on_list:
    'nobody with this phone or member number is on the list of this activity (registered, waitlisted or awaiting approval); check the person in as a walk-in by name',
} as const

/** What the desk was given, for the audit entry (never the phone or number itself). */
const methodTried = (a: ActivityCheckInArgs): CheckInMethod =>
  a.card !== undefined ? 'card' : a.memberNo !== undefined ? 'member_no' : a.phone !== undefined ? 'phone' : 'walk_in'

interface Who {
  userId: string | null
  name: string
  method: CheckInMethod
  /** on the activity's list: the organiser may learn the person's id */
  listed: boolean
  /** the name printed on the card, when a card was shown */
  printedName?: string
}

/** Who the organiser means, found only on this activity's list — or a walk-in by name. */
async function identify(trx: Executor, activity: ActivityRow, args: ActivityCheckInArgs, now: Date): Promise<Who> {
  if (args.card !== undefined) {
    const holder = await cardHolder(trx, args.card, now)
    const listed = await listedPerson(trx, activity.id, { userId: holder.userId })
    // not on the list: the card's own printed name, which the desk has just read from it anyway
    return {
      userId: holder.userId,
      name: listed?.name ?? holder.printedName,
      method: 'card',
      listed: !!listed,
      printedName: holder.printedName,
    }
  }
  const key = args.memberNo !== undefined ? { memberNo: args.memberNo } : args.phone !== undefined ? { phone: args.phone } : null
  const listed = key && (await listedPerson(trx, activity.id, key))
  if (listed)
    return { userId: listed.user_id, name: listed.name, method: args.memberNo !== undefined ? 'member_no' : 'phone', listed: true }
  if (args.name === undefined) throw new DomainError('not_on_list', MESSAGES.not_on_list)
  return { userId: null, name: args.name, method: 'walk_in', listed: false }
}

/** Open for check-in now (not cancelled, inside the window) and the check-in id is new: asked before anyone is looked up. */
async function assertCheckInOpen(trx: Executor, activity: ActivityRow, args: ActivityCheckInArgs, now: Date) {
  if (activity.status === 'cancelled') throw new DomainError('activity_cancelled', MESSAGES.activity_cancelled)
  const facts = activityFacts(activity)
  const problem = checkInProblem(facts, now)
  if (problem === 'check_in_not_open') {
    throw new DomainError(
      problem,
      `check-in opens at ${checkInOpensAt(facts).toISOString()}, ${facts.checkInOpensMinutesBefore} minutes before the start`,
    )
  }
  if (problem === 'check_in_closed') throw new DomainError(problem, MESSAGES.check_in_closed)
  if (await findCheckIn(trx, args.checkInId)) throw new DomainError('check_in_id_taken', MESSAGES.check_in_id_taken)
}

/** Inserts the check-in of `who` once: a second one of the same person answers already_checked_in. */
async function insertOnce(trx: Executor, activity: ActivityRow, args: ActivityCheckInArgs, who: Who, by: string, now: Date) {
  // the name stays out of the message: the desk knows whom it asked about
  const already = async (userId: string) => {
    const first = await checkInOf(trx, activity.id, userId)
    return first && new DomainError('already_checked_in', `this person was already checked in at ${first.at}`)
  }
  const dup = who.userId ? await already(who.userId) : undefined
  if (dup) throw dup
  try {
    return await insertCheckIn(trx, {
      id: args.checkInId,
      activityId: activity.id,
      userId: who.userId,
      walkInName: who.userId ? null : who.name,
      method: who.method,
      by,
      at: now,
    })
  } catch (err) {
    if (who.userId && isUniqueViolation(err)) throw (await already(who.userId)) ?? err
    throw err
  }
}

async function apply({ trx, user, clock }: MutatorContext, args: ActivityCheckInArgs, activity: ActivityRow | undefined): Promise<CheckIn> {
  const now = clock.now()
  if (!activity) throw new DomainError('activity_not_found', MESSAGES.activity_not_found)
  if (!(await canOrganise(trx, user, activity.org_id))) throw new DomainError('forbidden', MESSAGES.forbidden)
  await assertCheckInOpen(trx, activity, args, now)
  const who = await identify(trx, activity, args, now)
  const row = await insertOnce(trx, activity, args, who, user.id, now)
  await audit(trx, {
    actorId: user.id,
    action: 'activity.check_in',
    orgId: activity.org_id,
    target: activity.id,
    detail: { checkInId: row.id, method: who.method, subject: who.userId, listed: who.listed },
    at: now,
  })
  const answer = toCheckIn(row, who.name)
  return who.listed ? answer : { ...answer, userId: null }
}

/**
 * A hub's kiosk (issue 14): only activities at its hub (else not_at_hub), by card, member number or
 * phone only (a walk-in name is invalid_args; a phone or number not on the list is not_on_list, with no
 * walk-in to fall back on); the window rules as at a desk. `checked_in_by` is `device:<id>` (the
 * column names no user and has no foreign key). The answer carries no user id and no full name: the
 * card's printed name for a card (the person holds it up), else the name masked (王*).
 */
async function applyKiosk({ trx, device, clock }: DeviceMutatorContext, args: ActivityCheckInArgs, activity: ActivityRow | undefined) {
  const now = clock.now()
  kioskHubOf(device)
  if (!activity) throw new DomainError('activity_not_found', MESSAGES.activity_not_found)
  assertAtHub(device, activity.hub_id)
  assertKioskIdentifies(args)
  await assertCheckInOpen(trx, activity, args, now)
  const who = await identify(trx, activity, args, now)
  const row = await insertOnce(trx, activity, args, who, kioskActorId(device), now)
  await audit(trx, {
    actorId: kioskActorId(device),
    action: 'activity.check_in',
    orgId: activity.org_id,
    target: activity.id,
    detail: { checkInId: row.id, method: who.method, subject: who.userId, listed: who.listed, deviceId: device.id },
    at: now,
  })
  return { ...toCheckIn(row, who.printedName ?? maskName(who.name)), userId: null }
}

const refusedEntry =
  (actorId: string, activity: ActivityRow | undefined, args: ActivityCheckInArgs, now: Date, extra = {}) =>
  (code: string) => ({
    actorId,
    action: 'activity.check_in_refused',
    orgId: activity?.org_id ?? null,
    target: args.activityId,
    detail: { checkInId: args.checkInId, method: methodTried(args), code, ...extra },
    at: now,
  })

/** activity.checkIn: only an organiser (or a kiosk at the activity's hub), inside the check-in window, a person once; every attempt audited. */
export const activityCheckInMutator = defineServerMutator(
  activityCheckIn,
  async (ctx, args) => {
    const activity = await findActivity(ctx.trx, args.activityId)
    return auditingRefusals(() => apply(ctx, args, activity), refusedEntry(ctx.user.id, activity, args, ctx.clock.now()))
  },
  async (ctx, args) => {
    const activity = await findActivity(ctx.trx, args.activityId)
    return auditingRefusals(
      () => applyKiosk(ctx, args, activity),
      refusedEntry(kioskActorId(ctx.device), activity, args, ctx.clock.now(), { deviceId: ctx.device.id }),
    )
  },
)
