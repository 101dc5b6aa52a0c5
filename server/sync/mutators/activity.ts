/**
 * Authoritative apply of the activity mutations. The push engine runs each in its own transaction
 * and SQLite has one writer, so "count the places, then take one" cannot interleave: capacity is
 * never exceeded and the waitlist is in server processing order (`seq`). The unique "live" index on
 * (activity, person) is the second guard. Check-in lives in activity-check-in.ts.
 */
import { activityCancel, activityRegister } from '../../../shared/mutations/activity'
import { HOLDS_PLACE, cancelProblem, initialRegistrationStatus, registerProblem } from '../../../shared/rules/activity'
import type { RegistrationStatus } from '../../../shared/schemas/activity'
import { activityFacts, addPlacesTaken, findActivity } from '../../db/activity.repository'
import {
  endRegistration,
  findRegistration,
  insertRegistration,
  isMemberOfOrgTree,
  liveRegistration,
  registrationView,
} from '../../db/activity-registration.repository'
import { DomainError } from '../../errors'
import { isUniqueViolation } from '../../db/unique'
import { defineServerMutator } from './define'

const REGISTER_MESSAGES = {
  activity_not_found: 'there is no such activity',
  activity_cancelled: 'this activity has been cancelled',
  registration_not_open: 'registration for this activity has not opened yet',
  registration_closed: 'registration for this activity is closed',
  members_only: 'this activity is for members of the organiser only',
  already_registered: 'you are already registered (or on the waitlist) for this activity',
} as const

/** activity.register: a place if one is free (pending approval where asked), else the end of the waitlist. */
export const activityRegisterMutator = defineServerMutator(activityRegister, async ({ trx, user, clock }, args) => {
  const now = clock.now()
  const activity = await findActivity(trx, args.activityId)
  const live = activity ? await liveRegistration(trx, activity.id, user.id) : undefined
  const isMember = activity?.audience === 'members' ? await isMemberOfOrgTree(trx, user.id, activity.org_id) : true
  const problem = registerProblem(activity && activityFacts(activity), { isMember, liveRegistration: live !== undefined }, now)
  if (problem) throw new DomainError(problem, REGISTER_MESSAGES[problem])
  if (await findRegistration(trx, args.registrationId))
    throw new DomainError('registration_id_taken', 'this registration id is already in use; register again')
  const status = initialRegistrationStatus(activityFacts(activity!))
  try {
    const row = await insertRegistration(trx, { id: args.registrationId, activityId: activity!.id, userId: user.id, status, now })
    if (HOLDS_PLACE.includes(status)) await addPlacesTaken(trx, activity!.id, 1, now)
    return await registrationView(trx, row)
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_registered', REGISTER_MESSAGES.already_registered)
    throw err
  }
})

/** activity.cancel: the person withdraws; a place they held goes to the head of the waitlist in the same transaction. */
export const activityCancelMutator = defineServerMutator(activityCancel, async ({ trx, user, clock }, args) => {
  const now = clock.now()
  const reg = await findRegistration(trx, args.registrationId)
  // someone else's registration answers like a missing one: ids are not a way to probe
  if (!reg || reg.user_id !== user.id) throw new DomainError('not_found', 'no such registration')
  const activity = (await findActivity(trx, reg.activity_id))!
  const problem = cancelProblem(reg.status as RegistrationStatus, activityFacts(activity), now)
  if (problem === 'not_live') throw new DomainError('not_live', `this registration is ${reg.status}; there is nothing to cancel`)
  if (problem === 'activity_started')
    throw new DomainError('activity_started', 'the activity has started; the registration can no longer be cancelled')
  const { registration } = await endRegistration(trx, reg, 'cancelled', now)
  return await registrationView(trx, registration)
})
