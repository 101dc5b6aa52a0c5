/**
 * REST calls of a team leader's day (the shift desk's roster and no-shows, hours approval and
 * correction, the records export, swap decisions, the no-show board) and of an admin's team
 * approvals and roles. Check-in and check-out go through the sync engine instead (shift.attend).
 */
import { z } from 'zod'
import {
  HoursPage,
  LeaderSwap,
  LeaderSwaps,
  NoShowBoard,
  Roster,
  RosterItem,
  ShiftRoster,
  ShiftRosterItem,
  TeamDetail,
  VolunteerTeam,
  type HoursStatus,
  type TeamRole,
  type TeamStatus,
} from '../../../../shared/schemas/volunteer'
import { apiRequest } from '../../../api/http'

const enc = encodeURIComponent
const HoursApproved = z.object({ approved: z.number().int() })
const AdminTeams = z.object({ items: z.array(VolunteerTeam) })
const query = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString()

export const leadDayApi = {
  /** the team's name and rules, for a page's title */
  team: (teamId: string) => apiRequest('GET', `/teams/${enc(teamId)}`, TeamDetail),
  /** the desk's list (kept offline by the desk) */
  shiftRoster: (shiftId: string) => apiRequest('GET', `/lead/shifts/${enc(shiftId)}/roster`, ShiftRoster),
  markNoShows: (shiftId: string, signupIds: string[]) =>
    apiRequest('POST', `/lead/shifts/${enc(shiftId)}/no-shows`, ShiftRoster, { signupIds }),
  hours: (teamId: string, q: { status?: HoursStatus; from?: string; to?: string; page?: number; pageSize?: number }) =>
    apiRequest('GET', `/lead/teams/${enc(teamId)}/hours?${query(q)}`, HoursPage),
  approveHours: (teamId: string, signupIds: string[]) =>
    apiRequest('POST', `/lead/teams/${enc(teamId)}/hours/approve`, HoursApproved, { signupIds }),
  correctHours: (signupId: string, body: { minutes: number; reason: string }) =>
    apiRequest('POST', `/lead/signups/${enc(signupId)}/hours`, ShiftRosterItem, body),
  /** a plain link: the browser downloads it with the session cookie, written in the app's language */
  recordsCsvUrl: (teamId: string, q: { from?: string; to?: string; lang: string }) =>
    `/api/lead/teams/${enc(teamId)}/records.csv?${query(q)}`,
  swaps: (teamId: string) => apiRequest('GET', `/lead/teams/${enc(teamId)}/swaps`, LeaderSwaps),
  decideSwap: (swapId: string, decision: 'approve' | 'reject') =>
    apiRequest('POST', `/lead/swaps/${enc(swapId)}/decision`, LeaderSwap, { decision }),
  noShowBoard: (teamId: string) => apiRequest('GET', `/lead/teams/${enc(teamId)}/no-shows`, NoShowBoard),
  /** the team's members (admins of its organisation may read it too) */
  teamRoster: (teamId: string) => apiRequest('GET', `/lead/teams/${enc(teamId)}/roster`, Roster),
}

export const adminTeamApi = {
  /** teams under the organisations the caller administers; every status when none is given */
  list: (status?: TeamStatus) => apiRequest('GET', `/admin/teams?${query({ status })}`, AdminTeams),
  decide: (teamId: string, body: { decision: 'approve' | 'reject' | 'close'; reason?: string }) =>
    apiRequest('POST', `/admin/teams/${enc(teamId)}/decision`, VolunteerTeam, body),
  setRole: (teamId: string, memberId: string, role: TeamRole) =>
    apiRequest('POST', `/admin/teams/${enc(teamId)}/members/${enc(memberId)}/role`, RosterItem, { role }),
}
