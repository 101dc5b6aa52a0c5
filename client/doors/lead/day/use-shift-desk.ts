/**
 * The check-in desk's volunteer-shift adapter (the activity one is features/activities/
 * use-activity-check-in.ts):
 *   - the window follows the direction: check-in from 2 hours before the start to the end,
 *     check-out until 12 hours after the end (the server's clock decides; this only saves a
 *     queued attempt that would surely be refused);
 *   - the roster (GET /api/lead/shifts/:id/roster) is read while online and kept in the account's
 *     IndexedDB meta, so offline the desk still shows every person, names a typed number or phone,
 *     and takes taps by hand (the sign-up's id);
 *   - each check-in or check-out is a `shift.attend` mutation (offline it waits in the outbox);
 *     the roster is read again once the server has answered one of this shift's entries.
 */
import { computed, ref, shallowRef, watch } from 'vue'
import { shiftAttend } from '../../../../shared/mutations/volunteer'
import { ShiftAttendArgs, type Shift, type ShiftRoster, type ShiftRosterItem } from '../../../../shared/schemas/volunteer'
import { maskPhone } from '../../../../shared/schemas/common'
import { parseCardQr } from '../../../../shared/rules/card'
import type { CheckInTimes } from '../../../../shared/rules/activity'
import { expectedError, type ClientError } from '../../../lib/errors'
import { metaShiftRosterKey, type OutboxEntry } from '../../../lib/idb'
import type { Roster } from '../../../features/check-in/roster'
import type { CheckInTarget, DeskArgs, DeskDirection } from '../../../features/check-in/use-check-in-desk'
import { useSyncStore } from '../../../features/sync/store'
import { leadDayApi } from './day-api'
import { SHIFT_CHECK_IN_OPENS_MINUTES, SHIFT_CHECK_OUT_CLOSES_HOURS } from '../../../../shared/rules/volunteer'

/** The window of one direction, in the shape the desk's window rule reads. */
export function shiftDeskTimes(shift: Pick<Shift, 'startsAt' | 'endsAt'>, direction: DeskDirection): CheckInTimes {
  const endsAt =
    direction === 'in' ? shift.endsAt : new Date(Date.parse(shift.endsAt) + SHIFT_CHECK_OUT_CLOSES_HOURS * 3_600_000).toISOString()
  return { startsAt: shift.startsAt, endsAt, checkInOpensMinutesBefore: SHIFT_CHECK_IN_OPENS_MINUTES }
}

/** The roster as this device keeps it. */
export interface SavedShiftRoster {
  roster: ShiftRoster
  /** when it was read (device time, for display) */
  savedAt: string
}

/** People the desk lists: holding a place, waiting, or already checked in (a cancelled sign-up is not on it). */
export const onDesk = (i: ShiftRosterItem) => i.status === 'signed_up' || i.status === 'waitlisted' || i.checkedInAt !== null

/** The desk's lookup list (names, masked phones, member numbers). */
export function deskRosterOf(saved: SavedShiftRoster): Roster {
  const people = saved.roster.items
    .filter(onDesk)
    .map((i) => ({ name: i.name, phone: i.phone, memberNos: i.memberNos.map((n) => n.toUpperCase()) }))
  return { people, savedAt: saved.savedAt }
}

type AttendArgs = ShiftAttendArgs

/** Is this queued entry about this person (tapped, or typed as one of their numbers or their phone, or their card)? */
export function entryIsAbout(args: AttendArgs, item: ShiftRosterItem): boolean {
  if (args.signupId) return args.signupId === item.signupId
  const numbers = item.memberNos.map((n) => n.toUpperCase())
  if (args.memberNo) return numbers.includes(args.memberNo.toUpperCase())
  if (args.phone && !args.name) return item.phone !== null && maskPhone(args.phone) === item.phone
  if (args.card) {
    const n = parseCardQr(args.card)?.card.n
    return n !== undefined && numbers.includes(n.toUpperCase())
  }
  return false
}

export function useShiftDesk(shiftId: string) {
  const sync = useSyncStore()
  const saved = shallowRef<SavedShiftRoster | null>(null)
  /** the server refused the read (not a leader of the shift's team, no such shift) */
  const refused = ref<ClientError | null>(null)
  const missing = ref(false)
  const unreachable = ref(false)
  const direction = ref<DeskDirection>('in')
  const shift = computed(() => saved.value?.roster.shift ?? null)
  const times = computed(() => (shift.value ? shiftDeskTimes(shift.value, direction.value) : null))

  async function keep(roster: ShiftRoster) {
    const value: SavedShiftRoster = { roster, savedAt: new Date().toISOString() }
    saved.value = value
    await (await sync.engine()).writeLocal(metaShiftRosterKey(shiftId), value)
  }

  let first: Promise<void> | null = null
  /** Fresh from the server (and kept), else the copy kept on this device. */
  function load(): Promise<void> {
    const run = (async () => {
      try {
        await keep(await leadDayApi.shiftRoster(shiftId))
        unreachable.value = false
        refused.value = null
      } catch (caught) {
        const err = expectedError(caught)
        unreachable.value = err.isNetwork
        if (!err.isNetwork) refused.value = err
        saved.value ??= (await (await sync.engine()).readLocal<SavedShiftRoster>(metaShiftRosterKey(shiftId))) ?? null
      }
      missing.value = !saved.value
    })()
    first ??= run
    return run
  }

  const owns = (e: OutboxEntry) => e.name === shiftAttend.name && (e.args as Partial<AttendArgs>).shiftId === shiftId
  const mine = computed(() => sync.outbox.filter(owns))
  // an entry of this shift left the outbox: the server answered it, so its roster has changed
  watch(
    () => mine.value.map((e) => e.id),
    (now, before) => {
      if (before.some((id) => !now.includes(id))) void load()
    },
  )

  async function queueArgs(args: AttendArgs, who?: string): Promise<AttendArgs> {
    await sync.mutate(shiftAttend, args, who ? { who } : undefined)
    return args
  }

  const target: CheckInTarget = {
    times,
    unreachable,
    direction,
    owns,
    async queue(identity, name, listedAs) {
      const args = ShiftAttendArgs.parse({
        attendId: crypto.randomUUID(),
        shiftId,
        direction: direction.value,
        ...identity,
        ...(name ? { name } : {}),
      })
      return (await queueArgs(args, listedAs)) satisfies DeskArgs
    },
    async roster() {
      await first
      return saved.value ? deskRosterOf(saved.value) : null
    },
    // confirmed attendance is the roster's (read again after each answer), not this device's results
    tables: [],
    applied: async () => [],
  }

  /** A tap by hand on the roster: this person, this way. */
  function attend(item: ShiftRosterItem, way: DeskDirection) {
    return queueArgs(ShiftAttendArgs.parse({ attendId: crypto.randomUUID(), shiftId, direction: way, signupId: item.signupId }), item.name)
  }

  /** The entries of this shift still waiting (or refused) that are about the person, by direction. */
  function waitingFor(item: ShiftRosterItem): Record<DeskDirection, boolean> {
    const about = mine.value.filter((e) => e.status !== 'rejected' && entryIsAbout(e.args as AttendArgs, item))
    return {
      in: about.some((e) => (e.args as AttendArgs).direction === 'in'),
      out: about.some((e) => (e.args as AttendArgs).direction === 'out'),
    }
  }

  async function markNoShows(signupIds: string[]) {
    await keep(await leadDayApi.markNoShows(shiftId, signupIds))
  }

  return { saved, shift, refused, missing, unreachable, direction, target, load, attend, waitingFor, markNoShows }
}
