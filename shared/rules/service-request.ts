/**
 * The service-request loop's rules, shared by the server (authoritative) and the screens (which
 * buttons to offer): the state machine, each state's deadline, and how dispatch suggestions rank teams.
 *
 *   ordered ──dispatch──▶ dispatched ──accept──▶ accepted ──done──▶ done ──rate──▶ rated
 *      ▲                   │  ▲ re-dispatch        │ assign (stays accepted; makes a shift)
 *      └──────decline──────┘  └────re-dispatch─────┘
 *   ordered | dispatched | accepted ──close (admin, reason)──▶ closed
 */
import type { RequestCategory, RequestStatus, TeamDistance } from '../schemas/service-request'
import type { VolunteerSkill } from '../schemas/volunteer'

export type RequestAction = 'dispatch' | 'accept' | 'decline' | 'assign' | 'done' | 'rate' | 'close'
/** Who may take an action: an admin of the hub's area, a leader of the team it is dispatched to, the resident. */
export const ACTION_ROLE: Record<RequestAction, 'admin' | 'leader' | 'resident'> = {
  dispatch: 'admin',
  close: 'admin',
  accept: 'leader',
  decline: 'leader',
  assign: 'leader',
  done: 'leader',
  rate: 'resident',
}

const MOVES: Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>> = {
  ordered: { dispatch: 'dispatched', close: 'closed' },
  dispatched: { dispatch: 'dispatched', accept: 'accepted', decline: 'ordered', close: 'closed' },
  accepted: { dispatch: 'dispatched', assign: 'accepted', done: 'done', close: 'closed' },
  done: { rate: 'rated' },
  rated: {},
  closed: {},
}

/** The status `action` leads to from `status`, or null when it is not allowed there. */
export function nextStatus(status: RequestStatus, action: RequestAction): RequestStatus | null {
  return MOVES[status][action] ?? null
}
export const allowedActions = (status: RequestStatus): RequestAction[] => Object.keys(MOVES[status]) as RequestAction[]
/** States that still wait for someone (and can go overdue). */
export const OPEN_STATUSES: readonly RequestStatus[] = ['ordered', 'dispatched', 'accepted']

const HOUR = 3_600_000
/** An ordered request should be dispatched within this many hours. */
export const DISPATCH_WITHIN_HOURS = 24
/** A dispatched request should be accepted (or declined) within this many hours, and never later than its completeBy. */
export const ACCEPT_WITHIN_HOURS = 24
/** A resident may rate a done request for this many days. */
export const RATE_WITHIN_DAYS = 30
/** A deadline given at dispatch lies between 1 hour and 90 days ahead. */
export const COMPLETE_BY_MIN_HOURS = 1
export const COMPLETE_BY_MAX_DAYS = 90

/**
 * When the current state should have moved on: ordered → dispatched within 24 h of entering it;
 * dispatched → accepted within 24 h (or by completeBy, if sooner); accepted → done by completeBy.
 * `enteredAt` is when the request entered its current state. Null for states that wait for nobody.
 */
export function stateDueAt(status: RequestStatus, enteredAt: Date, completeBy: Date | null): Date | null {
  if (status === 'ordered') return new Date(enteredAt.getTime() + DISPATCH_WITHIN_HOURS * HOUR)
  if (status === 'dispatched') {
    const accept = enteredAt.getTime() + ACCEPT_WITHIN_HOURS * HOUR
    return new Date(completeBy ? Math.min(accept, completeBy.getTime()) : accept)
  }
  if (status === 'accepted') return completeBy
  return null
}

/** Is a deadline given at dispatch acceptable at `now`? */
export function completeByProblem(completeBy: Date, now: Date): 'too_soon' | 'too_late' | null {
  if (completeBy.getTime() < now.getTime() + COMPLETE_BY_MIN_HOURS * HOUR) return 'too_soon'
  if (completeBy.getTime() > now.getTime() + COMPLETE_BY_MAX_DAYS * 24 * HOUR) return 'too_late'
  return null
}

/** The volunteer skills each category asks for (the first is the main one). */
export const CATEGORY_SKILLS: Record<RequestCategory, VolunteerSkill[]> = {
  health: ['health'],
  agriculture: ['agriculture'],
  elder_digital: ['it', 'elder_care'],
  children_science: ['science_explainer', 'education'],
  emergency: ['first_aid'],
  other: [],
}

/** How near a team's region is to the hub's: GB/T 2260 codes nest by prefix (2, 4, 6, 9 digits). */
export function teamDistance(hubRegion: string, teamRegion: string | null): TeamDistance {
  if (!teamRegion) return 'farther'
  if (hubRegion.length >= 9 && teamRegion.length >= 9 && hubRegion.slice(0, 9) === teamRegion.slice(0, 9)) return 'township'
  if (hubRegion.slice(0, 6) === teamRegion.slice(0, 6) && teamRegion.length >= 6) return 'county'
  if (hubRegion.slice(0, 4) === teamRegion.slice(0, 4) && teamRegion.length >= 4) return 'city'
  return 'farther'
}
const DISTANCE_ORDER: Record<TeamDistance, number> = { township: 0, county: 1, city: 2, farther: 3 }

export interface RankableTeam {
  id: string
  name: string
  regionCode: string | null
  skills: readonly VolunteerSkill[]
  memberCount: number
}
export interface RankedTeam<T extends RankableTeam> {
  team: T
  matchedSkills: VolunteerSkill[]
  wantedSkills: VolunteerSkill[]
  distance: TeamDistance
}

/**
 * Dispatch suggestions: teams that have more of the category's skills first (the main skill counts
 * before the others), then nearer ones (same township, then county, then city), then larger, then
 * by name — a total order, so the same data always gives the same list.
 */
export function rankTeams<T extends RankableTeam>(category: RequestCategory, hubRegion: string, teams: readonly T[]): RankedTeam<T>[] {
  const wanted = CATEGORY_SKILLS[category]
  const ranked = teams.map((team) => ({
    team,
    matchedSkills: wanted.filter((s) => team.skills.includes(s)),
    wantedSkills: [...wanted],
    distance: teamDistance(hubRegion, team.regionCode),
    main: wanted.length > 0 && team.skills.includes(wanted[0]!) ? 1 : 0,
  }))
  ranked.sort(
    (a, b) =>
      b.matchedSkills.length - a.matchedSkills.length ||
      b.main - a.main ||
      DISTANCE_ORDER[a.distance] - DISTANCE_ORDER[b.distance] ||
      b.team.memberCount - a.team.memberCount ||
      a.team.name.localeCompare(b.team.name, 'zh-CN') ||
      a.team.id.localeCompare(b.team.id),
  )
  return ranked.map(({ main: _main, ...r }) => r)
}
