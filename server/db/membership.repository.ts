import { randomInt } from 'node:crypto'
import { sql } from 'kysely'
import type { Executor } from './database'
import { containsText } from './search'
import type { MembershipRow, NewMembership } from './membership.table'
import { nextVersion } from './version'
import { orgIdsUnderRoots, subtreeIds } from './organization-tree.repository'
import type { Membership, MembershipStatus } from '../../shared/schemas/membership'
import { REVOKED_STATUSES } from '../../shared/rules/membership'
import { pageOffset } from '../../shared/schemas/paging'

/** The columns of a membership as an admin's lists show it (adminItems(): memberships m, users u, organizations o, regions r). */
const ADMIN_ITEM_COLUMNS = [
  'm.id',
  'm.org_id',
  'o.name as org_name',
  'm.status',
  'm.role',
  'u.name as user_name',
  'u.phone',
  'm.member_no',
  'm.reason',
  'm.valid_until',
  'm.created_at',
  'm.updated_at',
  'm.version',
  'r.full_name as region_name',
  'u.employer',
  'u.title',
  'u.discipline',
] as const

/** Memberships joined with what an admin's lists show: the person (and their region's name) and the organisation. */
function adminItems(db: Executor) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .leftJoin('regions as r', 'r.code', 'u.region_code')
}

export function findMembership(db: Executor, id: string): Promise<MembershipRow | undefined> {
  return db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Statuses of this person's memberships in this organisation (live ones block a second application). */
export async function membershipStatuses(db: Executor, userId: string, orgId: string): Promise<MembershipStatus[]> {
  const rows = await db.selectFrom('memberships').select('status').where('user_id', '=', userId).where('org_id', '=', orgId).execute()
  return rows.map((r) => r.status)
}

/** The person's pending applications and active memberships, across every organisation (the caps). */
export async function liveCounts(db: Executor, userId: string): Promise<{ pending: number; active: number }> {
  const rows = await db
    .selectFrom('memberships')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('user_id', '=', userId)
    .where('status', 'in', ['pending', 'active'])
    .groupBy('status')
    .execute()
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0)
  return { pending: count('pending'), active: count('active') }
}

export async function insertMembership(db: Executor, row: Omit<NewMembership, 'version'>): Promise<MembershipRow> {
  const version = await nextVersion(db)
  return db
    .insertInto('memberships')
    .values({ ...row, version })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes a membership and stamps a new version, so the member's next pull carries the change. */
export async function updateMembership(
  db: Executor,
  id: string,
  patch: Partial<Pick<MembershipRow, 'status' | 'member_no' | 'reason' | 'valid_until' | 'role'>>,
  now: Date,
): Promise<MembershipRow> {
  const version = await nextVersion(db)
  return db
    .updateTable('memberships')
    .set({ ...patch, updated_at: now.toISOString(), version })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * A fresh member number `KX<year><8 digits>` (the seeder's format), unique among memberships.
 * Random rather than sequential so numbers do not reveal how many people joined.
 */
export async function allocateMemberNo(db: Executor, now: Date): Promise<string> {
  for (;;) {
    const candidate = `KX${now.getUTCFullYear()}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`
    const taken = await db.selectFrom('memberships').select('id').where('member_no', '=', candidate).executeTakeFirst()
    if (!taken) return candidate
  }
}

/** The public shape the member sees (sync data and mutator results); an admin's item adds to it. */
export function toMembership(row: Omit<MembershipRow, 'user_id'>): Membership {
  return {
    id: row.id,
    orgId: row.org_id,
    status: row.status,
    role: row.role,
    memberNo: row.member_no,
    reason: row.reason,
    validUntil: row.valid_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  }
}

export interface AdminListParams {
  /** organisations whose subtrees are listed; 'all' for a system admin */
  roots: string[] | 'all'
  status: MembershipStatus
  /** only applicants of this discipline */
  discipline?: string
  /** only applicants whose region's full name contains this text */
  region?: string
  page: number
  pageSize: number
}

/**
 * Memberships in the given organisations and everything below them, newest first, with the
 * applicant's name and phone (the route masks the phone). Which memberships are in scope is a
 * join with the organisation closure table (the same SQL on SQLite and PostgreSQL), from the cheap end:
 *  - pending applications are few at any time, so start from their organisations and keep those
 *    under a root (bounded by the organisations with a pending application, not by the tree:
 *    a national admin's subtree is all ~45,000 organisations);
 *  - other statuses (member lists) can be many, so list the roots' subtrees (overlapping roots —
 *    an admin of a county and one of its townships — count once: it is an IN).
 */
export async function adminMembershipPage(db: Executor, p: AdminListParams) {
  if (p.roots !== 'all' && p.roots.length === 0) return { rows: [], total: 0 }
  const roots = p.roots
  let base = adminItems(db).where('m.status', '=', p.status)
  if (p.discipline) base = base.where('u.discipline', '=', p.discipline)
  // the admin's text taken literally (% and _ mean themselves), ASCII case ignored on both engines
  if (p.region) base = base.where(containsText(db, sql`r.full_name`, p.region))
  let scoped = base
  if (roots !== 'all' && p.status === 'pending') {
    const start = db.selectFrom('memberships').select('org_id').where('status', '=', p.status).groupBy('org_id')
    const reachesRoot = orgIdsUnderRoots(db, start, roots)
    scoped = base.where('m.org_id', 'in', (eb) => eb.selectFrom(reachesRoot.as('reach')).select('reach.org_id'))
  } else if (roots !== 'all') {
    scoped = base.where('m.org_id', 'in', subtreeIds(db, roots))
  }
  const [rows, count] = await Promise.all([
    scoped.select(ADMIN_ITEM_COLUMNS).orderBy('m.created_at', 'desc').orderBy('m.id').limit(p.pageSize).offset(pageOffset(p)).execute(),
    scoped.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** One membership as an admin sees it (with the person's name and phone, and the organisation's name). */
export function findAdminMembershipRow(db: Executor, id: string) {
  return adminItems(db).select(ADMIN_ITEM_COLUMNS).where('m.id', '=', id).executeTakeFirstOrThrow()
}

/** Members of one organisation (not its subtree), by member number. */
export async function orgMemberPage(db: Executor, orgId: string, status: MembershipStatus, page: number, pageSize: number) {
  const base = adminItems(db).where('m.org_id', '=', orgId).where('m.status', '=', status)
  const [rows, count] = await Promise.all([
    base.select(ADMIN_ITEM_COLUMNS).orderBy('m.member_no').orderBy('m.id').limit(pageSize).offset(pageOffset({ page, pageSize })).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/**
 * Memberships whose cards stopped being valid after version `since`, in version order: those now
 * left or lapsed, and deleted ones (their tombstones; kept at least the promised offline window).
 */
export async function revokedSince(db: Executor, since: number, limit: number) {
  const [ended, deleted] = await Promise.all([
    db
      .selectFrom('memberships')
      .select(['id', 'status', 'version'])
      .where('version', '>', since)
      .where('status', 'in', REVOKED_STATUSES)
      .orderBy('version')
      .limit(limit)
      .execute(),
    db
      .selectFrom('tombstones')
      .select(['row_id as id', 'version'])
      .where('table_name', '=', 'memberships')
      .where('version', '>', since)
      .orderBy('version')
      .limit(limit)
      .execute(),
  ])
  return [...ended, ...deleted.map((t) => ({ ...t, status: 'deleted' }))]
    .sort((a, b) => a.version - b.version)
    .slice(0, limit)
    .map((r) => ({ membershipId: r.id, status: r.status, version: r.version }))
}
