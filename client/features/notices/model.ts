/** Pure notice logic (no Vue, no IndexedDB): where a notice leads and its words' parameters. */
import type { Notice } from '../../../shared/schemas/notice'

/**
 * The thing a notice is about: the organisation's page for an application, the request's staff
 * page for a service request (the leader's for a dispatch or a rating, the admin's for a decline or
 * an overdue one), else the activity's.
 */
export function noticeLink(n: Pick<Notice, 'kind' | 'orgId' | 'activityId' | 'subjectId'>): string {
  if (n.kind.startsWith('membership_')) return n.orgId ? `/orgs/${n.orgId}` : '/orgs'
  if (n.kind === 'request_dispatched' || n.kind === 'request_rated') return `/lead/requests/${n.subjectId}`
  if (n.kind === 'request_declined' || n.kind === 'request_overdue') return `/admin/requests/${n.subjectId}`
  return n.activityId ? `/activities/${n.activityId}` : '/activities'
}

/** The i18n key of a notice's headline: notices.kind.<kind>. */
export const noticeKey = (n: Pick<Notice, 'kind'>) => `notices.kind.${n.kind}`

/** How many unread the badge shows: a number up to 99, then "99+". */
export const badgeText = (n: number) => (n > 99 ? '99+' : String(n))
