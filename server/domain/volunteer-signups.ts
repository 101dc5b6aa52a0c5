/**
 * Sign-ups for shifts: a volunteer signs up (a slot while one is free, else the FIFO waitlist),
 * cancels before the team's cut-off (the slot goes to the waitlist's head at once) and confirms the
 * day before; a leader assigns a team member, warned first of overlapping shifts, missing skills
 * and a full shift. Sync mutators (server/sync/mutators/shift.ts) and the lead routes call these,
 * inside one transaction; SQLite's single writer and the one live sign-up index keep the slot count
 * exact under concurrent pushes.
 */
import { randomUUID } from 'node:crypto'
import { admission } from '../../shared/rules/capacity'
import { canCancel, missingSkills, overlapping } from '../../shared/rules/volunteer'
import { maskToSkills, type AssignmentWarning, type ShiftSignup, type SignupStatus } from '../../shared/schemas/volunteer'
import type { Executor } from '../db/database'
import { addShiftPlacesTaken, insertSignup, shiftsWithService, type ShiftWithService } from '../db/volunteer.repository'
import { activeTeamMember, endSignup, findSignup, LIVE_SIGNUP, liveSignup, notifyShift, signupView } from '../db/shift-signup.repository'
import { isUniqueViolation } from '../db/unique'
import { nextVersion } from '../db/version'
import { DomainError } from '../errors'
import { audit } from './audit'
import type { DomainContext } from './context'
import { assertLeadsTeam } from './team-authz'
import { mustFindShift } from './volunteer-shifts'

const ALREADY = 'you are already signed up (or waiting) for this shift'

/** A shift people may still join: open and not started (else shift_cancelled / shift_started). */
export function assertJoinable(shift: ShiftWithService, now: Date) {
  if (shift.status === 'cancelled') throw new DomainError('shift_cancelled', 'this shift has been cancelled')
  if (Date.parse(shift.starts_at) <= now.getTime()) throw new DomainError('shift_started', 'this shift has already started')
}

/** The person's active place on the team (role and skills), else not_team_member. */
export async function assertActiveMember(db: Executor, teamId: string, userId: string, message = 'only active members of the team') {
  const m = await activeTeamMember(db, teamId, userId)
  if (!m) throw new DomainError('not_team_member', message)
  return m
}

/** The person's own sign-up, else not_found (someone else's answers like a missing one: ids are no way to probe). */
export async function ownSignup(db: Executor, id: string, userId: string) {
  const s = await findSignup(db, id)
  if (!s || s.user_id !== userId) throw new DomainError('not_found', 'no such sign-up')
  return s
}

/** shift.signUp: an active member of the shift's team takes a free slot, or the end of the waitlist. */
export async function signUpForShift({ trx, user, clock }: DomainContext, a: { signupId: string; shiftId: string }): Promise<ShiftSignup> {
  const now = clock.now()
  const shift = await mustFindShift(trx, a.shiftId)
  await assertActiveMember(trx, shift.team_id, user.id, 'only active members of the team may sign up for its shifts')
  const team = await trx.selectFrom('volunteer_teams').select('status').where('id', '=', shift.team_id).executeTakeFirstOrThrow()
  if (team.status !== 'active') throw new DomainError('team_not_active', 'this team is not active')
  assertJoinable(shift, now)
  if (await liveSignup(trx, shift.id, user.id)) throw new DomainError('already_signed_up', ALREADY)
  if (await findSignup(trx, a.signupId)) throw new DomainError('signup_id_taken', 'this sign-up id is already in use; sign up again')
  const status: SignupStatus = admission({ capacity: shift.slots, taken: shift.places_taken }) === 'place' ? 'signed_up' : 'waitlisted'
  try {
    const row = await insertSignup(trx, {
      id: a.signupId,
      shiftId: shift.id,
      teamId: shift.team_id,
      userId: user.id,
      status,
      source: 'self',
      now,
    })
    if (status === 'signed_up') await addShiftPlacesTaken(trx, shift.id, 1, now)
    return await signupView(trx, row)
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_signed_up', ALREADY)
    throw err
  }
}

/**
 * shift.cancel: the person leaves a shift — a held slot only before the team's cut-off (it goes to
 * the head of the waitlist at once); a place in the waitlist until the start.
 */
export async function cancelSignup({ trx, user, clock }: DomainContext, a: { signupId: string }): Promise<ShiftSignup> {
  const now = clock.now()
  const s = await ownSignup(trx, a.signupId, user.id)
  if (!LIVE_SIGNUP.includes(s.status)) throw new DomainError('not_live', `this sign-up is ${s.status}; there is nothing to cancel`)
  const shift = await mustFindShift(trx, s.shift_id)
  assertJoinable(shift, now)
  if (s.status === 'signed_up') {
    const team = await trx
      .selectFrom('volunteer_teams')
      .select('cancel_cutoff_hours')
      .where('id', '=', shift.team_id)
      .executeTakeFirstOrThrow()
    if (!canCancel(shift.starts_at, team.cancel_cutoff_hours, now))
      throw new DomainError(
        'cancel_cutoff_passed',
        `a slot can be given up until ${team.cancel_cutoff_hours} hours before the start; ask a leader`,
      )
  }
  const { signup } = await endSignup(trx, s, 'cancelled', now)
  return signupView(trx, signup)
}

/** shift.confirm: "I will come" for a held slot; confirming again changes nothing. */
export async function confirmSignup({ trx, user, clock }: DomainContext, a: { signupId: string }): Promise<ShiftSignup> {
  const now = clock.now()
  const s = await ownSignup(trx, a.signupId, user.id)
  if (s.status !== 'signed_up') throw new DomainError('not_live', `this sign-up is ${s.status}; only a held slot is confirmed`)
  assertJoinable(await mustFindShift(trx, s.shift_id), now)
  if (s.confirmed_at) return signupView(trx, s)
  const row = await trx
    .updateTable('shift_signups')
    .set({ confirmed_at: now.toISOString(), updated_at: now.toISOString(), version: await nextVersion(trx) })
    .where('id', '=', s.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return signupView(trx, row)
}

/**
 * What a leader is warned of before `userId` takes a place on `shift`: the person's other live
 * sign-ups (open shifts) overlapping it, required skills they lack, and (`countFull`) no slot left.
 */
export async function placeWarnings(
  db: Executor,
  shift: ShiftWithService,
  person: { userId: string; skillsMask: number },
  o: { countFull: boolean },
): Promise<AssignmentWarning[]> {
  const others = await shiftsWithService(db)
    .innerJoin('shift_signups as g', 'g.shift_id', 's.id')
    .where('g.user_id', '=', person.userId)
    .where('g.status', 'in', LIVE_SIGNUP)
    .where('s.status', '=', 'open')
    .where('s.id', '!=', shift.id)
    .where('s.starts_at', '<', shift.ends_at)
    .where('s.ends_at', '>', shift.starts_at)
    .orderBy('s.starts_at')
    .execute()
  const asTimes = (s: ShiftWithService) => ({ ...s, startsAt: s.starts_at, endsAt: s.ends_at })
  const warnings: AssignmentWarning[] = overlapping(asTimes(shift), others.map(asTimes)).map((s) => ({
    kind: 'overlap' as const,
    shiftId: s.id,
    serviceTitle: s.service_title,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
  }))
  const lacking = missingSkills(maskToSkills(shift.required_skills_mask), maskToSkills(person.skillsMask))
  if (lacking.length) warnings.push({ kind: 'missing_skills', skills: lacking })
  if (o.countFull && admission({ capacity: shift.slots, taken: shift.places_taken }) === 'waitlist') warnings.push({ kind: 'full' })
  return warnings
}

/**
 * A leader puts an active team member on a shift. `check` only answers the warnings; warnings not
 * acknowledged answer them and write nothing; otherwise the person holds a slot (even past the
 * slots: places may exceed them), is told, and the assignment is audited.
 */
export async function assignToShift(
  { trx, user, clock }: DomainContext,
  shiftId: string,
  input: { memberId: string; check: boolean; acknowledge: boolean },
): Promise<{ warnings: AssignmentWarning[]; signupId: string | null }> {
  const now = clock.now()
  const shift = await mustFindShift(trx, shiftId)
  const team = await assertLeadsTeam(trx, user, shift.team_id)
  const member = await trx
    .selectFrom('team_members')
    .selectAll()
    .where('id', '=', input.memberId)
    .where('team_id', '=', shift.team_id)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!member) throw new DomainError('not_team_member', 'only active members of the team can be assigned')
  assertJoinable(shift, now)
  if (await liveSignup(trx, shift.id, member.user_id))
    throw new DomainError('already_signed_up', 'this person is already signed up (or waiting) for this shift')
  const warnings = await placeWarnings(trx, shift, { userId: member.user_id, skillsMask: member.skills_mask }, { countFull: true })
  if (input.check || (warnings.length && !input.acknowledge)) return { warnings, signupId: null }
  const row = await insertSignup(trx, {
    id: randomUUID(),
    shiftId: shift.id,
    teamId: shift.team_id,
    userId: member.user_id,
    status: 'signed_up',
    source: 'assigned',
    assignedBy: user.id,
    now,
  })
  await addShiftPlacesTaken(trx, shift.id, 1, now)
  if (member.user_id !== user.id) await notifyShift(trx, shift, { userId: member.user_id, kind: 'shift_assigned', subjectId: row.id }, now)
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.shift.assign',
    orgId: team.org_id,
    target: row.id,
    detail: { shiftId: shift.id, memberId: member.id, warnings: warnings.map((w) => w.kind) },
    at: now,
  })
  return { warnings, signupId: row.id }
}
