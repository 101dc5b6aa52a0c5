/**
 * REST calls of the leader's request screens (/lead/requests, /lead/requests/:id): the requests
 * dispatched to teams the person leads, accept, decline with a reason, assign volunteers (it
 * becomes a shift of the team) and done with a report. Answers parsed with the shared schemas.
 */
import {
  ServiceRequestDetail,
  ServiceRequestList,
  type DoneInput,
  type LeadRequestQuery,
  type ReasonInput,
  type RequestShiftInput,
} from '../../../shared/schemas/service-request'
import { apiRequest } from '../../api/http'
import { queryString } from '../../features/hubs/admin-api'

const enc = encodeURIComponent
const act = (id: string, action: string) => `/lead/requests/${enc(id)}/${action}`

export const requestLeadApi = {
  list: (query: Partial<LeadRequestQuery> = {}) => apiRequest('GET', `/lead/requests${queryString(query)}`, ServiceRequestList),
  get: (id: string) => apiRequest('GET', `/lead/requests/${enc(id)}`, ServiceRequestDetail),
  accept: (id: string) => apiRequest('POST', act(id, 'accept'), ServiceRequestDetail, {}),
  decline: (id: string, input: ReasonInput) => apiRequest('POST', act(id, 'decline'), ServiceRequestDetail, input),
  assign: (id: string, input: RequestShiftInput) => apiRequest('POST', act(id, 'shift'), ServiceRequestDetail, input),
  done: (id: string, input: DoneInput) => apiRequest('POST', act(id, 'done'), ServiceRequestDetail, input),
}
