/**
 * REST calls of the organiser side of activities: publish, edit, cancel, the attendance list and
 * decisions on registrations awaiting approval. Check-ins go through the sync engine instead.
 */
import { z } from 'zod'
import {
  ActivityDetail,
  Attendance,
  AttendanceItem,
  OrganiserActivityPage,
  RegistrationDecision,
  type ActivityInput,
  type ActivityPatch,
} from '../../../shared/schemas/activity'
import { CardPublicKeys } from '../../../shared/schemas/card'
import { apiRequest } from '../../api/http'

/** An attendance line; `registrationId` (null for a walk-in) is what approve and reject act on. */
export const OrganiserAttendanceItem = AttendanceItem
export type OrganiserAttendanceItem = z.infer<typeof OrganiserAttendanceItem>
export const OrganiserAttendance = Attendance
export type OrganiserAttendance = z.infer<typeof OrganiserAttendance>

const enc = encodeURIComponent

export const adminActivityApi = {
  /** What the caller organises (admins: their organisations and everything below; cancelled ones too), with waitlist lengths. */
  list: (p: { from: string; page?: number; pageSize?: number }) => {
    const q = new URLSearchParams({ from: p.from, page: String(p.page ?? 1), pageSize: String(p.pageSize ?? 100) })
    return apiRequest('GET', `/admin/activities?${q}`, OrganiserActivityPage)
  },
  detail: (id: string) => apiRequest('GET', `/activities/${enc(id)}`, ActivityDetail),
  publish: (input: ActivityInput) => apiRequest('POST', '/activities', ActivityDetail, input),
  edit: (id: string, patch: ActivityPatch) => apiRequest('PATCH', `/activities/${enc(id)}`, ActivityDetail, patch),
  cancel: (id: string, body: { reason?: string }) => apiRequest('POST', `/activities/${enc(id)}/cancel`, ActivityDetail, body),
  attendance: (id: string) => apiRequest('GET', `/activities/${enc(id)}/attendance`, OrganiserAttendance),
  decide: (id: string, registrationId: string, decision: 'approve' | 'reject') =>
    apiRequest('POST', `/activities/${enc(id)}/registrations/${enc(registrationId)}/${decision}`, RegistrationDecision, {}),
  publicKeys: () => apiRequest('GET', '/cards/public-keys', CardPublicKeys),
  /** a plain link: the browser downloads it with the session cookie, written in the app's language */
  csvUrl: (id: string, lang: string) => `/api/activities/${enc(id)}/attendance.csv?lang=${enc(lang)}`,
}
