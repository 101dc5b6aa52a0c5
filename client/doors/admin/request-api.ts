/**
 * REST calls of the admin's request screens (/admin/requests, /admin/requests/:id): the queue of
 * the hubs in the admin's area, one request with its timeline, the suggested teams, dispatch
 * (also re-dispatch) and close. Answers parsed with shared/schemas/service-request.ts.
 */
import {
  ServiceRequestDetail,
  ServiceRequestList,
  TeamSuggestions,
  type AdminRequestQuery,
  type DispatchInput,
  type ReasonInput,
} from '../../../shared/schemas/service-request'
import { apiRequest } from '../../api/http'
import { queryString } from '../../features/hubs/admin-api'

const enc = encodeURIComponent

export const requestAdminApi = {
  list: (query: Partial<AdminRequestQuery> = {}) => apiRequest('GET', `/admin/requests${queryString(query)}`, ServiceRequestList),
  get: (id: string) => apiRequest('GET', `/admin/requests/${enc(id)}`, ServiceRequestDetail),
  suggestions: (id: string) => apiRequest('GET', `/admin/requests/${enc(id)}/suggestions`, TeamSuggestions),
  dispatch: (id: string, input: DispatchInput) => apiRequest('POST', `/admin/requests/${enc(id)}/dispatch`, ServiceRequestDetail, input),
  close: (id: string, input: ReasonInput) => apiRequest('POST', `/admin/requests/${enc(id)}/close`, ServiceRequestDetail, input),
}
