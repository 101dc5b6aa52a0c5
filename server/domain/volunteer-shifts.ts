/**
 * Volunteer services and shifts as a team's leaders plan them: services (志愿服务项目) with shifts
 * (班次), weekly series, edits and cancellations, the team's week and the public "open shifts near
 * me". Each write runs in the caller's transaction, is checked against the team (assertLeadsTeam:
 * a leader of team A is refused on team B) and audited. Sign-ups are volunteer-signups.ts; swaps
 * volunteer-swaps.ts.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { z } from 'zod'
import {
  skillsToMask,
  type OpenShift,
  type OpenShiftQuery,
  type ServiceInput,
  type ServicePatch,
  type Shift,
  type ShiftCancelInput,
  type ShiftInput,
  type ShiftPatch,
  type TeamWeek,
  maskToSkills,
} from '../../shared/schemas/volunteer'
import { shiftTimeProblem, uncoveredSkills, weeklyOccurrences } from '../../shared/rules/volunteer'
import { regionChain } from '../../shared/rules/region'
import { beijingWeekStart } from '../../shared/time/beijing'
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import type { VolunteerServiceRow } from '../db/volunteer.table'
import { usableHub } from './hubs'
import { findShift, shiftsWithService, toService, toShift, type ShiftWithService } from '../db/volunteer.repository'
import { LIVE_SIGNUP, notifyShift, promoteShiftWaitlist, withdrawOpenSwaps } from '../db/shift-signup.repository'
import { nextVersion } from '../db/version'
import { DomainError, notFound } from '../errors'
import { assertLeadsTeam } from './team-authz'
import { audit } from './audit'
import type { DomainContext } from './context'

const DAY = 86_400_000
const iso = (t: string | number) => new Date(t).toISOString()

const TIME_MESSAGES = {
  ends_before_start: 'a shift must end after it starts',
  shift_too_short: 'a shift lasts at least 15 minutes',
  shift_too_long: 'a shift lasts at most 24 hours',
} as const

function assertShiftTimes(startsAt: string, endsAt: string) {
  const problem = shiftTimeProblem(startsAt, endsAt)
  if (problem) throw new DomainError(problem, TIME_MESSAGES[problem])
}

/** The shift (with its service's title and venue), or shift_not_found. */
export async function mustFindShift(db: Executor, id: string): Promise<ShiftWithService> {
  const shift = await findShift(db, id)
  if (!shift) throw new DomainError('shift_not_found', 'there is no such shift')
  return shift
}

async function mustFindService(db: Executor, id: string): Promise<VolunteerServiceRow> {
  const row = await db.selectFrom('volunteer_services').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('service')
  return row
}

/** The team, if the caller leads it and it is active (services and shifts are planned for active teams only). */
async function assertLeadsActiveTeam(db: Executor, user: UserRow, teamId: string) {
  const team = await assertLeadsTeam(db, user, teamId)
  if (team.status !== 'active') throw new DomainError('team_not_active', 'this team is not active')
  return team
}

async function assertRegion(db: Executor, code: string | null | undefined) {
  if (code && !(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst()))
    throw new DomainError('unknown_region', 'there is no such region')
}

// ---------- services ----------

export async function createService({ trx, user, clock }: DomainContext, teamId: string, input: ServiceInput) {
  const team = await assertLeadsActiveTeam(trx, user, teamId)
  const regionCode = input.regionCode !== undefined ? input.regionCode : team.region_code
  await assertRegion(trx, regionCode)
  if (input.hubId) await usableHub(trx, input.hubId, team.org_id)
  const now = clock.now().toISOString()
  const row = await trx
    .insertInto('volunteer_services')
    .values({
      id: randomUUID(),
      team_id: team.id,
      title: input.title,
      description: input.description,
      venue_address: input.venueAddress,
      region_code: regionCode ?? null,
      hub_id: input.hubId ?? null,
      status: 'active',
      created_by: user.id,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(trx, { actorId: user.id, action: 'volunteer.service.create', orgId: team.org_id, target: row.id, at: clock.now() })
  return toService(row)
}

export async function listServices(db: Executor, user: UserRow, teamId: string) {
  await assertLeadsTeam(db, user, teamId)
  const rows = await db.selectFrom('volunteer_services').selectAll().where('team_id', '=', teamId).orderBy('created_at').execute()
  return { items: rows.map(toService) }
}

/** A new title, venue or region reaches every shift of the service: their versions are re-stamped (and the region copied). */
export async function patchService({ trx, user, clock }: DomainContext, id: string, p: z.infer<typeof ServicePatch>) {
  const current = await mustFindService(trx, id)
  const team = await assertLeadsTeam(trx, user, current.team_id)
  await assertRegion(trx, p.regionCode)
  if (p.hubId && p.hubId !== current.hub_id) await usableHub(trx, p.hubId, team.org_id)
  const now = clock.now().toISOString()
  const row = await trx
    .updateTable('volunteer_services')
    .set({
      ...(p.title !== undefined && { title: p.title }),
      ...(p.description !== undefined && { description: p.description }),
      ...(p.venueAddress !== undefined && { venue_address: p.venueAddress }),
      ...(p.regionCode !== undefined && { region_code: p.regionCode }),
      ...(p.hubId !== undefined && { hub_id: p.hubId }),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
  // a new hub too: a kiosk's replica holds the shifts of its hub's services
  if (
    row.title !== current.title ||
    row.venue_address !== current.venue_address ||
    row.region_code !== current.region_code ||
    row.hub_id !== current.hub_id
  ) {
    await trx
      .updateTable('shifts')
      .set({ region_code: row.region_code, updated_at: now, version: await nextVersion(trx) })
      .where('service_id', '=', id)
      .execute()
  }
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.service.edit',
    orgId: team.org_id,
    target: id,
    detail: { fields: Object.keys(p) },
    at: clock.now(),
  })
  return toService(row)
}

// ---------- shifts ----------

const shiftsByIds = async (db: Executor, ids: string[]): Promise<Shift[]> =>
  ids.length ? (await shiftsWithService(db).where('s.id', 'in', ids).orderBy('s.starts_at').execute()).map(toShift) : []

/** One shift, or the same shift every week `repeatWeeks` times in all (one series id). */
export async function createShifts({ trx, user, clock }: DomainContext, serviceId: string, input: ShiftInput): Promise<Shift[]> {
  const service = await mustFindService(trx, serviceId)
  const team = await assertLeadsActiveTeam(trx, user, service.team_id)
  if (service.status !== 'active') throw notFound('service')
  assertShiftTimes(input.startsAt, input.endsAt)
  const occurrences = weeklyOccurrences(input.startsAt, input.endsAt, input.repeatWeeks)
  const seriesId = occurrences.length > 1 ? randomUUID() : null
  const now = clock.now().toISOString()
  const ids: string[] = []
  for (const o of occurrences) {
    const id = randomUUID()
    ids.push(id)
    await trx
      .insertInto('shifts')
      .values({
        id,
        service_id: service.id,
        team_id: service.team_id,
        region_code: service.region_code,
        starts_at: o.startsAt,
        ends_at: o.endsAt,
        slots: input.slots,
        required_skills_mask: skillsToMask(input.requiredSkills),
        series_id: seriesId,
        status: 'open',
        created_at: now,
        updated_at: now,
        version: await nextVersion(trx),
      })
      .execute()
  }
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.shift.create',
    orgId: team.org_id,
    target: ids[0],
    detail: { serviceId, count: ids.length, seriesId },
    at: clock.now(),
  })
  return shiftsByIds(trx, ids)
}

/** The shift alone, or (`series`) it and the later open shifts of its series. */
async function targetsOf(db: Executor, shift: ShiftWithService, series: boolean | undefined): Promise<ShiftWithService[]> {
  if (!series || !shift.series_id) return [shift]
  return shiftsWithService(db)
    .where('s.series_id', '=', shift.series_id)
    .where('s.starts_at', '>=', shift.starts_at)
    .where('s.status', '=', 'open')
    .orderBy('s.starts_at')
    .execute()
}

/**
 * Edits one shift or (`series: true`) it and the later ones of its series: a new start or end moves
 * each by the same amount, so a weekly series stays weekly. Fewer slots than taken is allowed (nobody
 * is dropped, no new sign-up gets a slot); more slots let the waitlist in at once.
 */
export async function patchShift({ trx, user, clock }: DomainContext, id: string, p: z.infer<typeof ShiftPatch>): Promise<Shift[]> {
  const shift = await mustFindShift(trx, id)
  const team = await assertLeadsTeam(trx, user, shift.team_id)
  if (shift.status === 'cancelled') throw new DomainError('shift_cancelled', 'a cancelled shift cannot be edited')
  const moveStart = p.startsAt ? Date.parse(p.startsAt) - Date.parse(shift.starts_at) : 0
  const moveEnd = p.endsAt ? Date.parse(p.endsAt) - Date.parse(shift.ends_at) : 0
  const targets = await targetsOf(trx, shift, p.series)
  const now = clock.now()
  for (const t of targets) {
    const startsAt = iso(Date.parse(t.starts_at) + moveStart)
    const endsAt = iso(Date.parse(t.ends_at) + moveEnd)
    assertShiftTimes(startsAt, endsAt)
    await trx
      .updateTable('shifts')
      .set({
        starts_at: startsAt,
        ends_at: endsAt,
        ...(p.slots !== undefined && { slots: p.slots }),
        ...(p.requiredSkills !== undefined && { required_skills_mask: skillsToMask(p.requiredSkills) }),
        updated_at: now.toISOString(),
        version: await nextVersion(trx),
      })
      .where('id', '=', t.id)
      .execute()
    await promoteShiftWaitlist(trx, t.id, now)
  }
  const { series: _series, ...fields } = p
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.shift.edit',
    orgId: team.org_id,
    target: id,
    detail: { fields: Object.keys(fields), count: targets.length },
    at: now,
  })
  return shiftsByIds(
    trx,
    targets.map((t) => t.id),
  )
}

/** Cancels one shift or (`series`) it and the later ones: every sign-up ends, places are freed, each person is told with the reason. */
export async function cancelShift(
  { trx, user, clock }: DomainContext,
  id: string,
  input: z.infer<typeof ShiftCancelInput>,
): Promise<Shift[]> {
  const shift = await mustFindShift(trx, id)
  const team = await assertLeadsTeam(trx, user, shift.team_id)
  if (shift.status === 'cancelled') throw new DomainError('shift_cancelled', 'this shift is already cancelled')
  const targets = await targetsOf(trx, shift, input.series)
  const now = clock.now()
  const at = now.toISOString()
  const reason = input.reason ?? null
  let told = 0
  for (const t of targets) {
    await trx
      .updateTable('shifts')
      .set({ status: 'cancelled', cancel_reason: reason, places_taken: 0, updated_at: at, version: await nextVersion(trx) })
      .where('id', '=', t.id)
      .execute()
    const live = await trx
      .selectFrom('shift_signups')
      .select(['id', 'user_id'])
      .where('shift_id', '=', t.id)
      .where('status', 'in', LIVE_SIGNUP)
      .orderBy('seq')
      .execute()
    if (!live.length) continue
    const ids = live.map((s) => s.id)
    await trx
      .updateTable('shift_signups')
      .set({ status: 'cancelled', updated_at: at, version: await nextVersion(trx) })
      .where('id', 'in', ids)
      .execute()
    await withdrawOpenSwaps(trx, ids, now)
    for (const s of live) {
      if (!s.user_id || s.user_id === user.id) continue
      await notifyShift(trx, t, { userId: s.user_id, kind: 'shift_cancelled', subjectId: s.id, reason }, now)
      told++
    }
  }
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.shift.cancel',
    orgId: team.org_id,
    target: id,
    detail: { count: targets.length, told },
    at: now,
  })
  return shiftsByIds(
    trx,
    targets.map((t) => t.id),
  )
}

// ---------- reads ----------

/** The team's shifts of one week (Monday 00:00 Beijing time of `start`, or of now), with who is on each and what skills nobody brings. */
export async function teamWeek(db: Executor, user: UserRow, teamId: string, start: string | undefined, now: Date): Promise<TeamWeek> {
  await assertLeadsTeam(db, user, teamId)
  const from = beijingWeekStart(start ?? now)
  const to = iso(Date.parse(from) + 7 * DAY)
  const shifts = await shiftsWithService(db)
    .where('s.team_id', '=', teamId)
    .where('s.starts_at', '>=', from)
    .where('s.starts_at', '<', to)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute()
  const people = shifts.length
    ? await db
        .selectFrom('shift_signups as g')
        .leftJoin('users as u', 'u.id', 'g.user_id')
        .leftJoin('team_members as m', (j) =>
          j.onRef('m.team_id', '=', 'g.team_id').onRef('m.user_id', '=', 'g.user_id').on('m.status', '=', 'active'),
        )
        .select(['g.id', 'g.shift_id', 'g.status', 'g.confirmed_at', 'g.checked_in_at', 'g.walk_in_name', 'u.name', 'm.skills_mask'])
        .where(
          'g.shift_id',
          'in',
          shifts.map((s) => s.id),
        )
        .where('g.status', 'in', LIVE_SIGNUP)
        .orderBy('g.seq')
        .execute()
    : []
  return {
    teamId,
    start: from,
    end: to,
    shifts: shifts.map((s) => {
      const mine = people.filter((p) => p.shift_id === s.id)
      const signedUp = mine.filter((p) => p.status === 'signed_up')
      return {
        ...toShift(s),
        people: mine.map((p) => ({
          signupId: p.id,
          name: p.name ?? p.walk_in_name ?? '',
          status: p.status,
          confirmed: p.confirmed_at !== null,
          checkedIn: p.checked_in_at !== null,
        })),
        waitlistCount: mine.length - signedUp.length,
        missingSkills: uncoveredSkills(
          maskToSkills(s.required_skills_mask),
          signedUp.map((p) => maskToSkills(p.skills_mask ?? 0)),
        ),
      }
    }),
  }
}

/**
 * Open shifts with places left that have not started, of active teams, soonest first: near the
 * caller (their region's chain, everything below it, and shifts without a region) or under a
 * region, optionally requiring none or one of the given skills. One row past the page says more follow.
 */
export async function openShifts(
  db: Executor,
  user: Pick<UserRow, 'region_code'> | null,
  q: z.infer<typeof OpenShiftQuery>,
  now: Date,
): Promise<{ items: OpenShift[]; page: number; pageSize: number; hasMore: boolean }> {
  let query = shiftsWithService(db)
    .innerJoin('volunteer_teams as t', 't.id', 's.team_id')
    .innerJoin('organizations as o', 'o.id', 't.org_id')
    .select(['t.name as team_name', 'o.name as org_name'])
    .where('s.status', '=', 'open')
    .where('t.status', '=', 'active')
    .where('s.starts_at', '>', now.toISOString())
    .whereRef('s.places_taken', '<', 's.slots')
  if (q.from) query = query.where('s.starts_at', '>=', iso(q.from))
  if (q.near) {
    const region = q.region ?? user?.region_code
    if (!region) throw new DomainError('region_required', 'near=1 needs a region: log in with a region in your profile, or pass region=')
    query = query.where((eb) =>
      eb.or([
        eb('s.region_code', 'is', null),
        eb('s.region_code', 'in', regionChain(region)),
        eb.and([eb('s.region_code', '>', region), eb('s.region_code', '<', `${region}:`)]),
      ]),
    )
  } else if (q.region) {
    query = query.where('s.region_code', '>=', q.region).where('s.region_code', '<', `${q.region}:`)
  }
  if (q.skills?.length) {
    const mask = skillsToMask(q.skills)
    query = query.where((eb) =>
      eb.or([eb('s.required_skills_mask', '=', 0), eb(sql<number>`(${sql.ref('s.required_skills_mask')} & ${mask})`, '<>', 0)]),
    )
  }
  const rows = await query
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(q.pageSize + 1)
    .offset((q.page - 1) * q.pageSize)
    .execute()
  return {
    items: rows.slice(0, q.pageSize).map(({ team_name, org_name, ...r }) => ({ ...toShift(r), teamName: team_name, orgName: org_name })),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  }
}
