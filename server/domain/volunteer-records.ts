/**
 * Approved volunteer service records (志愿服务记录): the only minutes that count anywhere. Read by
 * the team's CSV export (volunteer-records-export.ts) and the person's certificate
 * (volunteer-certificate.ts): who served, what service, where, when, how long, recorded by which
 * team of which organisation and certified by which leader (谁记录谁证明).
 */
import type { Executor } from '../db/database'

export function approvedRecords(db: Executor) {
  return db
    .selectFrom('shift_signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('volunteer_services as v', 'v.id', 's.service_id')
    .innerJoin('volunteer_teams as t', 't.id', 'g.team_id')
    .innerJoin('organizations as o', 'o.id', 't.org_id')
    .leftJoin('users as u', 'u.id', 'g.user_id')
    .leftJoin('users as a', 'a.id', 'g.approved_by')
    .select([
      'g.id as signup_id',
      'g.user_id',
      'g.walk_in_name',
      'g.credited_minutes',
      'g.approved_at',
      'u.name as user_name',
      'u.phone as user_phone',
      'a.name as approver_name',
      's.starts_at',
      's.ends_at',
      'v.title as service_title',
      'v.venue_address',
      't.name as team_name',
      'o.name as org_name',
    ])
    .where('g.hours_status', '=', 'approved')
    .orderBy('s.starts_at')
    .orderBy('g.seq')
}
export type ApprovedRecord = Awaited<ReturnType<ReturnType<typeof approvedRecords>['execute']>>[number]

/** 谁记录谁证明: the team that recorded it and the leader who approved it. */
export const certifiedBy = (r: Pick<ApprovedRecord, 'team_name' | 'approver_name'>) =>
  r.approver_name ? `${r.team_name} ${r.approver_name}` : r.team_name
