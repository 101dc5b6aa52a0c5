/**
 * Registrations and the waitlist. Every write happens inside the caller's transaction (a push
 * mutation or an organiser's REST change), so the places counter, the new status and the promotion
 * of the waitlist's head commit together or not at all.
 */
import type { Executor } from './database'
import type { ActivityRow, RegistrationRow } from './activity.table'
import { nextVersion } from './version'
import { addPlacesTaken, activityFacts, waitlisted } from './activity.repository'
import { HOLDS_PLACE, LIVE_REGISTRATION, activityPlaces, promotedStatus } from '../../shared/rules/activity'
import { promoteWaitlist as promoteFromWaitlist, type WaitlistQueue } from '../domain/waitlist'
import { notifyPromotion } from '../domain/notices'
import type { Registration, RegistrationStatus } from '../../shared/schemas/activity'

export function findRegistration(db: Executor, id: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst()
}

export function liveRegistration(db: Executor, activityId: string, userId: string): Promise<RegistrationRow | undefined> {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('user_id', '=', userId)
    .where('status', 'in', LIVE_REGISTRATION)
    .executeTakeFirst()
}

/** Inserts a registration; its sequence number (the waitlist order) is the version it was stamped with. */
export async function insertRegistration(
  db: Executor,
  r: { id: string; activityId: string; userId: string; status: RegistrationStatus; now: Date },
): Promise<RegistrationRow> {
  const version = await nextVersion(db)
  const at = r.now.toISOString()
  return db
    .insertInto('registrations')
    .values({
      id: r.id,
      activity_id: r.activityId,
      user_id: r.userId,
      status: r.status,
      seq: version,
      created_at: at,
      updated_at: at,
      version,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function setRegistrationStatus(db: Executor, id: string, status: RegistrationStatus, now: Date): Promise<RegistrationRow> {
  const version = await nextVersion(db)
  return db
    .updateTable('registrations')
    .set({ status, updated_at: now.toISOString(), version })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** 1-based place in the queue, counted now (earlier sequence numbers still waiting). */
export async function waitlistPosition(db: Executor, r: Pick<RegistrationRow, 'activity_id' | 'seq'>): Promise<number> {
  const row = await waitlisted(db, r.activity_id, r.seq).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function waitlistCount(db: Executor, activityId: string): Promise<number> {
  const row = await waitlisted(db, activityId).executeTakeFirstOrThrow()
  return Number(row.n)
}

export function toRegistration(r: RegistrationRow, waitlistPositionNow: number | null): Registration {
  return {
    id: r.id,
    activityId: r.activity_id,
    status: r.status,
    waitlistPosition: r.status === 'waitlisted' ? waitlistPositionNow : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }
}

/** The registration with its current waitlist position. */
export async function registrationView(db: Executor, r: RegistrationRow): Promise<Registration> {
  return toRegistration(r, r.status === 'waitlisted' ? await waitlistPosition(db, r) : null)
}

/** An activity's registrations as a waitlist queue for the promotion step (server/domain/waitlist.ts). */
export function registrationQueue(db: Executor, activity: ActivityRow, now: Date): WaitlistQueue<RegistrationRow> {
  const facts = activityFacts(activity)
  return {
    places: async () => activityPlaces(facts),
    waitingCount: () => waitlistCount(db, activity.id),
    heads: (n) =>
      db
        .selectFrom('registrations')
        .select(['id', 'seq'])
        .where('activity_id', '=', activity.id)
        .where('status', '=', 'waitlisted')
        .orderBy('seq')
        .limit(n)
        .execute(),
    // the person given the place is told (消息) in the same transaction
    admit: async (id) => {
      const row = await setRegistrationStatus(db, id, promotedStatus(facts), now)
      await notifyPromotion(db, row, activity, now)
      return row
    },
    take: (n) => addPlacesTaken(db, activity.id, n, now),
  }
}

/** Lets the head(s) of the waitlist in while places are free (FIFO by `seq`); each is told (a notice) and learns it on their next pull. */
export const promoteWaitlist = (db: Executor, activity: ActivityRow, now: Date) => promoteFromWaitlist(registrationQueue(db, activity, now))

/** Ends a live registration (cancelled or rejected); a place it held goes to the waitlist's head in the same transaction. */
export async function endRegistration(
  db: Executor,
  reg: RegistrationRow,
  status: Extract<RegistrationStatus, 'cancelled' | 'rejected'>,
  now: Date,
): Promise<{ registration: RegistrationRow; promoted: RegistrationRow[] }> {
  const registration = await setRegistrationStatus(db, reg.id, status, now)
  if (!HOLDS_PLACE.includes(reg.status)) return { registration, promoted: [] }
  await addPlacesTaken(db, reg.activity_id, -1, now)
  const activity = await db.selectFrom('activities').selectAll().where('id', '=', reg.activity_id).executeTakeFirstOrThrow()
  return { registration, promoted: await promoteWaitlist(db, activity, now) }
}

/**
 * Is this person an active member of the organiser, or of an organisation below it? (A member of
 * 中关村街道科协 counts for a members-only 海淀区科协 activity.) A join of their memberships with
 * the closure table: one key probe (ancestor, descendant) per membership.
 */
export async function isMemberOfOrgTree(db: Executor, userId: string, orgId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('organization_closure as c', 'c.descendant_id', 'm.org_id')
    .select('m.id')
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .where('c.ancestor_id', '=', orgId)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
