/**
 * The activities the replica holds (the person's scope and everything they registered for), their
 * own registrations and check-ins, plus the activities they opened online (kept so that the page,
 * 我的活动 and an offline registration still have a title and times without a network).
 */
import { computed, shallowRef, watch } from 'vue'
import type { Activity, ActivityListItem, CheckIn, Registration } from '../../../shared/schemas/activity'
import { readMeta, writeMeta } from '../../lib/idb'
import { currentEngine } from '../sync/engine'
import { useSyncStore } from '../sync/store'
import { ORGANIZATIONS_TABLE } from '../organizations/mutators'
import { ACTIVITIES_TABLE, CHECK_INS_TABLE, REGISTRATIONS_TABLE } from './mutators'
import { acknowledge, diffNotices, type ActivityNotice, type MyRegistration, type SeenState } from './model'

export type KnownActivity = Activity & { orgName: string | null }

export const META_SEEN_ACTIVITIES = 'seenActivities'
export const META_ACTIVITY_NOTICES = 'activityNotices'
const SEEN_LIMIT = 200

/** Keeps an activity opened online, so it can be shown offline later (newest 200). */
export async function rememberActivity(a: ActivityListItem): Promise<void> {
  const engine = currentEngine()
  if (!engine) return
  const list = (await readMeta<ActivityListItem[]>(engine.db, META_SEEN_ACTIVITIES)) ?? []
  const next = [a, ...list.filter((x) => x.id !== a.id)].slice(0, SEEN_LIMIT)
  await writeMeta(engine.db, META_SEEN_ACTIVITIES, next)
}

export function useActivities() {
  const sync = useSyncStore()
  const activities = shallowRef<Map<string, KnownActivity>>(new Map())
  const registrations = shallowRef<MyRegistration[]>([])
  const checkIns = shallowRef<CheckIn[]>([])
  const loaded = shallowRef(false)

  watch(
    [() => sync.revision, () => sync.started],
    async () => {
      const engine = currentEngine()
      if (!engine) {
        activities.value = new Map()
        registrations.value = []
        checkIns.value = []
        loaded.value = sync.started
        return
      }
      const [rows, regRows, checkRows, seen] = await Promise.all([
        engine.listRows(ACTIVITIES_TABLE),
        engine.listRows(REGISTRATIONS_TABLE),
        engine.listRows(CHECK_INS_TABLE),
        readMeta<ActivityListItem[]>(engine.db, META_SEEN_ACTIVITIES),
      ])
      const map = new Map<string, KnownActivity>()
      for (const s of seen ?? []) map.set(s.id, { ...s, orgName: s.orgName })
      for (const r of rows as unknown as Activity[]) {
        const org = await engine.getRow(ORGANIZATIONS_TABLE, r.orgId)
        // the replica's row is newer than a remembered copy unless the copy has a higher version
        const remembered = map.get(r.id)
        if (!remembered || remembered.version <= r.version) map.set(r.id, { ...r, orgName: (org?.name as string | undefined) ?? remembered?.orgName ?? null })
      }
      activities.value = map
      registrations.value = await Promise.all(
        (regRows as unknown as Registration[]).map(async (r) => ({ ...r, syncing: await engine.isRowPending(REGISTRATIONS_TABLE, r.id) })),
      )
      checkIns.value = checkRows as unknown as CheckIn[]
      loaded.value = true
    },
    { immediate: true },
  )

  return { activities, registrations, checkIns, loaded }
}

/** Notices about the person's registrations (promoted from the waitlist, cancelled activity, …) until dismissed. */
export function useActivityNotices() {
  const { activities, registrations, loaded } = useActivities()
  const seen = shallowRef<SeenState | null>(null)
  const notices = shallowRef<ActivityNotice[]>([])

  watch([activities, registrations, loaded], async () => {
    const engine = currentEngine()
    if (!engine || !loaded.value) {
      notices.value = []
      return
    }
    const before = seen.value ?? (await readMeta<SeenState>(engine.db, META_ACTIVITY_NOTICES)) ?? { registrations: {}, activities: {} }
    const { notices: found, baseline } = diffNotices(before, registrations.value, activities.value)
    seen.value = baseline
    if (JSON.stringify(baseline) !== JSON.stringify(before)) await writeMeta(engine.db, META_ACTIVITY_NOTICES, baseline)
    notices.value = found
  })

  async function dismiss(notice: ActivityNotice) {
    const engine = currentEngine()
    if (!engine || !seen.value) return
    seen.value = acknowledge(seen.value, notice, registrations.value, activities.value)
    await writeMeta(engine.db, META_ACTIVITY_NOTICES, seen.value)
    notices.value = notices.value.filter((n) => n.key !== notice.key)
  }

  return { notices: computed(() => notices.value), dismiss }
}
