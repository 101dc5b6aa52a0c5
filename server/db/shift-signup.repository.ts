/**
 * Shift sign-ups and their waitlist. Every write happens inside the caller's transaction (a push
 * mutation or a leader's REST change), so the places counter, the new status and the promotion of
 * the waitlist's head commit together or not at all — as activity registrations do
 * (activity-registration.repository.ts).
 */
import type { Executor } from './database'
import type { ShiftSignupRow, TeamMemberRow } from './volunteer.table'
import { nextVersion } from './version'
import { addShiftPlacesTaken, findShift, shiftWaitlisted, toSignup, type ShiftWithService } from './volunteer.repository'
import { promoteWaitlist, type WaitlistQueue } from '../domain/waitlist'
import { notify } from '../domain/notices'
import type { NoticeKind } from '../../shared/schemas/notice'
import type { ShiftSignup, SignupStatus } from '../../shared/schemas/volunteer'

/** A sign-up that holds a slot or waits for one. */
export const LIVE_SIGNUP: SignupStatus[] = ['signed_up', 'waitlisted']

export function findSignup(db: Executor, id: string): Promise<ShiftSignupRow | undefined> {
  return db.selectFrom('shift_signups').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The person's active place on a team (role and skills), read from team_members directly. */
export function activeTeamMember(db: Executor, teamId: string, userId: string): Promise<TeamMemberRow | undefined> {
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst()
}

/** The person's live sign-up for the shift. */
export function liveSignup(db: Executor, shiftId: string, userId: string): Promise<ShiftSignupRow | undefined> {
  return db
    .selectFrom('shift_signups')
    .selectAll()
    .where('shift_id', '=', shiftId)
    .where('user_id', '=', userId)
    .where('status', 'in', LIVE_SIGNUP)
    .executeTakeFirst()
}

export async function setSignupStatus(db: Executor, id: string, status: SignupStatus, now: Date): Promise<ShiftSignupRow> {
  const version = await nextVersion(db)
  return db
    .updateTable('shift_signups')
    .set({ status, updated_at: now.toISOString(), version })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The sign-up with its place in the waitlist counted now. */
export async function signupView(db: Executor, r: ShiftSignupRow): Promise<ShiftSignup> {
  if (r.status !== 'waitlisted') return toSignup(r)
  const row = await shiftWaitlisted(db, r.shift_id, r.seq).executeTakeFirstOrThrow()
  return toSignup(r, Number(row.n))
}

/** Tells a person something about a shift (its service's title, start and place), in the caller's transaction. */
export async function notifyShift(
  db: Executor,
  shift: ShiftWithService,
  n: { userId: string; kind: NoticeKind; subjectId: string; reason?: string | null },
  now: Date,
): Promise<void> {
  const team = await db.selectFrom('volunteer_teams').select('org_id').where('id', '=', shift.team_id).executeTakeFirstOrThrow()
  await notify(
    db,
    {
      ...n,
      orgId: team.org_id,
      activityId: null,
      title: shift.service_title,
      startsAt: shift.starts_at,
      venueAddress: shift.venue_address,
    },
    now,
  )
}

/** A shift's sign-ups as a waitlist queue for the promotion step (server/domain/waitlist.ts). */
export function shiftQueue(db: Executor, shiftId: string, now: Date): WaitlistQueue<ShiftSignupRow> {
  const shift = async () => (await findShift(db, shiftId))!
  return {
    places: async () => {
      const s = await shift()
      return { capacity: s.slots, taken: s.places_taken }
    },
    waitingCount: async () => Number((await shiftWaitlisted(db, shiftId).executeTakeFirstOrThrow()).n),
    heads: (n) =>
      db
        .selectFrom('shift_signups')
        .select(['id', 'seq'])
        .where('shift_id', '=', shiftId)
        .where('status', '=', 'waitlisted')
        .orderBy('seq')
        .limit(n)
        .execute(),
    // the person given the slot is told (消息) in the same transaction
    admit: async (id) => {
      const row = await setSignupStatus(db, id, 'signed_up', now)
      if (row.user_id) await notifyShift(db, await shift(), { userId: row.user_id, kind: 'shift_promoted', subjectId: row.id }, now)
      return row
    },
    take: (n) => addShiftPlacesTaken(db, shiftId, n, now),
  }
}

/** Lets the head(s) of the shift's waitlist into free slots (FIFO by `seq`); each is told. */
export const promoteShiftWaitlist = (db: Executor, shiftId: string, now: Date) => promoteWaitlist(shiftQueue(db, shiftId, now))

/** Swaps with both people's names. */
export function swapsWithNames(db: Executor) {
  return db
    .selectFrom('shift_swaps as w')
    .innerJoin('users as f', 'f.id', 'w.from_user_id')
    .innerJoin('users as t', 't.id', 'w.to_user_id')
    .selectAll('w')
    .select(['f.name as from_name', 't.name as to_name'])
}

/** Swap requests still open (asked or accepted) on these sign-ups end as withdrawn: the place they offered is gone. */
export async function withdrawOpenSwaps(db: Executor, signupIds: string[], now: Date): Promise<void> {
  if (!signupIds.length) return
  const open = await db
    .selectFrom('shift_swaps')
    .select('id')
    .where('from_signup_id', 'in', signupIds)
    .where('status', 'in', ['requested', 'accepted'])
    .execute()
  if (!open.length) return
  await db
    .updateTable('shift_swaps')
    .set({ status: 'withdrawn', updated_at: now.toISOString(), version: await nextVersion(db) })
    .where(
      'id',
      'in',
      open.map((s) => s.id),
    )
    .execute()
}

/**
 * Ends a live sign-up (cancelled by the person, removed by a leader or a swap); a slot it held goes
 * to the waitlist's head in the same transaction (`promote: false` when the caller fills it itself).
 */
export async function endSignup(
  db: Executor,
  s: ShiftSignupRow,
  status: Extract<SignupStatus, 'cancelled' | 'removed'>,
  now: Date,
  o: { promote: boolean } = { promote: true },
): Promise<{ signup: ShiftSignupRow; promoted: ShiftSignupRow[] }> {
  const signup = await setSignupStatus(db, s.id, status, now)
  await withdrawOpenSwaps(db, [s.id], now)
  if (s.status !== 'signed_up' || !o.promote) return { signup, promoted: [] }
  await addShiftPlacesTaken(db, s.shift_id, -1, now)
  return { signup, promoted: await promoteShiftWaitlist(db, s.shift_id, now) }
}
