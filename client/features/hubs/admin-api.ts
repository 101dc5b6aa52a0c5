/**
 * REST calls of the admin's hub screens (/admin/hubs, /admin/hubs/:id): list and register hubs,
 * edit or close one, its kiosks (revoked through the existing device route) and one-time enrolment
 * codes. Every answer is parsed with the shared schema of shared/schemas/hub.ts.
 */
import { DeviceInfo } from '../../../shared/schemas/device'
import {
  EnrolmentCodeIssued,
  Hub,
  HubAdminView,
  HubList,
  type HubCreateInput,
  type HubListQuery,
  type HubPatch,
} from '../../../shared/schemas/hub'
import { apiRequest } from '../../api/http'

const enc = encodeURIComponent

/** `?a=1&b=2` of the defined, non-empty values ('' when none). */
export function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value))
  const s = params.toString()
  return s ? `?${s}` : ''
}

export const hubAdminApi = {
  list: (query: Partial<HubListQuery> = {}) => apiRequest('GET', `/admin/hubs${queryString(query)}`, HubList),
  create: (input: HubCreateInput) => apiRequest('POST', '/admin/hubs', Hub, input),
  get: (id: string) => apiRequest('GET', `/admin/hubs/${enc(id)}`, HubAdminView),
  update: (id: string, patch: HubPatch) => apiRequest('PATCH', `/admin/hubs/${enc(id)}`, Hub, patch),
  /** a one-time code (shown once, XXXX-XXXX) a kiosk enrols with, valid 24 hours */
  issueCode: (id: string) => apiRequest('POST', `/admin/hubs/${enc(id)}/enrolment-codes`, EnrolmentCodeIssued, {}),
  revokeKiosk: (deviceId: string) => apiRequest('POST', `/admin/devices/${enc(deviceId)}/revoke`, DeviceInfo, {}),
}
