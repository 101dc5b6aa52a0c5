/** The personal calendar feed link as a credential: whoever ends it, it is audited the same way. */
import type { Executor } from '../db/database'
import { revokeCalendarToken } from '../db/activity-calendar.repository'
import { audit, type AuditAction } from './audit'

/**
 * Revokes the person's calendar feed link, audited when there was one. `reason` names the action
 * that took the link with it (a password change, ending the other sessions); none when the person
 * revoked the link itself. Returns whether there was a link.
 */
export async function revokeCalendarFeed(db: Executor, userId: string, at: Date, reason?: AuditAction): Promise<boolean> {
  if (!(await revokeCalendarToken(db, userId))) return false
  await audit(db, { actorId: userId, action: 'calendar.token_revoke', target: userId, detail: reason ? { reason } : null, at })
  return true
}
