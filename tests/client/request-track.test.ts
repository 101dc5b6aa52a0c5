/**
 * The public follow-up of a service request (/requests/track, RequestTrackPanel): number + phone
 * checked before sending, the status and timeline in words with Beijing times, refusals in words
 * (unknown, too many tries, offline), and the 1–5 star rating with a comment once done.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RequestTrackPanel from '../../client/features/requests/RequestTrackPanel.vue'
import TrackView from '../../client/features/requests/TrackView.vue'
import HomeView from '../../client/features/home/HomeView.vue'
import { createAppI18n } from '../../client/i18n/index'
import { loginFirst, routes } from '../../client/router'
import type { RequestTrack } from '../../shared/schemas/service-request'
import { fakeApi, reply, type FakeRequest } from './fake-api'

const DONE: RequestTrack = {
  number: '12-0007',
  hubName: '中关村街道新时代文明实践所',
  category: 'elder_digital',
  description: '想学用手机挂号',
  wantedDate: '2026-12-03',
  wantedPeriod: 'morning',
  status: 'done',
  teamName: '海淀区医疗健康科技志愿服务队',
  scheduledStartsAt: '2026-12-03T01:00:00.000Z',
  scheduledEndsAt: '2026-12-03T03:00:00.000Z',
  report: '教会了挂号和查看报告',
  rating: null,
  ratingComment: null,
  canRate: true,
  events: [
    { kind: 'ordered', at: '2026-12-01T02:05:00.000Z', actor: 'kiosk', teamName: null, note: null },
    { kind: 'dispatched', at: '2026-12-01T03:00:00.000Z', actor: 'admin', teamName: '海淀区医疗健康科技志愿服务队', note: null },
    { kind: 'accepted', at: '2026-12-01T04:00:00.000Z', actor: 'leader', teamName: '海淀区医疗健康科技志愿服务队', note: null },
    {
      kind: 'done',
      at: '2026-12-03T03:10:00.000Z',
      actor: 'leader',
      teamName: '海淀区医疗健康科技志愿服务队',
      note: '教会了挂号和查看报告',
    },
  ],
  createdAt: '2026-12-01T02:05:00.000Z',
}

function mountPanel(props: Record<string, unknown> = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  return mount(RequestTrackPanel, { props, global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
}

async function lookUp(wrapper: ReturnType<typeof mountPanel>, number = '12-0007', phone = '13812345678') {
  await wrapper.get('[data-testid=track-number]').setValue(number)
  await wrapper.get('[data-testid=track-phone]').setValue(phone)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

afterEach(() => vi.unstubAllGlobals())

describe('following a service request', () => {
  it('checks the number and phone before sending anything', async () => {
    const api = fakeApi({ 'POST /api/requests/lookup': DONE })
    const wrapper = mountPanel()
    await lookUp(wrapper, '7', '1381234')
    expect(wrapper.get('[data-testid=track-number-error]').text()).toBe('请输入正确的服务单号，例如 12-0007。')
    expect(wrapper.get('[data-testid=track-phone-error]').text()).toBe('请输入点单时留下的 11 位手机号。')
    expect(api.calls).toEqual([])
  })

  it('shows the status in words, the timeline in Beijing time, the team, visit time and report', async () => {
    const api = fakeApi({ 'POST /api/requests/lookup': { ...DONE, status: 'accepted', canRate: false, report: null } })
    const wrapper = mountPanel()
    await lookUp(wrapper, ' 12－0007 ')
    expect(api.calls[0]!.body).toEqual({ number: '12-0007', phone: '13812345678' })
    const status = wrapper.get('[data-testid=track-status]')
    expect(status.attributes('data-status')).toBe('accepted')
    expect(status.text()).toContain('服务队已接单')
    expect(wrapper.get('[data-testid=track-team]').text()).toBe('海淀区医疗健康科技志愿服务队')
    expect(wrapper.get('[data-testid=track-scheduled]').text()).toContain('09:00–11:00')
    expect(wrapper.text()).toContain('老年人智能手机')
    expect(wrapper.text()).toContain('上午')
    const events = wrapper.findAll('[data-testid=track-event]')
    expect(events.map((e) => e.attributes('data-kind'))).toEqual(['ordered', 'dispatched', 'accepted', 'done'])
    expect(events[0]!.text()).toContain('居民点单')
    expect(events[0]!.text()).toContain('10:05') // 02:05 UTC is 10:05 in Beijing
    expect(events[1]!.text()).toContain('派单给服务队 · 海淀区医疗健康科技志愿服务队')
    expect(wrapper.find('[data-testid=track-rate]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('13812345678')
  })

  it('says why a look-up failed: unknown number or phone, too many tries, offline', async () => {
    let answer: unknown = reply(404, { error: { code: 'request_not_found', message: 'no' } })
    const state = { offline: false }
    fakeApi({ 'POST /api/requests/lookup': () => answer }, { offline: () => state.offline })
    const wrapper = mountPanel()
    await lookUp(wrapper)
    expect(wrapper.get('[data-testid=track-problem]').text()).toBe('找不到这个服务单：请核对单号和下单时留的手机号。')
    answer = reply(429, { error: { code: 'too_many_attempts', message: 'slow down' } })
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=track-problem]').text()).toBe('尝试次数过多，请 15 分钟后再试。')
    state.offline = true
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=track-problem]').text()).toBe('查询需要联网。请联网后再试。')
    expect(wrapper.find('[data-testid=track-result]').exists()).toBe(false)
  })

  it('rates a done request 1–5 stars with a comment, each star a labelled choice', async () => {
    const rate = vi.fn(({ body }: FakeRequest) => ({
      ...DONE,
      status: 'rated',
      canRate: false,
      rating: body.rating,
      ratingComment: body.comment,
    }))
    const api = fakeApi({ 'POST /api/requests/lookup': DONE, 'POST /api/requests/rate': rate })
    const wrapper = mountPanel()
    await lookUp(wrapper)
    expect(wrapper.get('[data-testid=track-status]').text()).toContain('服务已完成')
    expect(wrapper.get('[data-testid=track-report]').text()).toBe('教会了挂号和查看报告')
    const labels = [1, 2, 3, 4, 5].map((n) => wrapper.get(`[data-testid=track-rate-${n}]`).element.closest('label')!.textContent!.trim())
    expect(labels.map((l) => l.replace(/[★☆]/g, '').trim())).toEqual(['1 星', '2 星', '3 星', '4 星', '5 星'])
    expect(wrapper.get('[data-testid=track-rate-1]').attributes('type')).toBe('radio')

    await wrapper.get('[data-testid=track-rate]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=track-rate-problem]').text()).toBe('请先选择星级。')
    expect(rate).not.toHaveBeenCalled()

    await wrapper.get('[data-testid=track-rate-4]').setValue(true)
    await wrapper.get('[data-testid=track-rate-comment]').setValue('  很耐心  ')
    await wrapper.get('[data-testid=track-rate]').trigger('submit')
    await flushPromises()
    expect(api.calls.at(-1)!.body).toEqual({ number: '12-0007', phone: '13812345678', rating: 4, comment: '很耐心' })
    expect(wrapper.get('[data-testid=track-rated]').text()).toContain('您的评价：4 星')
    expect(wrapper.get('[data-testid=track-status]').attributes('data-status')).toBe('rated')
    expect(wrapper.find('[data-testid=track-rate]').exists()).toBe(false)
  })

  it('a refused rating is said in words; 查询其他服务单 clears everything typed', async () => {
    fakeApi({
      'POST /api/requests/lookup': DONE,
      'POST /api/requests/rate': reply(422, { error: { code: 'rating_closed', message: 'too late' } }),
    })
    const wrapper = mountPanel({ large: true })
    expect(wrapper.classes()).toContain('track--large')
    await lookUp(wrapper)
    await wrapper.get('[data-testid=track-rate-5]').setValue(true)
    await wrapper.get('[data-testid=track-rate]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=track-rate-problem]').text()).toBe('服务完成 30 天后不能再评价。')
    await wrapper.get('[data-testid=track-again]').trigger('click')
    expect(wrapper.find('[data-testid=track-result]').exists()).toBe(false)
    expect((wrapper.get('[data-testid=track-number]').element as HTMLInputElement).value).toBe('')
    expect((wrapper.get('[data-testid=track-phone]').element as HTMLInputElement).value).toBe('')
  })

  it('the page is public: no login needed, and it holds the panel', async () => {
    const route = routes.find((r) => r.path === '/requests/track')!
    expect(route.name).toBe('request-track')
    expect(route.meta?.auth).toBeFalsy()
    setActivePinia(createPinia())
    expect(loginFirst({ meta: route.meta ?? {}, fullPath: '/requests/track' } as Parameters<typeof loginFirst>[0])).toBeUndefined()
    expect(routes.find((r) => r.path === '/hubs/:id')?.meta?.tab).toBe('organizations')

    fakeApi({})
    const pinia = createPinia()
    setActivePinia(pinia)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
    const page = mount(TrackView, { global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
    expect(page.get('h1').text()).toBe('查询服务单进度')
    expect(page.find('[data-testid=track-submit]').exists()).toBe(true)

    // 首页 leads there, for guests too
    const home = mount(HomeView, { global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
    expect(home.get('[data-testid=home-track]').attributes('href')).toBe('/requests/track')
    expect(home.get('[data-testid=home-track]').text()).toBe('查询服务单进度')
    home.unmount()
  })
})
