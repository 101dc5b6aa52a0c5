import type { Executor } from './database'
import type { CheckInRow } from './activity.table'
import { nextVersion } from './version'
import type { CheckIn, CheckInMethod } from '../../shared/schemas/activity'

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
  await db
    .insertInto('check_ins')
    .values({
      id: c.id, activity_id: c.activityId, user_id: c.userId, walk_in_name: c.walkInName, method: c.method,
      checked_in_by: c.by, at: c.at.toISOString(), version: await nextVersion(db),
    })
    .execute()
  return (await findCheckIn(db, c.id))!
}

export const toCheckIn = (r: CheckInRow, name: string): CheckIn => ({
  id: r.id,
  activityId: r.activity_id,
  userId: r.user_id,
  name,
  method: r.method as CheckInMethod,
  at: r.at,
  version: r.version,
})

/** The active membership holding this member number, with its person. */
export function memberByNumber(db: Executor, memberNo: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as user_id', 'u.name'])
    .where('m.member_no', '=', memberNo)
    .where('m.status', '=', 'active')
    .executeTakeFirst()
}

export function personByPhone(db: Executor, phone: string) {
  return db.selectFrom('users').select(['id as user_id', 'name']).where('phone', '=', phone).executeTakeFirst()
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
