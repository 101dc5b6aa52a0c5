/**
 * Authoritative apply of the activity mutations. The push engine runs each in its own transaction
 * and SQLite has one writer, so "count the places, then take one" cannot interleave: capacity is
 * never exceeded and the waitlist is in server processing order (`seq`). The unique "live" index on
 * (activity, person) and (activity, person) for check-ins are the second guard.
 */
import { activityCancel, activityCheckIn, activityRegister } from '../../../shared/mutations/activity'
import { HOLDS_PLACE, cancelProblem, initialRegistrationStatus, registerProblem } from '../../../shared/rules/activity'
import { verifyCard } from '../../../shared/rules/card'
import type { RegistrationStatus } from '../../../shared/schemas/activity'
import { activityFacts, addPlacesTaken, findActivity } from '../../db/activity.repository'
import {
  endRegistration, findRegistration, insertRegistration, isMemberOfOrgTree, liveRegistration, registrationView,
} from '../../db/activity-registration.repository'
import { checkInOf, findCheckIn, insertCheckIn, memberByMembershipId, memberByNumber, personByPhone, toCheckIn } from '../../db/activity-check-in.repository'
import { canOrganise } from '../../domain/authz'
import { publishedKeys } from '../../domain/cards'
import type { Executor } from '../../db/database'
import { Rejection } from '../rejection'
import { defineServerMutator } from './define'

const REGISTER_MESSAGES = {
  activity_not_found: 'there is no such activity',
  activity_cancelled: 'this activity has been cancelled',
  registration_not_open: 'registration for this activity has not opened yet',
  registration_closed: 'registration for this activity is closed',
  members_only: 'this activity is for members of the organiser only',
  already_registered: 'you are already registered (or on the waitlist) for this activity',
} as const

const isUniqueViolation = (err: unknown) => /UNIQUE|unique/.test(String(err))

/** activity.register: a place if one is free (pending approval where asked), else the end of the waitlist. */
export const activityRegisterMutator = defineServerMutator(activityRegister, async ({ trx, user, clock }, args) => {
  const now = clock.now()
  const activity = await findActivity(trx, args.activityId)
  const live = activity ? await liveRegistration(trx, activity.id, user.id) : undefined
  const isMember = activity?.audience === 'members' ? await isMemberOfOrgTree(trx, user.id, activity.org_id) : true
  const problem = registerProblem(activity && activityFacts(activity), { isMember, liveRegistration: live !== undefined }, now)
  if (problem) throw new Rejection(problem, REGISTER_MESSAGES[problem])
  if (await findRegistration(trx, args.registrationId)) throw new Rejection('registration_id_taken', 'this registration id is already in use; register again')
  const status = initialRegistrationStatus(activityFacts(activity!))
  try {
    const row = await insertRegistration(trx, { id: args.registrationId, activityId: activity!.id, userId: user.id, status, now })
    if (HOLDS_PLACE.includes(status)) await addPlacesTaken(trx, activity!.id, 1, now)
    return await registrationView(trx, row)
  } catch (err) {
    if (isUniqueViolation(err)) throw new Rejection('already_registered', REGISTER_MESSAGES.already_registered)
    throw err
  }
})

/** activity.cancel: the person withdraws; a place they held goes to the head of the waitlist in the same transaction. */
export const activityCancelMutator = defineServerMutator(activityCancel, async ({ trx, user, clock }, args) => {
  const now = clock.now()
  const reg = await findRegistration(trx, args.registrationId)
  // someone else's registration answers like a missing one: ids are not a way to probe
  if (!reg || reg.user_id !== user.id) throw new Rejection('not_found', 'no such registration')
  const activity = (await findActivity(trx, reg.activity_id))!
  const problem = cancelProblem(reg.status as RegistrationStatus, activityFacts(activity), now)
  if (problem === 'not_live') throw new Rejection('not_live', `this registration is ${reg.status}; there is nothing to cancel`)
  if (problem === 'activity_started') throw new Rejection('activity_started', 'the activity has started; the registration can no longer be cancelled')
  const { registration } = await endRegistration(trx, reg, 'cancelled', now)
  return await registrationView(trx, registration)
})

/** Who the organiser means: a verified card, a member number, a phone — or a walk-in by name. */
async function identify(trx: Executor, args: { card?: string; memberNo?: string; phone?: string; name?: string }, now: Date) {
  if (args.card !== undefined) {
    const keys = await publishedKeys(trx, now)
    const check = await verifyCard(args.card, keys.map((k) => ({ kid: k.kid, jwk: k.jwk })), now)
    if (!check.ok) throw new Rejection('card_invalid', `this member card cannot be accepted (${check.reason})`)
    const member = await memberByMembershipId(trx, check.card.m)
    if (!member || member.status !== 'active') throw new Rejection('card_revoked', 'this member card is no longer valid')
    return { userId: member.user_id, name: member.name, method: 'card' as const }
  }
  const found = args.memberNo !== undefined ? await memberByNumber(trx, args.memberNo) : args.phone !== undefined ? await personByPhone(trx, args.phone) : undefined
  if (found) return { userId: found.user_id, name: found.name, method: args.memberNo !== undefined ? ('member_no' as const) : ('phone' as const) }
  if (args.name === undefined) throw new Rejection('member_not_found', 'nobody with this member number or phone; add them as a walk-in with a name')
  return { userId: null, name: args.name, method: 'walk_in' as const }
}

/** activity.checkIn: only an organiser (a delegated organiser, or an admin of the organisation or one above it); a person once. */
export const activityCheckInMutator = defineServerMutator(activityCheckIn, async ({ trx, user, clock }, args) => {
  const now = clock.now()
  const activity = await findActivity(trx, args.activityId)
  if (!activity) throw new Rejection('activity_not_found', REGISTER_MESSAGES.activity_not_found)
  if (!(await canOrganise(trx, user, activity.org_id))) throw new Rejection('forbidden', 'only the organiser can check people in')
  if (activity.status === 'cancelled') throw new Rejection('activity_cancelled', REGISTER_MESSAGES.activity_cancelled)
  if (await findCheckIn(trx, args.checkInId)) throw new Rejection('check_in_id_taken', 'this check-in id is already in use')
  const who = await identify(trx, args, now)
  const already = async (userId: string) => {
    const first = await checkInOf(trx, activity.id, userId)
    return first && new Rejection('already_checked_in', `${who.name} was already checked in at ${first.at}`)
  }
  if (who.userId) {
    const dup = await already(who.userId)
    if (dup) throw dup
  }
  try {
    const row = await insertCheckIn(trx, { id: args.checkInId, activityId: activity.id, userId: who.userId, walkInName: who.userId ? null : who.name, method: who.method, by: user.id, at: now })
    return toCheckIn(row, who.name)
  } catch (err) {
    if (who.userId && isUniqueViolation(err)) throw (await already(who.userId)) ?? err
    throw err
  }
})
