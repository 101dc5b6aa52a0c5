/**
 * The activities service: the rules for publishing, editing and cancelling an activity and for an
 * organiser's decision on a registration awaiting approval. Each runs in the caller's transaction,
 * refuses with a DomainError and writes its audit entry beside its change, so a route (REST) and a
 * server mutator (sync) get the same answer. Routes parse, call and map the row to the answer.
 */
import type { ActivityInput, ActivityPatch } from '../../shared/schemas/activity'
import { canCancelActivity, scheduleProblem } from '../../shared/rules/activity'
import type { Executor } from '../db/database'
import type { ActivityRow, RegistrationRow } from '../db/activity.table'
import type { UserRow } from '../db/database.types'
import { findOrganization } from '../db/organization.repository'
import { findActivity, insertActivity, updateActivity } from '../db/activity.repository'
import { endRegistration, findRegistration, promoteWaitlist, setRegistrationStatus } from '../db/activity-registration.repository'
import { DomainError, forbidden, notFound } from '../errors'
import { adminRootIds, assertCanOrganise, isSystemAdmin, organiserOrgIds } from './authz'
import { audit } from './audit'
import type { DomainContext } from './context'
import { movedInTimeOrPlace, notifyRegistrants, notifyRegistrationDecision } from './notices'
import { usableHub } from './hubs'

const SCHEDULE_MESSAGES = {
  ends_before_start: 'the activity must end after it starts',
  registration_window_inverted: 'registration must open before it closes',
  registration_closes_after_end: 'registration must close by the end of the activity',
} as const

const iso = (t: string) => new Date(t).toISOString()

/** The activity, or not_found. */
export async function mustFindActivity(db: Executor, id: string): Promise<ActivityRow> {
  const row = await findActivity(db, id)
  if (!row) throw notFound('activity')
  return row
}

function assertSchedule(a: Parameters<typeof scheduleProblem>[0]) {
  const problem = scheduleProblem(a)
  if (problem) throw new DomainError(problem, SCHEDULE_MESSAGES[problem])
}

async function assertRegion(db: Executor, code: string | null | undefined) {
  if (code && !(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst())) {
    throw new DomainError('unknown_region', 'there is no such region')
  }
}

/** Publish: admins of the organiser (or above) only; the region defaults to the organiser's. */
export async function publishActivity({ trx, user, clock }: DomainContext, input: ActivityInput): Promise<ActivityRow> {
  const org = await findOrganization(trx, input.orgId)
  if (!org) throw notFound('organisation')
  await assertCanOrganise(trx, user, org.id)
  assertSchedule(input)
  const regionCode = input.regionCode !== undefined ? input.regionCode : org.region_code
  await assertRegion(trx, regionCode)
  if (input.hubId) await usableHub(trx, input.hubId, org.id)
  const now = clock.now().toISOString()
  const created = await insertActivity(trx, {
    id: crypto.randomUUID(),
    org_id: org.id,
    kind: input.kind,
    title: input.title,
    description: input.description,
    venue_address: input.venueAddress,
    hub_id: input.hubId ?? null,
    region_code: regionCode ?? null,
    starts_at: iso(input.startsAt),
    ends_at: iso(input.endsAt),
    registration_opens_at: iso(input.registrationOpensAt),
    registration_closes_at: iso(input.registrationClosesAt),
    capacity: input.capacity,
    requires_approval: input.requiresApproval ? 1 : 0,
    audience: input.audience,
    status: 'published',
    credit_hours: input.creditHours,
    check_in_opens_minutes_before: input.checkInOpensMinutesBefore,
    created_by: user.id,
    created_at: now,
    updated_at: now,
  })
  await audit(trx, { actorId: user.id, action: 'activity.publish', orgId: org.id, target: created.id, at: clock.now() })
  return created
}

/**
 * Edit: not once cancelled, never below the places taken; more places let the waitlist in at once.
 * A new time or place is told to everyone on the activity.
 */
export async function editActivity({ trx, user, clock }: DomainContext, id: string, p: ActivityPatch): Promise<ActivityRow> {
  const current = await mustFindActivity(trx, id)
  await assertCanOrganise(trx, user, current.org_id)
  if (current.status === 'cancelled') throw new DomainError('activity_cancelled', 'a cancelled activity cannot be edited')
  const next = {
    startsAt: p.startsAt ?? current.starts_at,
    endsAt: p.endsAt ?? current.ends_at,
    registrationOpensAt: p.registrationOpensAt ?? current.registration_opens_at,
    registrationClosesAt: p.registrationClosesAt ?? current.registration_closes_at,
  }
  assertSchedule(next)
  await assertRegion(trx, p.regionCode)
  if (p.hubId && p.hubId !== current.hub_id) await usableHub(trx, p.hubId, current.org_id)
  if (p.capacity !== undefined && p.capacity < current.places_taken) {
    throw new DomainError('capacity_below_taken', `${current.places_taken} places are already taken; capacity cannot go below that`)
  }
  const now = clock.now()
  const updated = await updateActivity(
    trx,
    id,
    {
      ...(p.kind !== undefined && { kind: p.kind }),
      ...(p.title !== undefined && { title: p.title }),
      ...(p.description !== undefined && { description: p.description }),
      ...(p.venueAddress !== undefined && { venue_address: p.venueAddress }),
      ...(p.regionCode !== undefined && { region_code: p.regionCode }),
      ...(p.hubId !== undefined && { hub_id: p.hubId }),
      starts_at: iso(next.startsAt),
      ends_at: iso(next.endsAt),
      registration_opens_at: iso(next.registrationOpensAt),
      registration_closes_at: iso(next.registrationClosesAt),
      ...(p.capacity !== undefined && { capacity: p.capacity }),
      ...(p.requiresApproval !== undefined && { requires_approval: p.requiresApproval ? 1 : 0 }),
      ...(p.audience !== undefined && { audience: p.audience }),
      ...(p.creditHours !== undefined && { credit_hours: p.creditHours }),
      ...(p.checkInOpensMinutesBefore !== undefined && { check_in_opens_minutes_before: p.checkInOpensMinutesBefore }),
    },
    now,
  )
  const promoted = await promoteWaitlist(trx, updated, now)
  if (movedInTimeOrPlace(current, updated)) await notifyRegistrants(trx, updated, 'activity_changed', user.id, now)
  await audit(trx, {
    actorId: user.id,
    action: 'activity.edit',
    orgId: current.org_id,
    target: id,
    detail: { fields: Object.keys(p), promoted: promoted.length },
    at: now,
  })
  // read again: promotion moved the places counter
  return mustFindActivity(trx, id)
}

/** Cancel: everyone on the activity is told, with the reason, and sees it on their next sync. */
export async function cancelActivity({ trx, user, clock }: DomainContext, id: string, reason: string | null): Promise<ActivityRow> {
  const current = await mustFindActivity(trx, id)
  await assertCanOrganise(trx, user, current.org_id)
  if (!canCancelActivity(current.status as 'published' | 'cancelled'))
    throw new DomainError('activity_cancelled', 'this activity is already cancelled')
  const updated = await updateActivity(trx, id, { status: 'cancelled', cancel_reason: reason }, clock.now())
  await notifyRegistrants(trx, updated, 'activity_cancelled', user.id, clock.now())
  await audit(trx, {
    actorId: user.id,
    action: 'activity.cancel',
    orgId: current.org_id,
    target: id,
    detail: reason ? { reason } : null,
    at: clock.now(),
  })
  return updated
}

export type RegistrationDecision = 'approve' | 'reject'

/** Approve (it keeps its place) or reject (its place goes to the head of the waitlist) a registration awaiting approval. */
export async function decideRegistration(
  { trx, user, clock }: DomainContext,
  activityId: string,
  registrationId: string,
  decision: RegistrationDecision,
): Promise<{ activity: ActivityRow; registration: RegistrationRow; promoted: number }> {
  const activity = await mustFindActivity(trx, activityId)
  await assertCanOrganise(trx, user, activity.org_id)
  const reg = await findRegistration(trx, registrationId)
  if (!reg || reg.activity_id !== activityId) throw notFound('registration')
  if (reg.status !== 'pending_approval') throw new DomainError('not_pending', `this registration is ${reg.status}`)
  const now = clock.now()
  const result =
    decision === 'approve'
      ? { registration: await setRegistrationStatus(trx, reg.id, 'registered', now), promoted: [] }
      : await endRegistration(trx, reg, 'rejected', now)
  await notifyRegistrationDecision(trx, result.registration, activity, now)
  await audit(trx, { actorId: user.id, action: `activity.registration.${decision}`, orgId: activity.org_id, target: reg.id, at: now })
  return { activity: await mustFindActivity(trx, activityId), registration: result.registration, promoted: result.promoted.length }
}

/**
 * Whose activities an organiser runs: the subtrees they administer (`roots`, everything for a system
 * admin) and the organisations they were delegated (`exact`); refused when neither.
 */
export async function organiserScope(db: Executor, user: UserRow): Promise<{ roots: string[] | 'all'; exact: string[] }> {
  if (isSystemAdmin(user)) return { roots: 'all', exact: [] }
  const roots = await adminRootIds(db, user.id)
  const exact = await organiserOrgIds(db, user.id)
  if (!roots.length && !exact.length) throw forbidden('you do not organise activities for any organisation')
  return { roots, exact }
}
