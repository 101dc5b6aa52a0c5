import type { Executor } from './database'
import type { CheckInRow } from './activity.table'
import { nextVersion } from './version'
import type { CheckIn, CheckInMethod } from '../../shared/schemas/activity'
import { LIVE_REGISTRATION } from '../../shared/rules/activity'

export function findCheckIn(db: Executor, id: string): Promise<CheckInRow | undefined> {
  return db.selectFrom('check_ins').selectAll().where('id', '=', id).executeTakeFirst()
}

export function checkInOf(db: Executor, activityId: string, userId: string): Promise<CheckInRow | undefined> {
  return db.selectFrom('check_ins').selectAll().where('activity_id', '=', activityId).where('user_id', '=', userId).executeTakeFirst()
}

export async function insertCheckIn(
  db: Executor,
  c: { id: string; activityId: string; userId: string | null; walkInName: string | null; method: CheckInMethod; by: string; at: Date },
): Promise<CheckInRow> {
  return db
    .insertInto('check_ins')
    .values({
      id: c.id,
      activity_id: c.activityId,
      user_id: c.userId,
      walk_in_name: c.walkInName,
      method: c.method,
      checked_in_by: c.by,
      at: c.at.toISOString(),
      version: await nextVersion(db),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export const toCheckIn = (r: CheckInRow, name: string): CheckIn => ({
  id: r.id,
  activityId: r.activity_id,
  userId: r.user_id,
  name,
  method: r.method,
  at: r.at,
  version: r.version,
})

/** How the desk names a person: a phone, a member number, or (after a card was verified) the user id. */
export type ListKey = { phone: string } | { memberNo: string } | { userId: string }

/**
 * The person this key names, but only among this activity's list: a live registration (registered,
 * waitlisted, awaiting approval) or a check-in already made here. Looking anyone up is a disclosure
 * (issue 10; SECURITY.md "Check-in"): a stranger and nobody at all are the same `undefined`.
 */
export function listedPerson(db: Executor, activityId: string, key: ListKey): Promise<{ user_id: string; name: string } | undefined> {
  return personByListKey(db, key)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('registrations as r')
            .select('r.id')
            .whereRef('r.user_id', '=', 'u.id')
            .where('r.activity_id', '=', activityId)
            .where('r.status', 'in', [...LIVE_REGISTRATION]),
        ),
        eb.exists(
          eb.selectFrom('check_ins as c').select('c.id').whereRef('c.user_id', '=', 'u.id').where('c.activity_id', '=', activityId),
        ),
      ]),
    )
    .executeTakeFirst()
}

/**
 * The people (`users as u`) a desk's key names — a phone, a member number of an active membership,
 * or a verified card's holder — for the caller to narrow to its task's list (activity, shift).
 */
export function personByListKey(db: Executor, key: ListKey) {
  const q = db.selectFrom('users as u').select(['u.id as user_id', 'u.name'])
  if ('phone' in key) return q.where('u.phone', '=', key.phone)
  if ('userId' in key) return q.where('u.id', '=', key.userId)
  const memberNo = key.memberNo
  return q.where((eb) =>
    eb.exists(
      eb
        .selectFrom('memberships as m')
        .select('m.id')
        .whereRef('m.user_id', '=', 'u.id')
        .where('m.member_no', '=', memberNo)
        .where('m.status', '=', 'active'),
    ),
  )
}

/** The person behind a verified card, if the membership it names is still active. */
export function memberByMembershipId(db: Executor, membershipId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as user_id', 'u.name', 'm.status'])
    .where('m.id', '=', membershipId)
    .executeTakeFirst()
}
