/**
 * Synced activity tables:
 * - 'activities': the public catalogue of the organisations in the person's scope (their 科协 chain
 *   and the organisations they belong to) plus every activity they have registered for (so a
 *   registrant hears of an edit or a cancellation even from elsewhere). As for organisations, a
 *   row that enters the scope late rides on the version at which it entered (`via`).
 * - 'registrations' and 'check_ins': the person's own rows.
 * A device sees its organisation's activities (a hub's kiosk: those at its hub) and nothing of
 * registrations or check-ins.
 * Activities are never deleted (cancelled is a status), so these tables have no tombstones yet.
 */
import { toActivity, waitlisted } from '../../db/activity.repository'
import { toRegistration } from '../../db/activity-registration.repository'
import { toCheckIn } from '../../db/activity-check-in.repository'
import { enteredScope, scopeOrgs } from './scope-orgs'
import { inVersionRange, laterVersion, upsert, type SyncedTable } from './types'

export const activitiesTable: SyncedTable = {
  name: 'activities',
  tombstoneScope: 'org',
  async changes(db, scope, range) {
    const byOrg = db.selectFrom('activities as a').innerJoin(scopeOrgs(db, scope).as('u'), 'u.id', 'a.org_id').select(['a.id', 'u.via'])
    const byRegistration = db
      .selectFrom('registrations')
      .select(['activity_id as id', 'version as via'])
      .where('user_id', '=', scope.userId)
    const entered = enteredScope(db, byOrg.unionAll(byRegistration))
    const syncVersion = laterVersion('a.version', 's.via')
    const q = db.selectFrom('activities as a').innerJoin(entered, 's.id', 'a.id').selectAll('a').select(syncVersion.as('sync_version'))
    const rows = await inVersionRange(q, syncVersion, 'sync_version', range, 'a.id').execute()
    return rows.map(({ sync_version, ...r }) => upsert('activities', toActivity(r), Number(sync_version)))
  },
  /**
   * The public catalogue of the device's organisation (published and cancelled alike: a kiosk hears of a
   * cancellation); a kiosk enrolled to a hub gets the activities at its hub instead.
   */
  async deviceChanges(db, scope, range) {
    const q = scope.hubId
      ? db.selectFrom('activities').selectAll().where('hub_id', '=', scope.hubId)
      : db.selectFrom('activities').selectAll().where('org_id', '=', scope.orgId)
    const rows = await inVersionRange(q, 'version', 'version', range, 'id').execute()
    return rows.map((r) => upsert('activities', toActivity(r), r.version))
  },
}

/**
 * The person's own registrations. `waitlistPosition` is the place in the queue when the row last
 * changed (a promotion changes the row; someone ahead leaving does not); the activity page reads it fresh.
 */
export const registrationsTable: SyncedTable = {
  name: 'registrations',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const q = db
      .selectFrom('registrations as r')
      .selectAll('r')
      .select((eb) => waitlisted(db, eb.ref('r.activity_id'), eb.ref('r.seq')).as('position'))
      .where('r.user_id', '=', scope.userId)
    const rows = await inVersionRange(q, 'r.version', 'r.version', range).execute()
    return rows.map(({ position, ...r }) => upsert('registrations', toRegistration(r, Number(position ?? 0)), r.version))
  },
  // who registered for what is private to each person: never to a device
  deviceChanges: null,
}

/** The person's own check-ins (organisers get theirs back as the result of activity.checkIn). */
export const checkInsTable: SyncedTable = {
  name: 'check_ins',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const q = db
      .selectFrom('check_ins as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .selectAll('c')
      .select('u.name')
      .where('c.user_id', '=', scope.userId)
    const rows = await inVersionRange(q, 'c.version', 'c.version', range).execute()
    return rows.map(({ name, ...r }) => upsert('check_ins', toCheckIn(r, name), r.version))
  },
  // a person's attendance (with their name): never to a device
  deviceChanges: null,
}
