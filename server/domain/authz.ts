/**
 * Organisation-scoped roles (DESIGN.md "Security model"): an admin of an organisation manages it
 * and everything below it (a county 科协 admin manages its townships and the organisations attached
 * to them). Roles come from active memberships with role 'admin' (and 'organiser', delegated for
 * one organisation's activities only); a system admin acts everywhere.
 * "Or above" is a join with the organisation closure table (migration 0011), the same SQL on SQLite and PostgreSQL.
 */
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import { forbidden } from '../errors'

export const isSystemAdmin = (user: Pick<UserRow, 'system_role'>) => user.system_role === 'system_admin'

/** Organisations where this person holds an active membership with this role. */
async function activeRoleOrgIds(db: Executor, userId: string, role: 'admin' | 'organiser'): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('org_id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('status', '=', 'active')
    .execute()
  return rows.map((r) => r.org_id)
}

/** Organisations this person is an active admin of (not yet expanded downwards). */
export const adminRootIds = (db: Executor, userId: string) => activeRoleOrgIds(db, userId, 'admin')

/** Organisations this person was delegated to organise activities for (exactly these, not below). */
export const organiserOrgIds = (db: Executor, userId: string) => activeRoleOrgIds(db, userId, 'organiser')

/** Is this person an admin of the organisation or of one of its ancestors? */
export async function isOrgAdmin(db: Executor, user: Pick<UserRow, 'id' | 'system_role'>, orgId: string): Promise<boolean> {
  if (isSystemAdmin(user)) return true
  const row = await db
    .selectFrom('organization_closure as c')
    .innerJoin('memberships as m', 'm.org_id', 'c.ancestor_id')
    .select('m.id')
    .where('c.descendant_id', '=', orgId)
    .where('m.user_id', '=', user.id)
    .where('m.role', '=', 'admin')
    .where('m.status', '=', 'active')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * May this person run this organisation's activities (publish, edit, cancel, decide on
 * registrations, see attendance, check people in)? Its admins and those above, and the members an
 * admin delegated as organisers (role 'organiser', for this organisation only).
 */
export async function canOrganise(db: Executor, user: Pick<UserRow, 'id' | 'system_role'>, orgId: string): Promise<boolean> {
  const delegated = await db
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', user.id)
    .where('org_id', '=', orgId)
    .where('role', '=', 'organiser')
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst()
  return delegated !== undefined || (await isOrgAdmin(db, user, orgId))
}

/** Refuses (403) unless the person may run this organisation's activities. */
export async function assertCanOrganise(db: Executor, user: Pick<UserRow, 'id' | 'system_role'>, orgId: string): Promise<void> {
  if (!(await canOrganise(db, user, orgId))) throw forbidden('you do not organise activities for this organisation')
}

/** Refuses (403) unless the person may administer this organisation. */
export async function assertOrgAdmin(db: Executor, user: Pick<UserRow, 'id' | 'system_role'>, orgId: string): Promise<void> {
  if (!(await isOrgAdmin(db, user, orgId))) throw forbidden('you are not an administrator of this organisation or of one above it')
}
