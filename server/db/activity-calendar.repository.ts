/**
 * Personal calendar feeds: calendar apps cannot send our session cookie, so the feed URL carries a
 * per-person secret token. Only its sha256 is stored; issuing a new one revokes the old, and the
 * person can revoke it outright.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Executor } from './database'
import type { ActivityRow } from './activity.table'
import type { RegistrationStatus } from '../../shared/schemas/activity'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function issueCalendarToken(db: Executor, userId: string, now: Date): Promise<string> {
  const token = randomBytes(24).toString('base64url')
  const values = { user_id: userId, token_hash: hashToken(token), created_at: now.toISOString() }
  await db
    .insertInto('calendar_tokens')
    .values(values)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: values.token_hash, created_at: values.created_at }))
    .execute()
  return token
}

export async function revokeCalendarToken(db: Executor, userId: string): Promise<boolean> {
  const res = await db.deleteFrom('calendar_tokens').where('user_id', '=', userId).executeTakeFirst()
  return Number(res.numDeletedRows) > 0
}

export async function userIdByCalendarToken(db: Executor, token: string): Promise<string | undefined> {
  const row = await db.selectFrom('calendar_tokens').select('user_id').where('token_hash', '=', hashToken(token)).executeTakeFirst()
  return row?.user_id
}

/** Activities in a person's feed: those they hold a place for or wait for, from 30 days back. */
export function feedActivities(db: Executor, userId: string, now: Date): Promise<Array<ActivityRow & { r_status: RegistrationStatus }>> {
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString()
  return db
    .selectFrom('registrations as r')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .selectAll('a')
    .select('r.status as r_status')
    .where('r.user_id', '=', userId)
    .where('r.status', 'in', ['registered', 'waitlisted', 'pending_approval'])
    .where('a.ends_at', '>=', since)
    .orderBy('a.starts_at')
    .limit(500)
    .execute()
}
