/** The resident's follow-up of a service request (no session): look it up by number + phone, rate it once done. */
import { RequestTrack, type RequestLookupInput, type RequestRateInput } from '../../../shared/schemas/service-request'
import { apiRequest } from '../../api/http'

export const requestApi = {
  lookup: (input: RequestLookupInput) => apiRequest('POST', '/requests/lookup', RequestTrack, input),
  rate: (input: RequestRateInput) => apiRequest('POST', '/requests/rate', RequestTrack, input),
}
