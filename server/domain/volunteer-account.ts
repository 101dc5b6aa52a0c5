/**
 * Volunteer services in "export my data" and "delete my account" (PIPL arts. 45 and 47), like
 * activities (activity-account.ts). Export: the person's sign-ups with their attendance and hours
 * (their teams: volunteer-team-account.ts). Deleting: places on shifts not yet started are given up
 * (the place is freed); attendance and hours stay as the team's service record, pointing
 * at the anonymised account; their other devices get tombstones for the synced rows.
 */
import { endSignup } from '../db/shift-signup.repository'
import type { AccountEraser } from './account-delete'
import type { ExportSection } from './account-export'
import { tombstone } from './activity-account'

export const volunteerEraser: AccountEraser = async (trx, user, now) => {
  const at = now.toISOString()
  const upcoming = await trx
    .selectFrom('shift_signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .selectAll('g')
    .where('g.user_id', '=', user.id)
    .where('g.status', 'in', ['signed_up', 'waitlisted'])
    .where('g.checked_in_at', 'is', null)
    .where('s.starts_at', '>', at)
    .execute()
  // a freed place goes to the head of the waitlist, as when the person cancels
  for (const g of upcoming) await endSignup(trx, g, 'cancelled', now)
  const signups = await trx.selectFrom('shift_signups').select(['id', 'checked_in_at']).where('user_id', '=', user.id).execute()
  for (const g of signups) await tombstone(trx, 'shift_signups', g.id, user.id, now)
  const kept = signups.filter((g) => g.checked_in_at !== null).length
  return {
    kept: kept
      ? [
          {
            what: 'volunteerRecords',
            count: kept,
            why: 'teams keep service records (attendance and hours); they now point to an anonymised account (upcoming shifts were given up)',
          },
        ]
      : [],
  }
}

export const volunteerExportSections: ExportSection[] = [
  {
    name: 'volunteerShifts',
    collect: (db, userId) =>
      db
        .selectFrom('shift_signups as g')
        .innerJoin('shifts as s', 's.id', 'g.shift_id')
        .innerJoin('volunteer_services as v', 'v.id', 's.service_id')
        .innerJoin('volunteer_teams as t', 't.id', 'g.team_id')
        .select([
          'g.id',
          'g.shift_id as shiftId',
          't.name as teamName',
          'v.title as serviceTitle',
          'v.venue_address as venueAddress',
          's.starts_at as startsAt',
          's.ends_at as endsAt',
          'g.status',
          'g.source',
          'g.confirmed_at as confirmedAt',
          'g.checked_in_at as checkedInAt',
          'g.checked_out_at as checkedOutAt',
          'g.no_show as noShow',
          'g.hours_status as hoursStatus',
          'g.credited_minutes as creditedMinutes',
          'g.correction_reason as correctionReason',
          'g.approved_at as approvedAt',
          'g.created_at as createdAt',
        ])
        .where('g.user_id', '=', userId)
        .orderBy('s.starts_at')
        .execute(),
  },
]
