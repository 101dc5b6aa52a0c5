/** The person's own sessions, data export and account deletion (server/routes/sessions.ts, account.ts). */
import { DeleteAccountResult, EndedSessions, SessionList, type DeleteAccountInput } from '../../../shared/schemas/account'
import { apiRequest } from '../../api/http'

export const securityApi = {
  sessions: () => apiRequest('GET', '/me/sessions', SessionList),
  endSession: (id: string) => apiRequest('POST', `/me/sessions/${encodeURIComponent(id)}/end`, EndedSessions, {}),
  endOthers: () => apiRequest('POST', '/me/sessions/end-others', EndedSessions, {}),
  deleteAccount: (input: DeleteAccountInput) => apiRequest('POST', '/me/delete', DeleteAccountResult, input),
}

/** Where the browser downloads the export: a plain link, so the file lands in Downloads. */
export const EXPORT_URL = '/api/me/export'
