/**
 * Volunteer hours (服务时长) for a team's leaders: the shift desk's list, no-shows, bulk approval,
 * corrections with a reason, the list of hours and the no-show board. Only approved minutes count
 * anywhere (我的志愿, the certificate, the CSV). Every function is for a leader of the team the
 * shift or sign-up belongs to (assertLeadsTeam); whatever changes someone's record is audited.
 */
import { sql } from 'kysely'
import type { Executor } from '../db/database'
import { findShift, shiftsWithService, toShift, type ShiftWithService } from '../db/volunteer.repository'
import type { ShiftSignupRow } from '../db/volunteer.table'
import { nextVersion } from '../db/version'
import { memberNumbers } from '../db/activity-attendance.repository'
import { DomainError } from '../errors'
import { audit } from './audit'
import type { DomainContext } from './context'
import { notify } from './notices'
import { assertLeadsTeam } from './team-authz'
import { maskPhone } from '../../shared/schemas/common'
import { pageOffset } from '../../shared/schemas/paging'
import { computeMinutes } from '../../shared/rules/volunteer'
import type { HoursItem, ShiftRoster, ShiftRosterItem } from '../../shared/schemas/volunteer'

type Who = DomainContext['user']

/** A sign-up with its person's name and phone (a walk-in without an account: the name the desk typed). */
export type SignupLine = ShiftSignupRow & { user_name: string | null; user_phone: string | null }

function signupLines(db: Executor) {
  return db
    .selectFrom('shift_signups as g')
    .leftJoin('users as u', 'u.id', 'g.user_id')
    .selectAll('g')
    .select(['u.name as user_name', 'u.phone as user_phone'])
}

/** The member numbers of each person's active memberships, so the desk finds them offline. */
const numbersOf = (db: Executor, lines: ReadonlyArray<{ user_id: string | null }>) =>
  memberNumbers(db, [...new Set(lines.flatMap((l) => (l.user_id ? [l.user_id] : [])))])

/** The minutes the rule gives this attendance (what a check-out or check-in credits). */
export function ruleMinutes(
  shift: { starts_at: string; ends_at: string },
  s: { checked_in_at: string | null; checked_out_at: string | null },
  minAttendancePercent: number,
): number {
  return computeMinutes({
    startsAt: shift.starts_at,
    endsAt: shift.ends_at,
    checkedInAt: s.checked_in_at,
    checkedOutAt: s.checked_out_at,
    minAttendancePercent,
  }).minutes
}

/** One line of the desk's list: phones masked. */
export function toRosterItem(
  r: SignupLine,
  shift: { starts_at: string; ends_at: string },
  minAttendancePercent: number,
  memberNos: readonly string[],
): ShiftRosterItem {
  return {
    signupId: r.id,
    userId: r.user_id,
    name: r.user_name ?? r.walk_in_name ?? '',
    phone: r.user_phone ? maskPhone(r.user_phone) : null,
    memberNos: [...memberNos],
    status: r.status,
    source: r.source,
    confirmedAt: r.confirmed_at,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    noShow: r.no_show === 1,
    hoursStatus: r.hours_status,
    computedMinutes: r.checked_in_at ? ruleMinutes(shift, r, minAttendancePercent) : null,
    creditedMinutes: r.credited_minutes,
    correctionReason: r.correction_reason,
  }
}

/** One sign-up as the desk shows it. */
export async function rosterItemOf(db: Executor, signupId: string, shift: ShiftWithService, minAttendancePercent: number) {
  const line = await signupLines(db).where('g.id', '=', signupId).executeTakeFirstOrThrow()
  const nos = line.user_id ? ((await memberNumbers(db, [line.user_id])).get(line.user_id) ?? []) : []
  return toRosterItem(line, shift, minAttendancePercent, nos)
}

/** The shift, if the person leads its team (404 shift_not_found, 403 for a leader of another team). */
export async function leadShift(db: Executor, user: Who, shiftId: string) {
  const shift = await findShift(db, shiftId)
  if (!shift) throw new DomainError('shift_not_found', 'there is no such shift')
  const team = await assertLeadsTeam(db, user, shift.team_id)
  return { shift, team }
}

/** The desk's list of a shift: its live sign-ups (held and waiting) and everyone who came. */
export async function shiftRoster(db: Executor, user: Who, shiftId: string): Promise<ShiftRoster> {
  const { shift, team } = await leadShift(db, user, shiftId)
  const lines = await signupLines(db)
    .where('g.shift_id', '=', shift.id)
    .where((eb) => eb.or([eb('g.status', 'in', ['signed_up', 'waitlisted']), eb('g.checked_in_at', 'is not', null)]))
    .orderBy('g.seq')
    .execute()
  const nos = await numbersOf(db, lines)
  return {
    shift: toShift(shift),
    teamName: team.name,
    minAttendancePercent: team.min_attendance_percent,
    items: lines.map((l) => toRosterItem(l, shift, team.min_attendance_percent, (l.user_id && nos.get(l.user_id)) || [])),
  }
}

async function stamp(trx: Executor, now: Date) {
  return { updated_at: now.toISOString(), version: await nextVersion(trx) }
}

/** People signed up who did not come, once the shift has started: no_show, no hours. Audited. */
export async function markNoShows(ctx: DomainContext, shiftId: string, signupIds: readonly string[]): Promise<ShiftRoster> {
  const { trx, user, clock } = ctx
  const now = clock.now()
  const { shift, team } = await leadShift(trx, user, shiftId)
  if (now.toISOString() < shift.starts_at) throw new DomainError('hours_not_ready', 'no-shows can be marked once the shift has started')
  const ids = [...new Set(signupIds)]
  const rows = await trx.selectFrom('shift_signups').selectAll().where('id', 'in', ids).execute()
  const bad = ids.filter((id) => {
    const r = rows.find((x) => x.id === id)
    return !r || r.shift_id !== shift.id || r.status !== 'signed_up' || r.checked_in_at !== null
  })
  if (bad.length)
    throw new DomainError(
      'hours_not_ready',
      `only people signed up for this shift and not checked in can be marked as no-shows (${bad.length} cannot)`,
    )
  for (const id of ids)
    await trx
      .updateTable('shift_signups')
      .set({ no_show: 1, hours_status: 'none', credited_minutes: null, ...(await stamp(trx, now)) })
      .where('id', '=', id)
      .execute()
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.no_shows',
    orgId: team.org_id,
    target: shift.id,
    detail: { signupIds: ids, count: ids.length },
    at: now,
  })
  return shiftRoster(trx, user, shift.id)
}

/** The sign-up's hours count from now on, approved by this leader (with a correction's minutes and reason). */
async function markApproved(
  trx: Executor,
  signupId: string,
  by: string,
  now: Date,
  correction: { credited_minutes: number; correction_reason: string } | Record<string, never> = {},
) {
  await trx
    .updateTable('shift_signups')
    .set({ ...correction, hours_status: 'approved', approved_by: by, approved_at: now.toISOString(), ...(await stamp(trx, now)) })
    .where('id', '=', signupId)
    .execute()
}

/** The volunteer hears that their hours of this shift were approved (or corrected, with the reason); a walk-in without an account hears nothing. */
async function tellApproved(
  trx: Executor,
  userId: string | null,
  orgId: string,
  shift: Pick<ShiftWithService, 'id' | 'service_title' | 'starts_at' | 'venue_address'>,
  reason: string | null,
  now: Date,
) {
  if (!userId) return
  await notify(
    trx,
    {
      userId,
      kind: 'hours_approved',
      orgId,
      activityId: null,
      subjectId: shift.id,
      title: shift.service_title,
      reason,
      startsAt: shift.starts_at,
      venueAddress: shift.venue_address,
    },
    now,
  )
}

/** Approves the pending hours of these sign-ups of the team (all or nothing); each person hears it. Audited. */
export async function approveHours(ctx: DomainContext, teamId: string, signupIds: readonly string[]): Promise<{ approved: number }> {
  const { trx, user, clock } = ctx
  const now = clock.now()
  const team = await assertLeadsTeam(trx, user, teamId)
  const ids = [...new Set(signupIds)]
  const rows = await shiftsWithService(trx)
    .innerJoin('shift_signups as g', 'g.shift_id', 's.id')
    .select(['g.id as signup_id', 'g.user_id', 'g.team_id as signup_team', 'g.hours_status'])
    .where('g.id', 'in', ids)
    .execute()
  const ready = rows.filter((r) => r.signup_team === team.id && r.hours_status === 'pending')
  if (ready.length !== ids.length)
    throw new DomainError(
      'hours_not_ready',
      `only this team's sign-ups with hours waiting for approval can be approved (${ids.length - ready.length} cannot)`,
    )
  for (const r of ready) {
    await markApproved(trx, r.signup_id, user.id, now)
    await tellApproved(trx, r.user_id, team.org_id, r, null, now)
  }
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.hours_approve',
    orgId: team.org_id,
    target: team.id,
    detail: { signupIds: ids, count: ids.length },
    at: now,
  })
  return { approved: ready.length }
}

/** A leader's correction of one sign-up's minutes, with a reason: it is approved as corrected. Audited with old and new minutes. */
export async function correctHours(ctx: DomainContext, signupId: string, minutes: number, reason: string): Promise<ShiftRosterItem> {
  const { trx, user, clock } = ctx
  const now = clock.now()
  const signup = await trx.selectFrom('shift_signups').selectAll().where('id', '=', signupId).executeTakeFirst()
  if (!signup) throw new DomainError('not_found', 'there is no such sign-up')
  const { shift, team } = await leadShift(trx, user, signup.shift_id)
  if (!signup.checked_in_at && signup.no_show !== 1)
    throw new DomainError('hours_not_ready', 'hours can be corrected once the person was checked in or marked as a no-show')
  await markApproved(trx, signup.id, user.id, now, { credited_minutes: minutes, correction_reason: reason })
  await tellApproved(trx, signup.user_id, team.org_id, shift, reason, now)
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.hours_correct',
    orgId: team.org_id,
    target: signup.id,
    detail: { shiftId: shift.id, oldMinutes: signup.credited_minutes, newMinutes: minutes, oldStatus: signup.hours_status },
    at: now,
  })
  return rosterItemOf(trx, signup.id, shift, team.min_attendance_percent)
}

/** The team's sign-ups with hours (attended or no-shows), newest shift first; `status` filters by hours status. */
export async function hoursPage(
  db: Executor,
  user: Who,
  teamId: string,
  q: { status?: 'none' | 'pending' | 'approved'; from?: string; to?: string; page: number; pageSize: number },
) {
  const team = await assertLeadsTeam(db, user, teamId)
  let base = db
    .selectFrom('shift_signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .where('g.team_id', '=', team.id)
    .where((eb) => eb.or([eb('g.checked_in_at', 'is not', null), eb('g.no_show', '=', 1)]))
  if (q.status) base = base.where('g.hours_status', '=', q.status)
  if (q.from) base = base.where('s.starts_at', '>=', new Date(q.from).toISOString())
  if (q.to) base = base.where('s.starts_at', '<', new Date(q.to).toISOString())
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const lines = await base
    .innerJoin('volunteer_services as v', 'v.id', 's.service_id')
    .leftJoin('users as u', 'u.id', 'g.user_id')
    .selectAll('g')
    .select(['u.name as user_name', 'u.phone as user_phone', 's.starts_at', 's.ends_at', 'v.title as service_title'])
    .orderBy('s.starts_at', 'desc')
    .orderBy('g.seq')
    .limit(q.pageSize)
    .offset(pageOffset(q))
    .execute()
  const nos = await numbersOf(db, lines)
  const items: HoursItem[] = lines.map((l) => ({
    ...toRosterItem(l, l, team.min_attendance_percent, (l.user_id && nos.get(l.user_id)) || []),
    shiftId: l.shift_id,
    serviceTitle: l.service_title,
    startsAt: l.starts_at,
    endsAt: l.ends_at,
  }))
  return { items, total: Number(n), page: q.page, pageSize: q.pageSize }
}

const BOARD_DAYS = 90

/** Who missed the team's shifts in the last 90 days, most no-shows first (beside how many shifts they held). */
export async function noShowBoard(db: Executor, user: Who, teamId: string, now: Date) {
  const team = await assertLeadsTeam(db, user, teamId)
  const since = new Date(now.getTime() - BOARD_DAYS * 24 * 3600_000).toISOString()
  const rows = await db
    .selectFrom('shift_signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select((eb) => [
      'u.id as user_id',
      'u.name',
      eb.fn.sum<number>(sql<number>`case when g.no_show = 1 then 1 else 0 end`).as('no_shows'),
      eb.fn.max<string>(sql<string>`case when g.no_show = 1 then s.starts_at end`).as('last_no_show_at'),
      eb.fn.countAll<number>().as('signed_up'),
    ])
    .where('g.team_id', '=', team.id)
    .where('s.starts_at', '>=', since)
    .where('s.starts_at', '<', now.toISOString())
    .where((eb) => eb.or([eb('g.status', '=', 'signed_up'), eb('g.no_show', '=', 1)]))
    .groupBy(['u.id', 'u.name'])
    .having(sql<number>`sum(case when g.no_show = 1 then 1 else 0 end)`, '>', 0)
    .orderBy('no_shows', 'desc')
    .orderBy('last_no_show_at', 'desc')
    .execute()
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      noShows: Number(r.no_shows),
      lastNoShowAt: r.last_no_show_at,
      signedUp: Number(r.signed_up),
    })),
  }
}
