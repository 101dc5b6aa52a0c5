/** The status tabs of the staff request lists, and the query each one asks for. */
import type { AdminRequestQuery, LeadRequestQuery } from '../../../shared/schemas/service-request'

export const ADMIN_REQUEST_TABS = ['ordered', 'dispatched', 'accepted', 'done', 'rated', 'closed', 'overdue', 'all'] as const
export type AdminRequestTab = (typeof ADMIN_REQUEST_TABS)[number]
export function adminTabQuery(tab: AdminRequestTab): Partial<AdminRequestQuery> {
  if (tab === 'all') return {}
  if (tab === 'overdue') return { overdue: 'true' }
  return { status: tab }
}

export const LEAD_REQUEST_TABS = ['dispatched', 'accepted', 'done', 'rated', 'all'] as const
export type LeadRequestTab = (typeof LEAD_REQUEST_TABS)[number]
export const leadTabQuery = (tab: LeadRequestTab): Partial<LeadRequestQuery> => (tab === 'all' ? {} : { status: tab })
