/**
 * Activities in "export my data" and "delete my account" (PIPL arts. 45 and 47).
 * Deleting: live registrations for activities not yet over are cancelled (a held place goes to the
 * waitlist's head at once); past registrations and check-ins stay as the organiser's attendance
 * record, pointing at the anonymised account; the person's other devices get tombstones for their
 * synced rows; the calendar feed token goes.
 */
import type { Executor } from '../db/database'
import type { RegistrationRow } from '../db/activity.table'
import { nextVersion } from '../db/version'
import { endRegistration } from '../db/activity-registration.repository'
import { revokeCalendarToken } from '../db/activity-calendar.repository'
import { LIVE_REGISTRATION, creditedHours } from '../../shared/rules/activity'
import type { AccountEraser } from './account-delete'
import type { ExportSection } from './account-export'

/** A tombstone for one of the person's synced rows, so their other devices drop it on the next pull. */
export async function tombstone(trx: Executor, table: string, rowId: string, userId: string, now: Date) {
  const version = await nextVersion(trx)
  const values = { table_name: table, row_id: rowId, version, user_id: userId, org_id: null, deleted_at: now.toISOString() }
  await trx
    .insertInto('tombstones')
    .values(values)
    .onConflict((oc) => oc.columns(['table_name', 'row_id']).doUpdateSet({ version, user_id: userId, deleted_at: values.deleted_at }))
    .execute()
}

export const activityEraser: AccountEraser = async (trx, user, now) => {
  const live = (await trx
    .selectFrom('registrations as r')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .selectAll('r')
    .where('r.user_id', '=', user.id)
    .where('r.status', 'in', LIVE_REGISTRATION)
    .where('a.ends_at', '>', now.toISOString())
    .execute()) as RegistrationRow[]
  for (const r of live) await endRegistration(trx, r, 'cancelled', now)
  const regs = await trx.selectFrom('registrations').select('id').where('user_id', '=', user.id).execute()
  for (const r of regs) await tombstone(trx, 'registrations', r.id, user.id, now)
  const checkIns = await trx.selectFrom('check_ins').select('id').where('user_id', '=', user.id).execute()
  for (const c of checkIns) await tombstone(trx, 'check_ins', c.id, user.id, now)
  const tokens = (await revokeCalendarToken(trx, user.id)) ? 1 : 0
  // only what there was: a person who never took part in an activity hears nothing about them
  const kept = regs.length + checkIns.length
  return {
    removed: tokens ? [{ what: 'calendarToken', count: tokens }] : [],
    kept: kept
      ? [
          {
            what: 'activityRecords',
            count: kept,
            why: 'organisers keep attendance records; they now point to an anonymised account (upcoming registrations were cancelled)',
          },
        ]
      : [],
  }
}

export const activityExportSections: ExportSection[] = [
  {
    name: 'activityRegistrations',
    collect: (db, userId) =>
      db
        .selectFrom('registrations as r')
        .innerJoin('activities as a', 'a.id', 'r.activity_id')
        .select([
          'r.id',
          'r.activity_id as activityId',
          'a.title as activityTitle',
          'a.starts_at as startsAt',
          'r.status',
          'r.created_at as createdAt',
          'r.updated_at as updatedAt',
        ])
        .where('r.user_id', '=', userId)
        .orderBy('r.created_at')
        .execute(),
  },
  {
    name: 'activityCheckIns',
    // creditHours: what this check-in credits (none outside the check-in window; shared/rules/activity.ts)
    collect: async (db, userId) =>
      (
        await db
          .selectFrom('check_ins as c')
          .innerJoin('activities as a', 'a.id', 'c.activity_id')
          .select([
            'c.id',
            'c.activity_id as activityId',
            'a.title as activityTitle',
            'a.credit_hours as creditHours',
            'a.starts_at',
            'a.ends_at',
            'a.check_in_opens_minutes_before',
            'c.method',
            'c.at',
          ])
          .where('c.user_id', '=', userId)
          .orderBy('c.at')
          .execute()
      ).map(({ starts_at, ends_at, check_in_opens_minutes_before, ...c }) => ({
        ...c,
        creditHours: creditedHours(
          { creditHours: c.creditHours, startsAt: starts_at, endsAt: ends_at, checkInOpensMinutesBefore: check_in_opens_minutes_before },
          c.at,
        ),
      })),
  },
]
