/** Shared builders for the kiosk door's tests: an enrolled kiosk's database, a hub's rows, a device sync server, the mounted door. */
import { vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '../../client/router'
import { createAppI18n } from '../../client/i18n/index'
import { kioskLockGuard, setKioskLocked } from '../../client/doors/kiosk/kiosk-lock'
import { META_KIOSK_DEVICE, openKioskDb } from '../../client/doors/kiosk/kiosk-db'
import { kioskEngine, loadKiosk, stopKiosk, type KioskDeps } from '../../client/doors/kiosk/kiosk-session'
import { writeMeta } from '../../client/lib/idb'
import type { Activity } from '../../shared/schemas/activity'
import type { DeviceSelf } from '../../shared/schemas/device'
import type { Shift } from '../../shared/schemas/volunteer'
import type { ClientMutation, MutationResult } from '../../shared/schemas/sync'
import { fakeApi, reply, type FakeRequest } from './fake-api'

export const HUB_ID = '20000000-0000-4000-8000-000000000001'
export const TOKEN = 'kiosk-token-0123456789'
export const DEVICE: DeviceSelf = {
  id: '30000000-0000-4000-8000-000000000001',
  name: '一楼大厅平板',
  orgId: '40000000-0000-4000-8000-000000000001',
  orgName: '中关村街道科协',
  hubId: HUB_ID,
  hubName: '中关村街道新时代文明实践所',
  deviceNo: 12,
}

const iso = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString()

export function activity(id: string, over: Partial<Activity> = {}): Activity {
  return {
    id,
    orgId: DEVICE.orgId,
    kind: 'popularization',
    title: '防范电信诈骗讲座',
    description: '',
    venueAddress: '海淀区中关村大街 1 号',
    hubId: HUB_ID,
    regionCode: '110108',
    startsAt: iso(30),
    endsAt: iso(150),
    registrationOpensAt: iso(-6000),
    registrationClosesAt: iso(20),
    capacity: 50,
    placesTaken: 3,
    placesLeft: 47,
    requiresApproval: false,
    audience: 'public',
    status: 'published',
    cancelReason: null,
    creditHours: 0,
    checkInOpensMinutesBefore: 120,
    createdAt: iso(-9000),
    updatedAt: iso(-9000),
    version: 1,
    ...over,
  }
}

export function shift(id: string, over: Partial<Shift> = {}): Shift {
  return {
    id,
    serviceId: '50000000-0000-4000-8000-000000000001',
    teamId: '60000000-0000-4000-8000-000000000001',
    serviceTitle: '智能手机使用辅导',
    venueAddress: '海淀区中关村大街 1 号',
    regionCode: '110108',
    startsAt: iso(60),
    endsAt: iso(180),
    slots: 4,
    placesTaken: 1,
    placesLeft: 3,
    requiredSkills: [],
    seriesId: null,
    status: 'open',
    cancelReason: null,
    updatedAt: iso(-9000),
    version: 1,
    ...over,
  }
}

/** A browser already enrolled as a kiosk (what POST /api/kiosk/enrol left behind). */
export async function enrolledKioskDb(extra: Record<string, unknown> = {}) {
  const db = await openKioskDb()
  await writeMeta(db, META_KIOSK_DEVICE, { token: TOKEN, device: DEVICE })
  for (const [key, value] of Object.entries(extra)) await writeMeta(db, key, value)
  db.close()
}

export interface ServerOptions {
  activities?: Activity[]
  shifts?: Shift[]
  offline?: () => boolean
  /** the answer to one pushed mutation (default: applied, with the name a real server would give) */
  decide?: (m: ClientMutation) => MutationResult
  publicKeys?: unknown
  pullStatus?: number
}

/** The server as a kiosk sees it: device sync, GET /api/device, the card keys, enrolment. */
export function kioskServer(o: ServerOptions = {}) {
  const pushed: ClientMutation[] = []
  const api = fakeApi(
    {
      'GET /api/device': DEVICE,
      'GET /api/cards/public-keys': o.publicKeys ?? { keys: [] },
      'POST /api/kiosk/enrol': { token: TOKEN, device: DEVICE },
      'POST /api/sync/push': ({ body }: FakeRequest) => {
        pushed.push(...body.mutations)
        return {
          results: body.mutations.map((m: ClientMutation) => o.decide?.(m) ?? { id: m.id, status: 'applied', data: { name: '张*' } }),
        }
      },
      'GET /api/sync/pull': () =>
        o.pullStatus
          ? reply(o.pullStatus, { error: { code: 'device_unauthorized', message: 'revoked' } })
          : {
              changes: [
                ...(o.activities ?? []).map((row) => ({ table: 'activities', id: row.id, op: 'upsert', row })),
                ...(o.shifts ?? []).map((row) => ({ table: 'shifts', id: row.id, op: 'upsert', row })),
              ],
              cursor: 1,
              hasMore: false,
            },
    },
    { offline: o.offline },
  )
  return { ...api, pushed }
}

/** Engine options for tests: no periodic sync. */
export const testDeps = (over: KioskDeps = {}): KioskDeps => ({ engine: { periodMs: 3_600_000 }, signOut: async () => undefined, ...over })

/** The app's routes and the kiosk lock, in memory; the door mounted at `path`. */
export async function mountKiosk(path: string, deps: KioskDeps = testDeps()) {
  setActivePinia(createPinia())
  const router = createRouter({ history: createMemoryHistory(), routes })
  router.beforeEach(kioskLockGuard)
  await loadKiosk(deps)
  await kioskEngine()?.idle()
  await router.push(path)
  await router.isReady()
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [router, createAppI18n('zh-CN')] },
    attachTo: document.body,
  })
  await flushPromises()
  await vi.waitFor(() => {
    if (!wrapper.find('[data-testid=kiosk]').exists()) throw new Error('the kiosk door has not rendered yet')
  })
  return { wrapper, router }
}

export async function stopKioskTest(wrapper?: { unmount(): void }) {
  wrapper?.unmount()
  await stopKiosk()
  setKioskLocked(null)
}

/** Every meta key and the outbox of the kiosk database, read afresh. */
export async function kioskStorage() {
  const db = await openKioskDb()
  try {
    const meta: Record<string, unknown> = {}
    for (const key of await db.getAllKeys('meta')) meta[String(key)] = await db.get('meta', key)
    return { meta, outbox: await db.getAll('outbox') }
  } finally {
    db.close()
  }
}
