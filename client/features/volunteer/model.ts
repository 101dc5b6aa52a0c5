/**
 * The person's volunteering as the replica holds it, sorted into what the 志愿 screens show: teams,
 * upcoming and waitlisted shifts, history with hours, the day-before prompts and swaps. Pure: the
 * caller passes the rows and the server's `now`; only approved minutes ever count.
 */
import type { Shift, ShiftSignup, ShiftSwap, TeamMember, VolunteerTeam } from '../../../shared/schemas/volunteer'
import { canCancel, cancelDeadline, needsConfirmation } from '../../../shared/rules/volunteer'

export type MyMember = TeamMember & { syncing: boolean }
export type MySignup = ShiftSignup & { syncing: boolean }
export type MySwap = ShiftSwap & { syncing: boolean }

export interface VolunteerRows {
  teams: Map<string, VolunteerTeam>
  members: MyMember[]
  shifts: Map<string, Shift>
  signups: MySignup[]
  swaps: MySwap[]
}
export const NO_ROWS: VolunteerRows = { teams: new Map(), members: [], shifts: new Map(), signups: [], swaps: [] }

/** A sign-up with its shift and team (the team may be unknown: a shift of a team one left). */
export interface ShiftEntry {
  signup: MySignup
  shift: Shift
  team: VolunteerTeam | null
  /** a swap this person asked for on it, still open */
  swap: MySwap | null
}

const LIVE_MEMBER = ['pending', 'active'] as const
const OPEN_SWAP = ['requested', 'accepted'] as const
const ms = (iso: string) => Date.parse(iso)

/** The person's place on a team that matters: a live one (pending or active), else the latest. */
export function memberFor(members: readonly MyMember[], teamId: string): MyMember | null {
  const mine = members.filter((m) => m.teamId === teamId)
  return mine.find((m) => (LIVE_MEMBER as readonly string[]).includes(m.status)) ?? mine.at(-1) ?? null
}

/** Teams the person is on or asked to join, with their place. */
export function myTeams(rows: VolunteerRows): Array<{ member: MyMember; team: VolunteerTeam | null }> {
  return rows.members
    .filter((m) => (LIVE_MEMBER as readonly string[]).includes(m.status))
    .map((member) => ({ member, team: rows.teams.get(member.teamId) ?? null }))
}

/** Is the person leading a team (an active leader or co-leader row)? Opens 志愿服务队管理 in 我的. */
export const leadsATeam = (members: ReadonlyArray<Pick<TeamMember, 'status' | 'role'>>) =>
  members.some((m) => m.status === 'active' && (m.role === 'leader' || m.role === 'co_leader'))

/** The live sign-up for a shift (a slot or the waitlist), else the latest. */
export function signupFor(signups: readonly MySignup[], shiftId: string): MySignup | null {
  const mine = signups.filter((s) => s.shiftId === shiftId)
  return mine.find((s) => s.status === 'signed_up' || s.status === 'waitlisted') ?? mine.at(-1) ?? null
}

function entries(rows: VolunteerRows): ShiftEntry[] {
  const out: ShiftEntry[] = []
  for (const signup of rows.signups) {
    const shift = rows.shifts.get(signup.shiftId)
    if (!shift) continue
    const swap = rows.swaps.find((w) => w.fromSignupId === signup.id && !w.askedOfMe && (OPEN_SWAP as readonly string[]).includes(w.status))
    out.push({ signup, shift, team: rows.teams.get(shift.teamId) ?? null, swap: swap ?? null })
  }
  return out.sort((a, b) => ms(a.shift.startsAt) - ms(b.shift.startsAt))
}

export interface MyVolunteering {
  upcoming: ShiftEntry[]
  waitlisted: ShiftEntry[]
  /** shifts that ended with a slot held (attended, no-show, or not recorded yet), newest first */
  history: ShiftEntry[]
  /** the day-before prompt: held slots starting within 36 hours, not yet confirmed */
  toConfirm: ShiftEntry[]
  /** swaps a teammate asked of this person, waiting for their answer */
  swapsForMe: MySwap[]
  /** only approved minutes count */
  approvedMinutes: number
  pendingMinutes: number
}

export function myVolunteering(rows: VolunteerRows, now: Date): MyVolunteering {
  const all = entries(rows)
  const t = now.getTime()
  const live = (e: ShiftEntry) => e.shift.status === 'open' && ms(e.shift.endsAt) > t
  const upcoming = all.filter((e) => e.signup.status === 'signed_up' && live(e) && !e.signup.checkedOutAt)
  const waitlisted = all.filter((e) => e.signup.status === 'waitlisted' && live(e))
  const history = all
    .filter((e) => e.signup.status === 'signed_up' && (ms(e.shift.endsAt) <= t || e.signup.checkedOutAt || e.signup.noShow))
    .reverse()
  const counted = (status: ShiftSignup['hoursStatus']) =>
    rows.signups.filter((s) => s.hoursStatus === status && !s.noShow).reduce((sum, s) => sum + (s.creditedMinutes ?? 0), 0)
  return {
    upcoming,
    waitlisted,
    history,
    toConfirm: upcoming.filter((e) => needsConfirmation(e.signup, e.shift, now)),
    swapsForMe: rows.swaps.filter((w) => w.askedOfMe && w.status === 'requested'),
    approvedMinutes: counted('approved'),
    pendingMinutes: counted('pending'),
  }
}

/** Can the person still cancel (before the team's cut-off)? Unknown team: the default the server applies is its rule, so say yes and let it decide. */
export function cancelState(e: Pick<ShiftEntry, 'shift' | 'team'>, now: Date): { allowed: boolean; deadline: Date | null } {
  if (!e.team) return { allowed: ms(e.shift.startsAt) > now.getTime(), deadline: null }
  return {
    allowed: canCancel(e.shift.startsAt, e.team.cancelCutoffHours, now),
    deadline: cancelDeadline(e.shift.startsAt, e.team.cancelCutoffHours),
  }
}

/** The upcoming open shifts of one team, or (null) of every team the person is an active member of, soonest first. */
export function teamShifts(rows: VolunteerRows, teamId: string | null, now: Date): Shift[] {
  const mine = new Set(rows.members.filter((m) => m.status === 'active').map((m) => m.teamId))
  return [...rows.shifts.values()]
    .filter((s) => (teamId === null ? mine.has(s.teamId) : s.teamId === teamId) && s.status === 'open' && ms(s.startsAt) > now.getTime())
    .sort((a, b) => ms(a.startsAt) - ms(b.startsAt))
}
