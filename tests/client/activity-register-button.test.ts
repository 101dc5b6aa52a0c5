/**
 * The activity page's registration block through the real sync engine (fake IndexedDB) against a
 * scripted sync server (issue 11, should-fix):
 *  - a registration refused because the activity was cancelled shows its reason and a dismiss on
 *    that activity's page, and dismissing it takes it out of the count;
 *  - with the device clock years off, the window follows the server's clock (learned from the
 *    Date header of the sync answers), so the button shows when the server would accept.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RegisterButton from '../../client/features/activities/RegisterButton.vue'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import { serverOffsetMs, setServerOffset } from '../../client/lib/server-clock'
import type { Activity } from '../../shared/schemas/activity'
import type { ClientMutation, MutationResult } from '../../shared/schemas/sync'
import type { Me } from '../../shared/schemas/user'
import { freshIndexedDb } from './sync-setup'
import { settleAndStopSync } from './component-setup'
import { fakeApi } from './fake-api'
import { answerConfirm, confirmState, toasts } from '../../client/components/feedback'
import ActivityCard from '../../client/features/activities/ActivityCard.vue'

const ME: Me = {
  id: 'u-1',
  phone: '13912345678',
  name: '张三',
  regionCode: '110108',
  regionName: '北京市海淀区',
  discipline: '工科',
  employer: null,
  title: null,
  bio: null,
  systemRole: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
}
/** Registration open 20 Nov – 3 Dec 2026 (server time). */
const ACTIVITY: Activity = {
  id: '3f2a6c1e-8b4d-4e7a-9c2b-1d5e6f7a8b90',
  orgId: 'cast-110108',
  kind: 'academic',
  title: '水稻育种报告会',
  description: '',
  venueAddress: '海淀区科技馆',
  hubId: null,
  regionCode: '110108',
  startsAt: '2026-12-03T06:00:00Z',
  endsAt: '2026-12-03T08:00:00Z',
  registrationOpensAt: '2026-11-20T00:00:00Z',
  registrationClosesAt: '2026-12-03T06:00:00Z',
  capacity: 10,
  placesTaken: 0,
  placesLeft: 10,
  requiresApproval: false,
  audience: 'public',
  status: 'published',
  cancelReason: null,
  creditHours: 2,
  checkInOpensMinutesBefore: 120,
  createdAt: '',
  updatedAt: '',
  version: 5,
}
const SERVER_NOW = new Date('2026-12-01T06:00:00Z')

/** A scripted /api/sync server whose answers carry the server's Date header. */
function syncServer(decide: (m: ClientMutation) => MutationResult) {
  const server = { pushed: [] as ClientMutation[], date: SERVER_NOW }
  fakeApi(
    {
      '/api/sync/push': ({ body }: { body: { mutations: ClientMutation[] } }) => {
        server.pushed.push(...body.mutations)
        return { results: body.mutations.map(decide) }
      },
      '/api/sync/pull': { changes: [], cursor: 1, hasMore: false },
    },
    { date: () => server.date },
  )
  return server
}

async function mountButton(activity: Activity & { orgName?: string }, callerIsMember: boolean | null = null) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountStore().me = ME
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', name: 'login', component: { template: '<div />' } }],
  })
  const wrapper = mount(RegisterButton, {
    props: { activity, callerIsMember },
    global: { plugins: [pinia, router, createAppI18n('zh-CN')] },
  })
  const sync = useSyncStore()
  await sync.start()
  await flushPromises()
  return { wrapper, sync }
}

beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
  setServerOffset(0)
})
afterEach(async () => {
  await settleAndStopSync()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('a registration refused because the activity was cancelled', () => {
  it('shows the reason and a dismiss on the cancelled activity’s page; dismissing leaves nothing counted', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(SERVER_NOW)
    syncServer((m) => ({ id: m.id, status: 'rejected', code: 'activity_cancelled', message: 'this activity has been cancelled' }))
    const { wrapper, sync } = await mountButton(ACTIVITY)
    await wrapper.get('[data-testid=register-button]').trigger('click')
    await sync.syncNow()
    await vi.waitFor(() => expect(sync.rejected).toHaveLength(1))

    // the next pull tells the page the activity is cancelled
    await wrapper.setProps({ activity: { ...ACTIVITY, status: 'cancelled', cancelReason: '场地维修' } })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=registration-refused]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=registration-refused]').text()).toContain('报名未成功：这个活动已被主办方取消。')
    expect(wrapper.find('[data-testid=register-button]').exists()).toBe(false) // nothing to register for

    await wrapper.get('[data-testid=registration-dismiss]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=registration-refused]').exists()).toBe(false))
    expect(sync.rejected).toEqual([])
    expect(sync.outbox).toEqual([])
  })
})

describe('the registration window with the device clock years off', () => {
  it('shows the register button once the server’s answers say the window is open', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2031-06-01T00:00:00Z')) // the device thinks registration closed long ago
    syncServer((m) => ({ id: m.id, status: 'applied' }))
    const { wrapper, sync } = await mountButton(ACTIVITY)
    await sync.syncNow() // a pull answer carries the server's Date
    await vi.waitFor(() => expect(wrapper.find('[data-testid=register-button]').exists()).toBe(true))
    expect(wrapper.find('[data-testid=registration-closed]').exists()).toBe(false)
    expect(Math.abs(serverOffsetMs() - (SERVER_NOW.getTime() - Date.now()))).toBeLessThan(5_000)
    // the offset is kept for the next start (offline, after a reload)
    expect(Number(localStorage.getItem('sh.serverClockOffset'))).toBe(serverOffsetMs())
    // and "上次同步" is stamped in server time
    expect(Math.abs(new Date(sync.lastSyncAt!).getTime() - SERVER_NOW.getTime())).toBeLessThan(5_000)
  })

  it('says 尚未开始 when the server’s clock says so, though the device clock is inside the window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-25T00:00:00Z'))
    const server = syncServer((m) => ({ id: m.id, status: 'applied' }))
    server.date = new Date('2026-11-10T00:00:00Z')
    const { wrapper, sync } = await mountButton(ACTIVITY)
    expect(wrapper.find('[data-testid=register-button]').exists()).toBe(true) // by the device clock
    await sync.syncNow()
    await vi.waitFor(() => expect(wrapper.find('[data-testid=register-button]').exists()).toBe(false))
    expect(wrapper.text()).toContain('报名尚未开始')
  })
})

describe('a cancellation on its way to the server', () => {
  it('says it is waiting for the server, not that the registration is cancelled, until the server answers', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(SERVER_NOW)
    let offline = false
    fakeApi(
      {
        '/api/sync/push': ({ body }: { body: { mutations: ClientMutation[] } }) => ({
          results: body.mutations.map((m) => ({ id: m.id, status: 'applied' })),
        }),
        '/api/sync/pull': { changes: [], cursor: 1, hasMore: false },
      },
      { date: () => SERVER_NOW, offline: () => offline },
    )
    const { wrapper, sync } = await mountButton(ACTIVITY)
    await wrapper.get('[data-testid=register-button]').trigger('click')
    await sync.syncNow()
    await vi.waitFor(() => expect(wrapper.get('[data-testid=registration-state]').attributes('data-state')).toBe('registered'))

    offline = true
    await wrapper.get('[data-testid=cancel-registration]').trigger('click')
    await flushPromises()
    answerConfirm(true)
    await vi.waitFor(() => expect(sync.pending).toBe(1))
    await vi.waitFor(() => expect(wrapper.get('[data-testid=registration-state]').attributes('data-state')).toBe('syncing'))
    expect(wrapper.text()).toContain('已在本机取消，联网后由服务器确认。')

    offline = false
    await sync.syncNow()
    await vi.waitFor(() => expect(wrapper.get('[data-testid=registration-state]').attributes('data-state')).toBe('cancelled'))
    expect(wrapper.text()).not.toContain('联网后由服务器确认')
  })
})

describe('don’t offer what cannot work', () => {
  const MEMBERS_ONLY = { ...ACTIVITY, audience: 'members' as const, orgName: '北京市海淀区科学技术协会' }

  it('offers 先加入 <organisation> instead of a register button the server would refuse', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(SERVER_NOW)
    syncServer((m) => ({ id: m.id, status: 'applied' }))
    const { wrapper } = await mountButton(MEMBERS_ONLY, false)
    const join = wrapper.get('[data-testid=join-first]')
    expect(join.text()).toBe('先加入北京市海淀区科学技术协会')
    expect(join.attributes('href')).toBe('/orgs/cast-110108')
    expect(wrapper.find('[data-testid=register-button]').exists()).toBe(false)
    // a member (the server says so), or unknown offline: the register button, the server decides
    await wrapper.setProps({ callerIsMember: true })
    expect(wrapper.find('[data-testid=register-button]').exists()).toBe(true)
    await wrapper.setProps({ callerIsMember: null })
    expect(wrapper.find('[data-testid=register-button]').exists()).toBe(true)
    expect(wrapper.text()).toContain('本活动仅限主办组织的会员报名')
  })

  it('registers with a toast and names the activity in the outbox; cancelling asks in the app’s dialog', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(SERVER_NOW)
    syncServer((m) => ({ id: m.id, status: 'applied' }))
    const { wrapper, sync } = await mountButton(ACTIVITY)
    await wrapper.get('[data-testid=register-button]').trigger('click')
    await vi.waitFor(() => expect(sync.outbox).toHaveLength(1))
    expect(sync.outbox[0]!.display).toEqual({ activity: '水稻育种报告会' })
    expect(toasts.at(-1)?.text).toBe('报名已提交')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=cancel-registration]').exists()).toBe(true))
    await wrapper.get('[data-testid=cancel-registration]').trigger('click')
    await flushPromises()
    expect(confirmState.current).toMatchObject({ title: '确定取消报名吗？您的名额会让给候补的人。', message: '水稻育种报告会' })
    answerConfirm(false)
    await flushPromises()
    expect(sync.outbox.filter((e) => e.name === 'activity.cancel')).toEqual([])
  })
})

describe('an activity card', () => {
  const FULL = { ...ACTIVITY, orgName: '北京市海淀区科学技术协会', placesTaken: 10, placesLeft: 0 }
  const mountCard = (registration: unknown) =>
    mount(ActivityCard, {
      props: { activity: FULL, registration: registration as never },
      global: {
        plugins: [
          createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] }),
          createAppI18n('zh-CN'),
        ],
      },
    })
  const reg = (over: object) => ({
    id: 'r1',
    activityId: ACTIVITY.id,
    status: 'registered',
    waitlistPosition: null,
    createdAt: '',
    updatedAt: '',
    version: 1,
    syncing: false,
    ...over,
  })

  it('shows the person’s own state, and never "可报名候补" to someone already on the list', async () => {
    const stranger = mountCard(null)
    expect(stranger.get('[data-testid=activity-item-full]').text()).toBe('名额已满，可报名候补')
    expect(stranger.find('[data-testid=activity-item-status]').exists()).toBe(false)

    const waitlisted = mountCard(reg({ status: 'waitlisted', waitlistPosition: 3 }))
    expect(waitlisted.get('[data-testid=activity-item-status]').text()).toBe('候补中 · 第 3 位')
    expect(waitlisted.get('[data-testid=activity-item-full]').text()).toBe('名额已满')

    expect(mountCard(reg({})).get('[data-testid=activity-item-status]').text()).toBe('已报名')
    expect(
      mountCard(reg({ status: 'pending_approval' }))
        .get('[data-testid=activity-item-status]')
        .text(),
    ).toBe('已报名，等待主办方审核')
    expect(
      mountCard(reg({ syncing: true }))
        .get('[data-testid=activity-item-full]')
        .text(),
    ).toBe('名额已满')
    // a cancelled registration is not on the list: the waitlist is offered again
    expect(
      mountCard(reg({ status: 'cancelled' }))
        .get('[data-testid=activity-item-full]')
        .text(),
    ).toBe('名额已满，可报名候补')
  })
})
