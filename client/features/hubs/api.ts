/** Hubs (阵地) as everyone reads them: the public list (pickers, the org page) and a hub's page. */
import { HubList, HubPage, type HubListQuery } from '../../../shared/schemas/hub'
import { apiRequest } from '../../api/http'

const enc = encodeURIComponent

function query(params: Partial<Record<keyof HubListQuery, string | number | undefined>>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

export const hubApi = {
  /** active hubs only (GET /api/hubs) */
  list: (p: Partial<HubListQuery> = {}) => apiRequest('GET', `/hubs${query(p)}`, HubList),
  /** the hub with its upcoming activities and open shifts (GET /api/hubs/{id}) */
  page: (id: string) => apiRequest('GET', `/hubs/${enc(id)}`, HubPage),
}
