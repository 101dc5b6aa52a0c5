/**
 * The activities the replica holds (the person's scope and everything they registered for), their
 * own registrations and check-ins, plus the activities they opened online (kept so that the page,
 * 我的活动 and an offline registration still have a title and times without a network).
 */
import { computed, shallowRef, watch } from 'vue'
import type { Activity, ActivityListItem, CheckIn } from '../../../shared/schemas/activity'
import { META_ACTIVITY_NOTICES, META_SEEN_ACTIVITIES } from '../../lib/idb'
import type { SyncEngine } from '../../lib/sync'
import { ACTIVITIES_TABLE, CHECK_INS_TABLE, ORGANIZATIONS_TABLE, REGISTRATIONS_TABLE } from '../../lib/tables'
import { currentEngine } from '../sync/engine'
import { useReplicaQuery } from '../sync/use-replica-query'
import type { ActivityNotice, MyRegistration, SeenState } from './model'
import { noticeTracker } from './notice-tracker'

export type KnownActivity = Activity & { orgName: string | null }

const SEEN_LIMIT = 200

/** Keeps an activity opened online, so it can be shown offline later (newest 200). */
export async function rememberActivity(a: ActivityListItem): Promise<void> {
  const engine = currentEngine()
  if (!engine) return
  const list = (await engine.readLocal<ActivityListItem[]>(META_SEEN_ACTIVITIES)) ?? []
  const next = [a, ...list.filter((x) => x.id !== a.id)].slice(0, SEEN_LIMIT)
  await engine.writeLocal(META_SEEN_ACTIVITIES, next)
}

interface ActivitiesRead {
  activities: Map<string, KnownActivity>
  registrations: MyRegistration[]
  checkIns: CheckIn[]
}
const NOTHING: ActivitiesRead = { activities: new Map(), registrations: [], checkIns: [] }

async function readActivities(engine: SyncEngine): Promise<ActivitiesRead> {
  const [rows, regRows, checkIns, seen] = await Promise.all([
    engine.listRows(ACTIVITIES_TABLE),
    engine.listRows(REGISTRATIONS_TABLE),
    engine.listRows(CHECK_INS_TABLE),
    engine.readLocal<ActivityListItem[]>(META_SEEN_ACTIVITIES),
  ])
  const activities = new Map<string, KnownActivity>()
  for (const s of seen ?? []) activities.set(s.id, { ...s, orgName: s.orgName })
  for (const r of rows) {
    const org = await engine.getRow(ORGANIZATIONS_TABLE, r.orgId)
    // the replica's row is newer than a remembered copy unless the copy has a higher version
    const remembered = activities.get(r.id)
    if (!remembered || remembered.version <= r.version) activities.set(r.id, { ...r, orgName: org?.name ?? remembered?.orgName ?? null })
  }
  const registrations = await Promise.all(
    regRows.map(async (r) => ({ ...r, syncing: await engine.isRowPending(REGISTRATIONS_TABLE, r.id) })),
  )
  return { activities, registrations, checkIns }
}

export function useActivities() {
  const query = useReplicaQuery([ACTIVITIES_TABLE, REGISTRATIONS_TABLE, CHECK_INS_TABLE, ORGANIZATIONS_TABLE], readActivities, NOTHING)
  return {
    activities: computed(() => query.data.value.activities),
    registrations: computed(() => query.data.value.registrations),
    checkIns: computed(() => query.data.value.checkIns),
    loaded: query.loaded,
  }
}

/** Notices about the person's registrations (promoted from the waitlist, cancelled activity, …) until dismissed. */
export function useActivityNotices() {
  const { activities, registrations, loaded } = useActivities()
  const notices = shallowRef<ActivityNotice[]>([])
  const trackers = new WeakMap<SyncEngine, ReturnType<typeof noticeTracker>>()
  const trackerOf = (engine: SyncEngine) => {
    let tracker = trackers.get(engine)
    if (!tracker) {
      tracker = noticeTracker({
        read: () => engine.readLocal<SeenState>(META_ACTIVITY_NOTICES),
        write: (seen) => engine.writeLocal(META_ACTIVITY_NOTICES, seen),
      })
      trackers.set(engine, tracker)
    }
    return tracker
  }

  watch([activities, registrations, loaded], async () => {
    const engine = currentEngine()
    if (!engine || !loaded.value) {
      notices.value = []
      return
    }
    // updates finish in the order they started, so the last one's answer stays
    notices.value = await trackerOf(engine).update(registrations.value, activities.value)
  })

  async function dismiss(notice: ActivityNotice) {
    const engine = currentEngine()
    if (!engine) return
    await trackerOf(engine).dismiss(notice, registrations.value, activities.value)
    notices.value = notices.value.filter((n) => n.key !== notice.key)
  }

  return { notices: computed(() => notices.value), dismiss }
}
