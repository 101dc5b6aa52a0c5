/**
 * REST calls of the team leader's door (/lead): the teams the person leads, a team's roster,
 * invitation, rules, services, shifts, the week and assignments. Every answer is parsed with the
 * shared schema of shared/schemas/volunteer.ts. The on-the-day calls (desk, hours, swaps, no-shows,
 * CSV) belong to doors/lead/day/.
 */
import { z } from 'zod'
import {
  AssignResult,
  LedTeams,
  Roster,
  RosterItem,
  Shift,
  ShiftRoster,
  TeamDetail,
  TeamInvite,
  TeamWeek,
  VolunteerService,
  VolunteerTeam,
  type ServiceInput,
  type ShiftInput,
  type TeamInput,
  type TeamPatch,
} from '../../../shared/schemas/volunteer'
import { apiRequest } from '../../api/http'

const enc = encodeURIComponent
const Services = z.object({ items: z.array(VolunteerService) })
const Shifts = z.object({ items: z.array(Shift) })

export type LedTeam = z.infer<typeof LedTeams>['items'][number]
export type MemberDecision = 'approve' | 'reject' | 'remove'
export type ServiceChange = Partial<
  Pick<ServiceInput, 'title' | 'description' | 'venueAddress'> & { regionCode: string | null; hubId: string | null }
>
export type ShiftChange = Partial<Pick<ShiftInput, 'startsAt' | 'endsAt' | 'slots' | 'requiredSkills'> & { series: boolean }>

export const leadApi = {
  teams: () => apiRequest('GET', '/lead/teams', LedTeams),
  /** a member proposes (pending, for the organisation's admin), an admin creates (active) */
  createTeam: (input: TeamInput) => apiRequest('POST', '/teams', VolunteerTeam, input),
  team: (id: string) => apiRequest('GET', `/teams/${enc(id)}`, TeamDetail),
  editTeam: (id: string, patch: TeamPatch) => apiRequest('PATCH', `/lead/teams/${enc(id)}`, VolunteerTeam, patch),
  roster: (id: string) => apiRequest('GET', `/lead/teams/${enc(id)}/roster`, Roster),
  decide: (id: string, memberId: string, decision: MemberDecision, reason?: string) =>
    apiRequest('POST', `/lead/teams/${enc(id)}/members/${enc(memberId)}/decision`, RosterItem, {
      decision,
      ...(reason ? { reason } : {}),
    }),
  invite: (id: string) => apiRequest('POST', `/lead/teams/${enc(id)}/invite`, TeamInvite, {}),
  services: (id: string) => apiRequest('GET', `/lead/teams/${enc(id)}/services`, Services),
  createService: (id: string, input: ServiceInput) => apiRequest('POST', `/lead/teams/${enc(id)}/services`, VolunteerService, input),
  editService: (serviceId: string, patch: ServiceChange) =>
    apiRequest('PATCH', `/lead/services/${enc(serviceId)}`, VolunteerService, patch),
  createShifts: (serviceId: string, input: ShiftInput) => apiRequest('POST', `/lead/services/${enc(serviceId)}/shifts`, Shifts, input),
  editShift: (shiftId: string, patch: ShiftChange) => apiRequest('PATCH', `/lead/shifts/${enc(shiftId)}`, Shifts, patch),
  cancelShift: (shiftId: string, body: { reason?: string; series: boolean }) =>
    apiRequest('POST', `/lead/shifts/${enc(shiftId)}/cancel`, Shifts, body),
  week: (id: string, start?: string) => apiRequest('GET', `/lead/teams/${enc(id)}/week${start ? `?start=${enc(start)}` : ''}`, TeamWeek),
  /** the shift and the people on it (the desk's list) */
  shiftRoster: (shiftId: string) => apiRequest('GET', `/lead/shifts/${enc(shiftId)}/roster`, ShiftRoster),
  assign: (shiftId: string, body: { memberId: string; check?: boolean; acknowledge?: boolean }) =>
    apiRequest('POST', `/lead/shifts/${enc(shiftId)}/assignments`, AssignResult, body),
}
