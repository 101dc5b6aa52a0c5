/**
 * Volunteer rows → the public shapes of shared/schemas/volunteer.ts, and the reads every volunteer
 * service shares. Writes live with the feature's services (server/domain/volunteer-*.ts), inside the
 * caller's transaction.
 */
import type { Expression } from 'kysely'
import type { Executor } from './database'
import { nextVersion } from './version'
import type { ShiftRow, ShiftSignupRow, ShiftSwapRow, TeamMemberRow, VolunteerServiceRow, VolunteerTeamRow } from './volunteer.table'
import {
  maskToSkills,
  type Shift,
  type SignupSource,
  type SignupStatus,
  type ShiftSignup,
  type ShiftSwap,
  type TeamMember,
  type VolunteerService,
  type VolunteerTeam,
} from '../../shared/schemas/volunteer'

export const toTeam = (r: VolunteerTeamRow & { org_name: string }): VolunteerTeam => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  name: r.name,
  description: r.description,
  regionCode: r.region_code,
  skills: maskToSkills(r.skills_mask),
  status: r.status,
  minAttendancePercent: r.min_attendance_percent,
  cancelCutoffHours: r.cancel_cutoff_hours,
  memberCount: r.member_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
})

export const toTeamMember = (r: TeamMemberRow): TeamMember => ({
  id: r.id,
  teamId: r.team_id,
  role: r.role,
  status: r.status,
  skills: maskToSkills(r.skills_mask),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
})

export const toService = (r: VolunteerServiceRow): VolunteerService => ({
  id: r.id,
  teamId: r.team_id,
  title: r.title,
  description: r.description,
  venueAddress: r.venue_address,
  regionCode: r.region_code,
  hubId: r.hub_id,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** A shift row joined with its service's title and venue (`shiftsWithService`). */
export type ShiftWithService = ShiftRow & { service_title: string; venue_address: string }

export const toShift = (r: ShiftWithService): Shift => ({
  id: r.id,
  serviceId: r.service_id,
  teamId: r.team_id,
  serviceTitle: r.service_title,
  venueAddress: r.venue_address,
  regionCode: r.region_code,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  slots: r.slots,
  placesTaken: r.places_taken,
  placesLeft: Math.max(0, r.slots - r.places_taken),
  requiredSkills: maskToSkills(r.required_skills_mask),
  seriesId: r.series_id,
  status: r.status,
  cancelReason: r.cancel_reason,
  updatedAt: r.updated_at,
  version: r.version,
})

/** `position`: 1-based place in the waitlist while waitlisted (0 or null otherwise). */
export const toSignup = (r: ShiftSignupRow, position: number | null = null): ShiftSignup => ({
  id: r.id,
  shiftId: r.shift_id,
  status: r.status,
  source: r.source,
  waitlistPosition: r.status === 'waitlisted' && position ? position : null,
  confirmedAt: r.confirmed_at,
  checkedInAt: r.checked_in_at,
  checkedOutAt: r.checked_out_at,
  noShow: r.no_show === 1,
  hoursStatus: r.hours_status,
  creditedMinutes: r.credited_minutes,
  correctionReason: r.correction_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
})

export const toSwap = (r: ShiftSwapRow & { from_name: string; to_name: string }, viewerId: string): ShiftSwap => ({
  id: r.id,
  shiftId: r.shift_id,
  fromSignupId: r.from_signup_id,
  fromName: r.from_name,
  toName: r.to_name,
  askedOfMe: r.to_user_id === viewerId,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
})

/** A team with its organisation's name. */
export function teamsWithOrg(db: Executor) {
  return db
    .selectFrom('volunteer_teams as t')
    .innerJoin('organizations as o', 'o.id', 't.org_id')
    .selectAll('t')
    .select('o.name as org_name')
}

export function findTeam(db: Executor, id: string) {
  return teamsWithOrg(db).where('t.id', '=', id).executeTakeFirst()
}

/** Shifts with their service's title and venue. */
export function shiftsWithService(db: Executor) {
  return db
    .selectFrom('shifts as s')
    .innerJoin('volunteer_services as v', 'v.id', 's.service_id')
    .selectAll('s')
    .select(['v.title as service_title', 'v.venue_address'])
}

export function findShift(db: Executor, id: string): Promise<ShiftWithService | undefined> {
  return shiftsWithService(db).where('s.id', '=', id).executeTakeFirst()
}

/** The person's live (pending or active) place on a team. */
export function liveTeamMember(db: Executor, teamId: string, userId: string): Promise<TeamMemberRow | undefined> {
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('status', 'in', ['pending', 'active'])
    .executeTakeFirst()
}

/**
 * Inserts a sign-up (a volunteer's own, a leader's assignment, a desk's walk-in, a swap's taker); its
 * sequence number (the waitlist order) is the version it was stamped with. Does not move the places
 * counter: the caller does, with `addShiftPlacesTaken`, in the same transaction.
 */
export async function insertSignup(
  db: Executor,
  s: {
    id: string
    shiftId: string
    teamId: string
    userId: string | null
    walkInName?: string | null
    status: SignupStatus
    source: SignupSource
    assignedBy?: string | null
    now: Date
  },
): Promise<ShiftSignupRow> {
  const version = await nextVersion(db)
  const at = s.now.toISOString()
  return db
    .insertInto('shift_signups')
    .values({
      id: s.id,
      shift_id: s.shiftId,
      team_id: s.teamId,
      user_id: s.userId,
      walk_in_name: s.walkInName ?? null,
      status: s.status,
      source: s.source,
      seq: version,
      assigned_by: s.assignedBy ?? null,
      created_at: at,
      updated_at: at,
      version,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Moves a shift's places counter by `delta` and stamps a version, so "places left" syncs. */
export async function addShiftPlacesTaken(db: Executor, shiftId: string, delta: number, now: Date): Promise<void> {
  const version = await nextVersion(db)
  await db
    .updateTable('shifts')
    .set((eb) => ({ places_taken: eb('places_taken', '+', delta), updated_at: now.toISOString(), version }))
    .where('id', '=', shiftId)
    .execute()
}

/** How many wait for a shift (or, with `upToSeq`, how many wait up to and including that place in the queue). */
export function shiftWaitlisted(db: Executor, shiftId: string | Expression<string>, upToSeq?: number | Expression<number>) {
  let q = db
    .selectFrom('shift_signups as w')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('w.shift_id', '=', shiftId)
    .where('w.status', '=', 'waitlisted')
  if (upToSeq !== undefined) q = q.where('w.seq', '<=', upToSeq)
  return q
}
