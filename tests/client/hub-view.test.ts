/**
 * Hubs in the member door: the hub page (what it is, where, when open; its activities and open
 * shifts with links; empty states; offline says it needs the network, or shows this visit's copy),
 * the org page's 阵地 section, and the activity page's 举办阵地 link named from the hub.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h, type Component } from 'vue'
import HubView from '../../client/features/hubs/HubView.vue'
import OrgHubs from '../../client/features/hubs/OrgHubs.vue'
import ActivityHubLink from '../../client/features/hubs/ActivityHubLink.vue'
import { hubCache } from '../../client/features/hubs/hub-cache'
import { createAppI18n } from '../../client/i18n/index'
import type { Hub, HubPage } from '../../shared/schemas/hub'
import ActivityView from '../../client/features/activities/ActivityView.vue'
import type { ActivityDetail } from '../../shared/schemas/activity'
import { freshClientPerTest } from './component-setup'
import { fakeApi, idleSync, reply, type FakeRequest } from './fake-api'

const HUB_ID = '3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
const ACTIVITY_ID = '7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
const hub = (over: Partial<Hub> = {}): Hub => ({
  id: HUB_ID,
  orgId: 'cast-110108001',
  orgName: '中关村街道科学技术协会',
  kind: 'practice_institute',
  name: '中关村街道新时代文明实践所',
  address: '海淀区中关村南大街 5 号',
  regionCode: '110108001',
  regionName: '北京市 海淀区 中关村街道',
  openingHours: '周一至周五 9:00–17:00',
  status: 'active',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 3,
  ...over,
})
const PAGE: HubPage = {
  hub: hub(),
  activities: [
    {
      id: 'a-1',
      title: '老年人智能手机课堂',
      startsAt: '2026-12-05T06:00:00.000Z',
      endsAt: '2026-12-05T08:00:00.000Z',
      orgName: '中关村街道科学技术协会',
    },
  ],
  shifts: [
    {
      id: 's-1',
      serviceTitle: '义诊咨询',
      teamId: 't-9',
      teamName: '海淀区医疗健康科技志愿服务队',
      startsAt: '2026-12-06T01:00:00.000Z',
      endsAt: '2026-12-06T04:00:00.000Z',
      placesLeft: 3,
    },
  ],
}

function mountPublic(component: Component, props: Record<string, unknown>) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const blank = { template: '<div />' }
  const routes = [
    { path: '/login', name: 'login', component: blank }, // the activity page's register button links there
    { path: '/:p(.*)*', component: blank },
  ]
  const router = createRouter({ history: createMemoryHistory(), routes })
  return mount(component, { props, global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
}

beforeEach(() => hubCache.clear())
afterEach(() => vi.unstubAllGlobals())

describe('the hub page', () => {
  it('says what the hub is, where and when it is open, and links what happens there', async () => {
    fakeApi({ [`GET /api/hubs/${HUB_ID}`]: PAGE })
    const wrapper = mountPublic(HubView, { id: HUB_ID })
    await flushPromises()
    expect(wrapper.get('[data-testid=hub-name]').text()).toBe('中关村街道新时代文明实践所')
    expect(wrapper.get('[data-testid=hub-kind]').text()).toBe('新时代文明实践所')
    expect(wrapper.get('[data-testid=hub-address]').text()).toBe('海淀区中关村南大街 5 号')
    expect(wrapper.get('[data-testid=hub-hours]').text()).toBe('周一至周五 9:00–17:00')
    expect(wrapper.text()).toContain('北京市 海淀区 中关村街道')

    const activity = wrapper.get('[data-testid=hub-activity]')
    expect(activity.get('a').attributes('href')).toBe('/activities/a-1')
    expect(activity.text()).toContain('老年人智能手机课堂')
    expect(activity.text()).toContain('14:00–16:00') // Beijing time
    const shift = wrapper.get('[data-testid=hub-shift]')
    expect(shift.get('a').attributes('href')).toBe('/volunteer/teams/t-9')
    expect(shift.text()).toContain('义诊咨询')
    expect(shift.text()).toContain('海淀区医疗健康科技志愿服务队')
    expect(shift.text()).toContain('还剩 3 个名额')
    expect(wrapper.get('[data-testid=hub-track]').attributes('href')).toBe('/requests/track')
    expect(wrapper.find('[data-testid=hub-no-activities]').exists()).toBe(false)
  })

  it('says plainly when nothing is planned there', async () => {
    fakeApi({ [`GET /api/hubs/${HUB_ID}`]: { ...PAGE, activities: [], shifts: [] } })
    const wrapper = mountPublic(HubView, { id: HUB_ID })
    await flushPromises()
    expect(wrapper.get('[data-testid=hub-no-activities]').text()).toBe('这个阵地近期没有安排活动。')
    expect(wrapper.get('[data-testid=hub-no-shifts]').text()).toBe('这个阵地近期没有需要志愿者的班次。')
    expect(wrapper.findAll('[data-testid=hub-activity]')).toHaveLength(0)
  })

  it('a closed or unknown hub is not found', async () => {
    fakeApi({ [`GET /api/hubs/${HUB_ID}`]: reply(404, { error: { code: 'hub_not_found', message: 'no hub' } }) })
    const wrapper = mountPublic(HubView, { id: HUB_ID })
    await flushPromises()
    expect(wrapper.get('[data-testid=hub-error]').text()).toBe('找不到这个阵地，它可能已停用。')
    expect(wrapper.find('[data-testid=hub-name]').exists()).toBe(false)
  })

  it('offline: needs the network, unless the page was read earlier in this visit', async () => {
    const state = { offline: true }
    fakeApi({ [`GET /api/hubs/${HUB_ID}`]: PAGE }, { offline: () => state.offline })
    const first = mountPublic(HubView, { id: HUB_ID })
    await flushPromises()
    expect(first.get('[data-testid=hub-offline]').text()).toBe('查看阵地需要联网。请联网后再打开这个页面。')
    expect(first.find('[data-testid=hub-name]').exists()).toBe(false)
    first.unmount()

    state.offline = false
    mountPublic(HubView, { id: HUB_ID }).unmount()
    await flushPromises()
    state.offline = true
    const again = mountPublic(HubView, { id: HUB_ID })
    await flushPromises()
    expect(again.get('[data-testid=hub-name]').text()).toBe('中关村街道新时代文明实践所')
    expect(again.find('[data-testid=hub-offline-copy]').exists()).toBe(true)
  })
})

describe('the org page’s 阵地 and the activity page’s 举办阵地', () => {
  it('lists the organisation’s active hubs with links, and says when it has none', async () => {
    const api = fakeApi({
      'GET /api/hubs': ({ url }: FakeRequest) =>
        url.searchParams.get('orgId') === 'cast-110108001'
          ? { items: [hub(), hub({ id: 'h-2', name: '中关村党群服务中心', kind: 'party_mass_center' })], total: 2, page: 1, pageSize: 50 }
          : { items: [], total: 0, page: 1, pageSize: 50 },
    })
    const wrapper = mountPublic(OrgHubs, { orgId: 'cast-110108001' })
    await flushPromises()
    const rows = wrapper.findAll('[data-testid=org-hub]')
    expect(rows.map((r) => r.get('a').attributes('href'))).toEqual([`/hubs/${HUB_ID}`, '/hubs/h-2'])
    expect(rows[1]!.text()).toContain('党群服务中心')
    expect(wrapper.get('[data-testid=org-hubs]').text()).toContain('阵地（2）')
    expect(api.calls[0]!.url.searchParams.get('orgId')).toBe('cast-110108001')

    await wrapper.setProps({ orgId: 'cast-110108' })
    await flushPromises()
    expect(wrapper.get('[data-testid=org-no-hubs]').text()).toBe('这个组织还没有登记阵地。')
  })

  it('names the hub from its page and links to it; offline the link stays, unnamed', async () => {
    const state = { offline: false }
    fakeApi({ [`GET /api/hubs/${HUB_ID}`]: PAGE }, { offline: () => state.offline })
    const Facts = defineComponent({ setup: () => () => h('dl', [h(ActivityHubLink, { hubId: HUB_ID })]) })
    const wrapper = mountPublic(Facts, {})
    await flushPromises()
    const link = wrapper.get('[data-testid=activity-hub-link]')
    expect(link.text()).toBe('中关村街道新时代文明实践所')
    expect(link.attributes('href')).toBe(`/hubs/${HUB_ID}`)
    expect(wrapper.text()).toContain('举办阵地')

    hubCache.clear()
    state.offline = true
    const offline = mountPublic(Facts, {})
    await flushPromises()
    expect(offline.get('[data-testid=activity-hub-link]').text()).toBe('查看阵地')
  })
})

describe('the activity page', () => {
  freshClientPerTest()

  const activity = (hubId: string | null): ActivityDetail => ({
    id: ACTIVITY_ID,
    orgId: 'cast-110108001',
    kind: 'popularization',
    title: '老年人智能手机课堂',
    description: '',
    venueAddress: '海淀区中关村南大街 5 号',
    hubId,
    regionCode: '110108',
    startsAt: '2026-12-05T06:00:00.000Z',
    endsAt: '2026-12-05T08:00:00.000Z',
    registrationOpensAt: '2026-11-01T00:00:00.000Z',
    registrationClosesAt: '2026-12-05T06:00:00.000Z',
    capacity: 30,
    placesTaken: 0,
    placesLeft: 30,
    requiresApproval: false,
    audience: 'public',
    status: 'published',
    cancelReason: null,
    creditHours: 0,
    checkInOpensMinutesBefore: 120,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 2,
    orgName: '中关村街道科学技术协会',
    waitlistCount: 0,
    myRegistration: null,
    callerIsMember: null,
  })

  it('shows 举办阵地 with the hub’s name when the activity is at a hub, and nothing when not', async () => {
    let hubId: string | null = HUB_ID
    fakeApi({ ...idleSync, [`GET /api/activities/${ACTIVITY_ID}`]: () => activity(hubId), [`GET /api/hubs/${HUB_ID}`]: PAGE })
    const at = mountPublic(ActivityView, { id: ACTIVITY_ID })
    await vi.waitFor(() => expect(at.find('[data-testid=activity-hub-link]').exists()).toBe(true))
    await flushPromises()
    expect(at.get('[data-testid=activity-hub-link]').text()).toBe('中关村街道新时代文明实践所')
    expect(at.get('[data-testid=activity-hub-link]').attributes('href')).toBe(`/hubs/${HUB_ID}`)
    at.unmount()

    hubId = null
    const notAt = mountPublic(ActivityView, { id: ACTIVITY_ID })
    await vi.waitFor(() => expect(notAt.find('[data-testid=activity-title]').exists()).toBe(true))
    expect(notAt.find('[data-testid=activity-hub-link]').exists()).toBe(false)
    notAt.unmount()
  })
})
