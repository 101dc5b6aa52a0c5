/**
 * Read models over registrations and check-ins: the organiser's attendance list (registrants and
 * walk-ins, with check-in times) and a person's own "我的活动" lists.
 */
import type { Executor } from './database'
import type { ActivityRow, RegistrationRow } from './activity.table'
import type { AttendanceItem, RegistrationStatus } from '../../shared/schemas/activity'
import { maskPhone } from '../../shared/schemas/common'

export interface AttendanceLine extends AttendanceItem {
  /** unmasked, for the explicit-right export only */
  fullPhone: string | null
}

/**
 * Everyone registered (in queue order) or checked in. Cancelled and rejected registrations are left
 * out unless the person came anyway and was checked in.
 */
export async function attendanceLines(db: Executor, activityId: string): Promise<AttendanceLine[]> {
  const registrations = await db
    .selectFrom('registrations as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('check_ins as c', (j) => j.onRef('c.activity_id', '=', 'r.activity_id').onRef('c.user_id', '=', 'r.user_id'))
    .select(['r.id', 'r.user_id', 'u.name', 'u.phone', 'r.status', 'r.created_at', 'r.seq', 'c.at', 'c.method'])
    .where('r.activity_id', '=', activityId)
    .where((eb) => eb.or([eb('r.status', 'in', ['registered', 'waitlisted', 'pending_approval']), eb('c.id', 'is not', null)]))
    .orderBy('r.seq')
    .execute()
  const seen = new Set(registrations.map((r) => r.user_id))
  const others = await db
    .selectFrom('check_ins as c')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.user_id', 'c.walk_in_name', 'u.name', 'u.phone', 'c.at', 'c.method'])
    .where('c.activity_id', '=', activityId)
    .orderBy('c.at')
    .orderBy('c.id')
    .execute()
  const memberNos = await memberNumbers(db, [
    ...new Set([...registrations.map((r) => r.user_id), ...others.flatMap((o) => (o.user_id ? [o.user_id] : []))]),
  ])
  const lines: AttendanceLine[] = registrations.map((r) => ({
    registrationId: r.id,
    name: r.name,
    phone: maskPhone(r.phone),
    fullPhone: r.phone,
    memberNo: memberNos.get(r.user_id)?.[0] ?? null,
    memberNos: memberNos.get(r.user_id) ?? [],
    registrationStatus: r.status,
    registeredAt: r.created_at,
    checkedInAt: r.at,
    method: r.method,
  }))
  for (const o of others) {
    if (o.user_id && seen.has(o.user_id)) continue
    lines.push({
      registrationId: null,
      name: o.name ?? o.walk_in_name ?? '',
      phone: o.phone ? maskPhone(o.phone) : null,
      fullPhone: o.phone,
      memberNo: o.user_id ? (memberNos.get(o.user_id)?.[0] ?? null) : null,
      memberNos: o.user_id ? (memberNos.get(o.user_id) ?? []) : [],
      registrationStatus: null,
      registeredAt: null,
      checkedInAt: o.at,
      method: o.method,
    })
  }
  return lines
}

/** Each person's active member numbers, oldest membership first (the list shows the first; check-in takes any). */
export async function memberNumbers(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>()
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('memberships')
      .select(['user_id', 'member_no'])
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .where('status', '=', 'active')
      .where('member_no', 'is not', null)
      .orderBy('created_at')
      .execute()
    for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.member_no!])
  }
  return map
}

/** The person's registrations with their activities and organisers, and their check-ins without a registration. */
export async function myActivityRows(db: Executor, userId: string) {
  const registrations = await db
    .selectFrom('registrations as r')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .leftJoin('check_ins as c', (j) => j.onRef('c.activity_id', '=', 'r.activity_id').onRef('c.user_id', '=', 'r.user_id'))
    .selectAll('a')
    .select([
      'o.name as org_name',
      'r.id as r_id',
      'r.status as r_status',
      'r.seq as r_seq',
      'r.created_at as r_created_at',
      'r.updated_at as r_updated_at',
      'r.version as r_version',
      'c.at as checked_in_at',
    ])
    .where('r.user_id', '=', userId)
    .orderBy('a.starts_at')
    .execute()
  const walkIns = await db
    .selectFrom('check_ins as c')
    .innerJoin('activities as a', 'a.id', 'c.activity_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .selectAll('a')
    .select(['o.name as org_name', 'c.at as checked_in_at'])
    .where('c.user_id', '=', userId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('registrations as r')
            .select('r.id')
            .whereRef('r.activity_id', '=', 'c.activity_id')
            .where('r.user_id', '=', userId),
        ),
      ),
    )
    .orderBy('a.starts_at')
    .execute()
  return { registrations, walkIns }
}

export const registrationOf = (
  r: {
    r_id: string
    id: string
    r_status: RegistrationStatus
    r_seq: number
    r_created_at: string
    r_updated_at: string
    r_version: number
  },
  userId: string,
): RegistrationRow => ({
  id: r.r_id,
  activity_id: r.id,
  user_id: userId,
  status: r.r_status,
  seq: r.r_seq,
  created_at: r.r_created_at,
  updated_at: r.r_updated_at,
  version: r.r_version,
})
export type MyActivityRow = ActivityRow & { org_name: string; checked_in_at: string | null }
