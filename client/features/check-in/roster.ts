/**
 * The desk's copy of an activity's list (its registrants, waitlisted and awaiting approval included,
 * and who already checked in): fetched from the organiser's attendance read while online and kept in
 * the account's IndexedDB meta, so that offline a typed number or phone shows the person's name at
 * once, and one that is not on the list is said at once (a walk-in?). Phones are masked as the
 * server sends them (138****0000); a typed phone is matched by its masked form. The list is a
 * help for the desk only: the server still decides every check-in.
 */
import { maskPhone } from '../../../shared/schemas/common'
import { LIVE_REGISTRATION } from '../../../shared/rules/activity'
import { expectedError } from '../../lib/errors'
import { metaRosterKey } from '../../lib/idb'
import type { SyncEngine } from '../../lib/sync'
import type { OrganiserAttendance } from '../activities/admin-api'
import type { CheckInIdentity } from './check-in-input'

export interface RosterPerson {
  name: string
  /** masked: 138****0000 */
  phone: string | null
  /** every active member number of the person (upper case) */
  memberNos: string[]
}

export interface Roster {
  people: RosterPerson[]
  /** when this copy was fetched (device time, for display) */
  savedAt: string
}

/** The people an attendance list puts on the desk's list: live registrations and anyone already checked in. */
export function rosterOf(attendance: Pick<OrganiserAttendance, 'items'>, savedAt: string): Roster {
  const people = attendance.items
    .filter((i) => i.checkedInAt || (i.registrationStatus && LIVE_REGISTRATION.includes(i.registrationStatus)))
    .map((i) => ({
      name: i.name,
      phone: i.phone,
      memberNos: [...new Set([...i.memberNos, ...(i.memberNo ? [i.memberNo] : [])])].map((n) => n.toUpperCase()),
    }))
  return { people, savedAt }
}

/**
 * Who on the list a member number or phone belongs to: the people it matches (a masked phone may,
 * rarely, match two). Cards are not looked up here: a verified card names its holder by itself.
 */
export function findOnRoster(roster: Roster, identity: CheckInIdentity): RosterPerson[] {
  if ('memberNo' in identity) return roster.people.filter((p) => p.memberNos.includes(identity.memberNo.toUpperCase()))
  if ('phone' in identity) {
    const masked = maskPhone(identity.phone)
    return roster.people.filter((p) => p.phone === masked)
  }
  return []
}

/** A fresh list when the server answers (saved for offline), else the one saved last time, else null. */
export async function loadRoster(
  engine: SyncEngine,
  activityId: string,
  fetch: () => Promise<Pick<OrganiserAttendance, 'items'>>,
  now = new Date(),
): Promise<Roster | null> {
  try {
    const roster = rosterOf(await fetch(), now.toISOString())
    await engine.writeLocal(metaRosterKey(activityId), roster)
    return roster
  } catch (err) {
    expectedError(err) // offline or refused: the copy saved before
    return (await engine.readLocal<Roster>(metaRosterKey(activityId))) ?? null
  }
}
