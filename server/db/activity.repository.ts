import type { Expression } from 'kysely'
import type { Executor } from './database'
import type { ActivityRow, NewActivity } from './activity.table'
import { nextVersion } from './version'
import { orgIdsUnderRoots } from './organization-tree.repository'
import type { Activity, ActivityKind, ActivityListItem, ActivityStatus } from '../../shared/schemas/activity'
import { placesLeft } from '../../shared/rules/activity'
import type { ActivityFacts } from '../../shared/rules/activity'

export function findActivity(db: Executor, id: string): Promise<ActivityRow | undefined> {
  return db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertActivity(db: Executor, row: Omit<NewActivity, 'version' | 'places_taken'>): Promise<ActivityRow> {
  return db
    .insertInto('activities')
    .values({ ...row, places_taken: 0, version: await nextVersion(db) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

type ActivityPatchRow = Partial<Omit<ActivityRow, 'id' | 'org_id' | 'created_by' | 'created_at' | 'version'>>

/** Changes an activity and stamps a new version: everyone who syncs it (and its registrants) hears of it. */
export async function updateActivity(db: Executor, id: string, patch: ActivityPatchRow, now: Date): Promise<ActivityRow> {
  const version = await nextVersion(db)
  return db
    .updateTable('activities')
    .set({ ...patch, updated_at: now.toISOString(), version })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Moves the places counter by `delta` (±1 per registration change) and stamps a version, so "places left" syncs. */
export async function addPlacesTaken(db: Executor, id: string, delta: number, now: Date): Promise<void> {
  const version = await nextVersion(db)
  await db
    .updateTable('activities')
    .set((eb) => ({ places_taken: eb('places_taken', '+', delta), updated_at: now.toISOString(), version }))
    .where('id', '=', id)
    .execute()
}

/** The facts the shared rules need. */
export function activityFacts(r: ActivityRow): ActivityFacts {
  return {
    status: r.status,
    audience: r.audience,
    capacity: r.capacity,
    placesTaken: r.places_taken,
    requiresApproval: r.requires_approval === 1,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    registrationOpensAt: r.registration_opens_at,
    registrationClosesAt: r.registration_closes_at,
    checkInOpensMinutesBefore: r.check_in_opens_minutes_before,
  }
}

/** The public shape (API and sync). */
export function toActivity(r: ActivityRow): Activity {
  return {
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    venueAddress: r.venue_address,
    hubId: r.hub_id,
    regionCode: r.region_code,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    registrationOpensAt: r.registration_opens_at,
    registrationClosesAt: r.registration_closes_at,
    capacity: r.capacity,
    placesTaken: r.places_taken,
    placesLeft: placesLeft({ capacity: r.capacity, placesTaken: r.places_taken }),
    requiresApproval: r.requires_approval === 1,
    audience: r.audience,
    status: r.status,
    cancelReason: r.cancel_reason,
    creditHours: r.credit_hours,
    checkInOpensMinutesBefore: r.check_in_opens_minutes_before,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }
}

export const toActivityListItem = (r: ActivityRow & { org_name: string }): ActivityListItem => ({ ...toActivity(r), orgName: r.org_name })

export interface ActivityListFilter {
  /** region codes whose activities count as near (the chain of parents), plus national (null) */
  nearChain?: string[]
  /** the person's own region: activities anywhere below it count as near too */
  nearSubtree?: string
  orgId?: string
  kind?: ActivityKind
  from: string
  to?: string
  limit: number
  offset: number
}

/**
 * Published activities, soonest first. "Near" is the person's region chain (each an index probe on
 * region_code), the subtree under their own region (a range on the same index: GB/T 2260 codes nest
 * by prefix, and ':' sorts right after '9') and national activities (region_code null).
 */
export async function listActivities(db: Executor, f: ActivityListFilter): Promise<Array<ActivityRow & { org_name: string }>> {
  let q = db.selectFrom('activities as a').selectAll('a').where('a.status', '=', 'published').where('a.ends_at', '>=', f.from)
  if (f.nearChain) {
    const chain = f.nearChain
    const sub = f.nearSubtree
    q = q.where((eb) =>
      eb.or([
        eb('a.region_code', 'is', null),
        ...(chain.length ? [eb('a.region_code', 'in', chain)] : []),
        ...(sub ? [eb.and([eb('a.region_code', '>', sub), eb('a.region_code', '<', `${sub}:`)])] : []),
      ]),
    )
  }
  if (f.orgId) q = q.where('a.org_id', '=', f.orgId)
  if (f.kind) q = q.where('a.kind', '=', f.kind)
  if (f.to) q = q.where('a.starts_at', '<', f.to)
  const rows = await q.orderBy('a.starts_at').orderBy('a.id').limit(f.limit).offset(f.offset).execute()
  // organiser names for the page only: joining before the sort would touch every candidate row
  const orgIds = [...new Set(rows.map((r) => r.org_id))]
  const names = orgIds.length ? await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute() : []
  const nameOf = new Map(names.map((o) => [o.id, o.name]))
  return rows.map((r) => ({ ...r, org_name: nameOf.get(r.org_id) ?? '' }))
}

/**
 * How many wait for an activity (`n`), or how many wait at or ahead of `upToSeq` (a place in the
 * queue): a query of its own, or a subquery when given column references.
 */
export function waitlisted(db: Executor, activityId: string | Expression<string>, upToSeq?: number | Expression<number>) {
  let q = db
    .selectFrom('registrations as w')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('w.activity_id', '=', activityId)
    .where('w.status', '=', 'waitlisted')
  if (upToSeq !== undefined) q = q.where('w.seq', '<=', upToSeq)
  return q
}

/**
 * The activities an organiser runs, soonest first: those of the organisations in `exact` (delegated
 * organisers) and of every organisation at or below `roots` (admins), or all for a system admin.
 */
export async function organiserActivities(
  db: Executor,
  f: { roots: string[] | 'all'; exact: string[]; status?: ActivityStatus; from: string; limit: number; offset: number },
): Promise<Array<ActivityRow & { org_name: string; waitlist_count: number; approval_count: number }>> {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .selectAll('a')
    .select('o.name as org_name')
    .select((eb) => [
      waitlisted(db, eb.ref('a.id')).as('waitlist_count'),
      eb
        .selectFrom('registrations as w')
        .select((eb2) => eb2.fn.countAll<number>().as('n'))
        .whereRef('w.activity_id', '=', 'a.id')
        .where('w.status', '=', 'pending_approval')
        .as('approval_count'),
    ])
    .where('a.ends_at', '>=', f.from)
  if (f.status) q = q.where('a.status', '=', f.status)
  if (f.roots !== 'all') {
    const start = db.selectFrom('activities').select('org_id').where('ends_at', '>=', f.from).groupBy('org_id')
    const reach = orgIdsUnderRoots(db, start, f.roots)
    q = q.where((eb) =>
      eb.or([
        ...(f.exact.length ? [eb('a.org_id', 'in', f.exact)] : []),
        eb('a.org_id', 'in', eb.selectFrom(reach.as('reach')).select('reach.org_id')),
      ]),
    )
  }
  const rows = await q.orderBy('a.starts_at').orderBy('a.id').limit(f.limit).offset(f.offset).execute()
  return rows.map((r) => ({ ...r, waitlist_count: Number(r.waitlist_count ?? 0), approval_count: Number(r.approval_count ?? 0) }))
}
