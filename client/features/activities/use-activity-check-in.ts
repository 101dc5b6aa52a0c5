/**
 * The check-in desk's activity adapter: the activity (the server's copy, or the replica's when
 * offline) gives the window; each check-in is an `activity.checkIn` mutation; the confirmed ones are
 * the mutation results the replica keeps (this device does not pull other people's check-ins).
 */
import { ref } from 'vue'
import { ActivityCheckInArgs, type Activity } from '../../../shared/schemas/activity'
import { activityCheckIn } from '../../../shared/mutations/activity'
import type { CheckInTimes } from '../../../shared/rules/activity'
import { expectedError } from '../../lib/errors'
import type { CheckInTarget, DeskArgs } from '../check-in/use-check-in-desk'
import { useSyncStore } from '../sync/store'
import { adminActivityApi } from './admin-api'
import { loadRoster } from '../check-in/roster'
import { ACTIVITIES_TABLE, CHECK_INS_TABLE } from '../../lib/tables'

export type DeskActivity = Pick<Activity, 'title' | 'status'> & CheckInTimes

export function useActivityCheckIn(activityId: string) {
  const sync = useSyncStore()
  const activity = ref<DeskActivity | null>(null)
  const missing = ref(false)
  const unreachable = ref(false)

  async function load() {
    try {
      activity.value = await adminActivityApi.detail(activityId)
      unreachable.value = false
    } catch (caught) {
      const err = expectedError(caught)
      unreachable.value = err.isNetwork
      // offline (or unreachable): the replica holds the activities of the organiser's organisations
      const row = await (await sync.engine()).getRow(ACTIVITIES_TABLE, activityId)
      activity.value = row ?? null
      missing.value = !row
    }
  }

  const target: CheckInTarget = {
    times: activity,
    unreachable,
    owns: (e) => e.name === 'activity.checkIn' && (e.args as { activityId?: string }).activityId === activityId,
    async queue(identity, name, listedAs) {
      const args = ActivityCheckInArgs.parse({ checkInId: crypto.randomUUID(), activityId, ...identity, ...(name ? { name } : {}) })
      await sync.mutate(activityCheckIn, args, listedAs ? { who: listedAs } : undefined)
      return args satisfies DeskArgs
    },
    // the registrants, downloaded while online (the organiser's attendance read) and kept for offline
    roster: async () => loadRoster(await sync.engine(), activityId, () => adminActivityApi.attendance(activityId)),
    tables: [CHECK_INS_TABLE],
    async applied() {
      const rows = await (await sync.engine()).listRows(CHECK_INS_TABLE)
      return rows.filter((c) => c.activityId === activityId && c.version > 0)
    },
  }
  return { activity, missing, target, load }
}
