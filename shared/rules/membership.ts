/**
 * The membership state machine, pure, run by the client (optimistic UI) and the server (authority).
 *
 *   apply ──open──────────────▶ active ──leave──▶ left
 *     └────approval──▶ pending ─approve─▶ active ──lapse──▶ lapsed ──renew──▶ active
 *                        ├──reject──▶ rejected
 *                        └──leave───▶ left        (withdrawing an application)
 *
 * `rejected`, `left` are final for that membership id; joining again is a new application with a
 * new id (the unique "live" index allows it because only pending/active count as live).
 */
import type { JoinPolicy } from '../schemas/organization'
import type { MembershipStatus } from '../schemas/membership'

export type MembershipEvent = 'approve' | 'reject' | 'leave' | 'lapse' | 'renew'

const TRANSITIONS: Record<MembershipStatus, Partial<Record<MembershipEvent, MembershipStatus>>> = {
  pending: { approve: 'active', reject: 'rejected', leave: 'left' },
  active: { leave: 'left', lapse: 'lapsed' },
  lapsed: { renew: 'active' },
  rejected: {},
  left: {},
}

/** The status after `event`, or null when the event is not allowed from `from`. */
export function nextMembershipStatus(from: MembershipStatus, event: MembershipEvent): MembershipStatus | null {
  return TRANSITIONS[from][event] ?? null
}

/** The status a fresh application starts in. */
export function initialMembershipStatus(policy: JoinPolicy): MembershipStatus {
  return policy === 'open' ? 'active' : 'pending'
}

/** Live memberships block a second application to the same organisation. */
export function isLiveMembership(status: MembershipStatus): boolean {
  return status === 'pending' || status === 'active'
}

/** Statuses whose member card must fail at a kiosk (they were, or may have been, active). */
export const REVOKED_STATUSES = ['left', 'lapsed'] as const satisfies readonly MembershipStatus[]

/**
 * What one person may have pending and hold (SECURITY.md "Floods from one account"). Real people
 * belong to a handful of organisations — their local 科协 chain, a few societies, their employer's
 * association — so these never bind an honest member, while one account can no longer fill 3,000
 * admins' queues or hold 1,500 member numbers (and GET /api/cards signs at most
 * MAX_LIVE_MEMBERSHIPS cards). Pending is the tighter cap: each one is work for a volunteer admin.
 */
export const MAX_PENDING_APPLICATIONS = 20
/** pending + active together: approving a pending one never takes a person past it */
export const MAX_LIVE_MEMBERSHIPS = 50

export type ApplyProblem = 'org_not_found' | 'org_not_established' | 'already_member' | 'too_many_pending' | 'too_many_memberships'

/** How many applications the person has waiting and memberships they hold, across all organisations. */
export interface LiveCounts {
  pending: number
  active: number
}

/** Why an application cannot go ahead, or null. Both sides run it; the server's answer wins. */
export function applyProblem(
  org: { status: string } | null | undefined,
  liveStatuses: readonly MembershipStatus[],
  counts: LiveCounts = { pending: 0, active: 0 },
): ApplyProblem | null {
  if (!org) return 'org_not_found'
  if (org.status !== 'established') return 'org_not_established'
  if (liveStatuses.some(isLiveMembership)) return 'already_member'
  if (counts.pending + counts.active >= MAX_LIVE_MEMBERSHIPS) return 'too_many_memberships'
  if (counts.pending >= MAX_PENDING_APPLICATIONS) return 'too_many_pending'
  return null
}

/** Membership validity after joining or approval: one calendar year. */
export function membershipValidUntil(from: Date): string {
  const d = new Date(from)
  d.setUTCFullYear(d.getUTCFullYear() + 1)
  return d.toISOString()
}
