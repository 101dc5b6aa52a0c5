/** REST reads for the member side of activities: discovery, one activity, 我的活动, the calendar feed. */
import { z } from 'zod'
import { ActivityDetail, ActivityPage, CalendarToken, MyActivities, type ActivityKind } from '../../../shared/schemas/activity'
import { apiRequest } from '../../api/http'

export interface ActivityListParams {
  near?: boolean
  region?: string
  org?: string
  kind?: ActivityKind
  from?: string
  to?: string
  page?: number
  pageSize?: number
}

function query(p: ActivityListParams): string {
  const q = new URLSearchParams()
  if (p.near) q.set('near', '1')
  for (const key of ['region', 'org', 'kind', 'from', 'to', 'page', 'pageSize'] as const) {
    const v = p[key]
    if (v !== undefined && v !== '') q.set(key, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export const activityApi = {
  list: (p: ActivityListParams) => apiRequest('GET', `/activities${query(p)}`, ActivityPage),
  detail: (id: string) => apiRequest('GET', `/activities/${encodeURIComponent(id)}`, ActivityDetail),
  mine: () => apiRequest('GET', '/me/activities', MyActivities),
  issueCalendarToken: () => apiRequest('POST', '/me/calendar-token', CalendarToken, {}),
  revokeCalendarToken: () => apiRequest('DELETE', '/me/calendar-token', z.unknown()),
  /** the one-activity .ics file: a plain link, so the browser downloads it */
  icsUrl: (id: string) => `/api/activities/${encodeURIComponent(id)}/ics`,
}
