/** Organisation search and pages, member cards, and the admin's application queue (REST reads). */
import { z } from 'zod'
import { OrgDetail, OrgPage, OrgSuggestions, type OrgSearchQuery } from '../../../shared/schemas/organization'
import {
  AdminMembershipItem,
  AdminMembershipPage,
  BulkDecisionResult,
  type AdminMembershipQuery,
  type BulkDecisionInput,
} from '../../../shared/schemas/membership'
import { CardPublicKeys, MemberCardList } from '../../../shared/schemas/card'
import { AdminResetCode } from '../../../shared/schemas/sms'
import { apiRequest } from '../../api/http'

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

export const orgApi = {
  search: (p: Partial<OrgSearchQuery>) => apiRequest('GET', `/orgs${query(p)}`, OrgPage),
  detail: (id: string) => apiRequest('GET', `/orgs/${encodeURIComponent(id)}`, OrgDetail),
  suggest: () => apiRequest('GET', '/orgs/suggest', OrgSuggestions),
  cards: () => apiRequest('GET', '/cards', MemberCardList),
  publicKeys: () => apiRequest('GET', '/cards/public-keys', CardPublicKeys),
  members: (orgId: string, page = 1) =>
    apiRequest('GET', `/admin/orgs/${encodeURIComponent(orgId)}/members?page=${page}`, AdminMembershipPage),
  pending: (f: Partial<Pick<AdminMembershipQuery, 'orgId' | 'discipline' | 'region' | 'page' | 'pageSize'>> = {}) =>
    apiRequest('GET', `/admin/memberships${query({ status: 'pending', ...f })}`, AdminMembershipPage),
  /** approve, or refuse with one reason, several applications at once (all or none) */
  decideMany: (input: BulkDecisionInput) => apiRequest('POST', '/admin/memberships/decisions', BulkDecisionResult, input),
  approve: (id: string) => apiRequest('POST', `/admin/memberships/${id}/approve`, z.unknown(), {}),
  reject: (id: string, reason: string) => apiRequest('POST', `/admin/memberships/${id}/reject`, z.unknown(), { reason }),
  setRole: (id: string, role: 'member' | 'organiser') => apiRequest('POST', `/admin/memberships/${id}/role`, AdminMembershipItem, { role }),
  /** a one-time password reset code for the member (shown once; audited) */
  resetCode: (id: string) => apiRequest('POST', `/admin/memberships/${id}/reset-code`, AdminResetCode),
}
export type AdminItem = z.infer<typeof AdminMembershipItem>
