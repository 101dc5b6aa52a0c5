/** REST reads of the member's 志愿 screens: team discovery and pages, teammates, open shifts, the service certificate. */
import {
  OpenShiftPage,
  TeamDetail,
  TeamPage,
  Teammates,
  VolunteerCertificate,
  type VolunteerSkill,
} from '../../../shared/schemas/volunteer'
import { apiRequest } from '../../api/http'

export interface TeamListParams {
  near?: boolean
  region?: string
  skill?: VolunteerSkill
  q?: string
  page?: number
}
export interface OpenShiftParams {
  near?: boolean
  region?: string
  skills?: readonly VolunteerSkill[]
  page?: number
}

function query(p: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams()
  for (const [key, v] of Object.entries(p)) {
    if (v === undefined || v === '' || v === false) continue
    q.set(key, v === true ? '1' : String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}
const enc = encodeURIComponent

export const volunteerApi = {
  teams: (p: TeamListParams) => apiRequest('GET', `/teams${query({ ...p })}`, TeamPage),
  team: (id: string) => apiRequest('GET', `/teams/${enc(id)}`, TeamDetail),
  teammates: (id: string) => apiRequest('GET', `/teams/${enc(id)}/teammates`, Teammates),
  openShifts: (p: OpenShiftParams) =>
    apiRequest('GET', `/shifts/open${query({ near: p.near, region: p.region, skills: p.skills?.join(','), page: p.page })}`, OpenShiftPage),
  certificate: () => apiRequest('GET', '/me/volunteer/certificate', VolunteerCertificate),
}
