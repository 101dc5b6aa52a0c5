/**
 * Synced volunteer shift tables:
 * - 'shifts': the shifts of the teams where the person is an active member (ending after 60 days
 *   ago, to keep a first sync small) plus every shift they have a sign-up for (their history). A
 *   shift that enters the scope late (the person just joined the team, or signed up) rides on the
 *   version at which it entered (`via`), as activities do.
 * - 'shift_signups': the person's own sign-ups, with their place in the waitlist.
 * - 'shift_swaps': swaps the person asked for or was asked to take, with both names.
 * A hub's kiosk sees the shifts of its hub's services (nothing of sign-ups or swaps); other devices none.
 */
import { shiftWaitlisted, shiftsWithService, toShift, toSignup, toSwap } from '../../db/volunteer.repository'
import { swapsWithNames } from '../../db/shift-signup.repository'
import { enteredScope } from './scope-orgs'
import { inVersionRange, laterVersion, upsert, type SyncedTable } from './types'

/** A team's shifts that ended longer ago than this do not reach a new member's replica (their own ones always do). */
export const TEAM_SHIFTS_DAYS = 60

export const shiftsTable: SyncedTable = {
  name: 'shifts',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const since = new Date(scope.now.getTime() - TEAM_SHIFTS_DAYS * 86_400_000).toISOString()
    const byTeam = db
      .selectFrom('shifts as t')
      .innerJoin('team_members as m', 'm.team_id', 't.team_id')
      .select(['t.id', 'm.version as via'])
      .where('m.user_id', '=', scope.userId)
      .where('m.status', '=', 'active')
      .where('t.ends_at', '>', since)
    const bySignup = db.selectFrom('shift_signups').select(['shift_id as id', 'version as via']).where('user_id', '=', scope.userId)
    const entered = enteredScope(db, byTeam.unionAll(bySignup))
    const syncVersion = laterVersion('h.version', 's.via')
    const q = db
      .selectFrom('shifts as h')
      .innerJoin('volunteer_services as v', 'v.id', 'h.service_id')
      .innerJoin(entered, 's.id', 'h.id')
      .selectAll('h')
      .select(['v.title as service_title', 'v.venue_address', syncVersion.as('sync_version')])
    const rows = await inVersionRange(q, syncVersion, 'sync_version', range, 'h.id').execute()
    return rows.map(({ sync_version, ...r }) => upsert('shifts', toShift(r), Number(sync_version)))
  },
  /**
   * A hub's kiosk: the shifts of the services at its hub (cancelled ones too, so it hears of them). A
   * service moved to the hub re-stamps its shifts (patchService), so they arrive. An organisation-bound
   * device: none.
   */
  async deviceChanges(db, scope, range) {
    if (!scope.hubId) return []
    const q = shiftsWithService(db).where('v.hub_id', '=', scope.hubId)
    const rows = await inVersionRange(q, 's.version', 's.version', range, 's.id').execute()
    return rows.map((r) => upsert('shifts', toShift(r), r.version))
  },
}

/** The person's own sign-ups; `waitlistPosition` is the place in the queue when the row last changed. */
export const shiftSignupsTable: SyncedTable = {
  name: 'shift_signups',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const q = db
      .selectFrom('shift_signups as g')
      .selectAll('g')
      .select((eb) => shiftWaitlisted(db, eb.ref('g.shift_id'), eb.ref('g.seq')).as('position'))
      .where('g.user_id', '=', scope.userId)
    const rows = await inVersionRange(q, 'g.version', 'g.version', range).execute()
    return rows.map(({ position, ...r }) => upsert('shift_signups', toSignup(r, Number(position ?? 0)), r.version))
  },
  deviceChanges: null,
}

/** Swaps the person asked for or was asked to take. */
export const shiftSwapsTable: SyncedTable = {
  name: 'shift_swaps',
  tombstoneScope: 'user',
  async changes(db, scope, range) {
    const q = swapsWithNames(db).where((eb) => eb.or([eb('w.from_user_id', '=', scope.userId), eb('w.to_user_id', '=', scope.userId)]))
    const rows = await inVersionRange(q, 'w.version', 'w.version', range).execute()
    return rows.map((r) => upsert('shift_swaps', toSwap(r, scope.userId), r.version))
  },
  deviceChanges: null,
}
