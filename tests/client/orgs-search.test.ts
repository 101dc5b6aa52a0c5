/**
 * The 组织 search view, mounted with the real i18n and router and a stubbed fetch: typing is
 * debounced into one request, filter chips and the discipline select reach the query, and empty
 * results, server errors and a dead network each say so.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import OrgSearchView from '../../client/features/organizations/OrgSearchView.vue'
import { createAppI18n } from '../../client/i18n/index'
import { STORAGE_KEY_LAST_ME } from '../../client/features/account/store'
import type { OrgSummary } from '../../shared/schemas/organization'
import { fakeApi, jsonResponse as json, type FakeRequest } from './fake-api'

const DEBOUNCE_MS = 250

function org(over: Partial<OrgSummary>): OrgSummary {
  return {
    id: 'cast-110108',
    name: '北京市海淀区科学技术协会',
    shortName: '海淀区科协',
    kind: 'cast',
    level: 'county',
    regionCode: '110108',
    regionName: '北京市海淀区',
    parentId: 'cast-1101',
    discipline: null,
    status: 'established',
    joinPolicy: 'approval',
    ...over,
  }
}

/** A fetch that answers GET /api/orgs with `answer(query)` and records every query it saw. */
function orgsServer(answer: (q: URLSearchParams) => Response | Promise<Response>) {
  const seen: URLSearchParams[] = []
  fakeApi({
    '/api/orgs': ({ url }: FakeRequest) => {
      seen.push(url.searchParams)
      return answer(url.searchParams)
    },
  })
  return { seen }
}

async function mountSearch(at = '/orgs') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/orgs', component: OrgSearchView },
      { path: '/:p(.*)*', component: { template: '<div />' } },
    ],
  })
  await router.push(at)
  await router.isReady()
  const wrapper = mount(OrgSearchView, { global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  await flushPromises()
  return { wrapper, router }
}

/** Lets the debounce run out and the request settle. */
async function settle() {
  await vi.advanceTimersByTimeAsync(DEBOUNCE_MS + 10)
  await flushPromises()
}

describe('organisation search view', () => {
  beforeEach(() => {
    localStorage.clear()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('sends one request for a burst of typing, after the debounce, and lists name, kind and region', async () => {
    const { seen } = orgsServer(() => json(200, { items: [org({})], total: 1, page: 1, pageSize: 30 }))
    const { wrapper, router } = await mountSearch()
    expect(seen).toHaveLength(0) // nothing typed, no filter: the browse/我的组织 page, no search

    const box = wrapper.get('[data-testid=org-search]')
    for (const text of ['海', '海淀', '海淀区']) {
      await box.setValue(text)
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(seen).toHaveLength(0) // still typing
    await settle()
    expect(seen.map((q) => q.get('q'))).toEqual(['海淀区'])

    const item = wrapper.get('[data-testid=org-result]')
    expect(item.text()).toContain('北京市海淀区科学技术协会')
    expect(item.text()).toContain('科协')
    expect(item.text()).toContain('县级')
    expect(item.text()).toContain('北京市海淀区')
    expect(item.attributes('href')).toBe('/orgs/cast-110108')
    expect(wrapper.text()).toContain('共 1 个组织')
    // kept in the URL, so back and a shared link return to the same results
    expect(router.currentRoute.value.query).toEqual({ q: '海淀区' })
  })

  it('puts the kind chip and the discipline into the query, and "全部" takes the kind off again', async () => {
    const { seen } = orgsServer((q) =>
      json(200, {
        items: [
          org({
            id: 'society-ccf',
            name: '中国计算机学会',
            kind: 'society',
            level: null,
            regionCode: null,
            regionName: null,
            parentId: null,
            discipline: q.get('discipline'),
          }),
        ],
        total: 1,
        page: 1,
        pageSize: 30,
      }),
    )
    const { wrapper } = await mountSearch()
    await wrapper.get('[data-testid=org-search]').setValue('计算机')
    await wrapper.get('[data-testid=kind-society]').trigger('click')
    await settle()
    expect(seen.at(-1)?.get('kind')).toBe('society')
    expect(wrapper.get('[data-testid=kind-society]').attributes('aria-pressed')).toBe('true')

    await wrapper.get('[data-testid=discipline]').setValue('工科')
    await settle()
    expect(Object.fromEntries(seen.at(-1)!)).toMatchObject({ q: '计算机', kind: 'society', discipline: '工科' })
    expect(wrapper.get('[data-testid=org-result]').text()).toContain('工科')

    await wrapper.findAll('.chip')[0]!.trigger('click') // 全部
    await settle()
    expect(seen.at(-1)?.has('kind')).toBe(false)
    expect(seen.at(-1)?.get('discipline')).toBe('工科')
  })

  it('a filter alone searches (no text needed), and clearing everything goes back to browsing', async () => {
    const { seen } = orgsServer(() =>
      json(200, { items: [org({ kind: 'agritech', name: '海淀区农技协', level: null })], total: 1, page: 1, pageSize: 30 }),
    )
    const { wrapper } = await mountSearch()
    expect(wrapper.find('[data-testid=browse]').exists()).toBe(true)
    await wrapper.get('[data-testid=kind-agritech]').trigger('click')
    await settle()
    expect(seen).toHaveLength(1)
    expect(seen[0]!.get('q')).toBeNull()
    expect(wrapper.find('[data-testid=browse]').exists()).toBe(false)

    await wrapper.findAll('.chip')[0]!.trigger('click')
    await settle()
    expect(seen).toHaveLength(1) // nothing to search for: no request
    expect(wrapper.find('[data-testid=org-result]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=browse]').exists()).toBe(true)
  })

  it('a deep link restores text, kind and discipline; an unknown kind in a link falls back to all', async () => {
    const { seen } = orgsServer(() =>
      json(200, { items: [org({ id: 'society-ccf', name: '中国计算机学会', kind: 'society' })], total: 1, page: 1, pageSize: 30 }),
    )
    const { wrapper } = await mountSearch('/orgs?q=%E8%AE%A1%E7%AE%97%E6%9C%BA&kind=society&discipline=%E5%B7%A5%E7%A7%91')
    expect(Object.fromEntries(seen[0]!)).toMatchObject({ q: '计算机', kind: 'society', discipline: '工科' })
    expect((wrapper.get('[data-testid=org-search]').element as HTMLInputElement).value).toBe('计算机')
    expect(wrapper.get('[data-testid=kind-society]').attributes('aria-pressed')).toBe('true')
    expect((wrapper.get('[data-testid=discipline]').element as HTMLSelectElement).value).toBe('工科')
    wrapper.unmount()

    const bogus = await mountSearch('/orgs?q=%E6%B5%B7%E6%B7%80&kind=bogus&discipline=x')
    expect(seen).toHaveLength(2)
    expect(seen[1]!.has('kind')).toBe(false)
    expect(seen[1]!.has('discipline')).toBe(false)
    expect(bogus.wrapper.findAll('.chip')[0]!.attributes('aria-pressed')).toBe('true')
  })

  it('says so when nothing matches', async () => {
    orgsServer(() => json(200, { items: [], total: 0, page: 1, pageSize: 30 }))
    const { wrapper } = await mountSearch()
    await wrapper.get('[data-testid=org-search]').setValue('不存在的学会名字')
    await settle()
    expect(wrapper.text()).toContain('没有找到匹配的组织')
    expect(wrapper.find('[data-testid=org-result]').exists()).toBe(false)
  })

  it('shows the server refusal and a network failure as alerts, and recovers on the next answer', async () => {
    let mode: 'bad' | 'down' | 'ok' = 'bad'
    orgsServer(() => {
      if (mode === 'down') throw new TypeError('Failed to fetch')
      if (mode === 'bad') return json(400, { error: { code: 'invalid_input', message: 'q: q is at most 40 characters' } })
      return json(200, { items: [org({})], total: 1, page: 1, pageSize: 30 })
    })
    const { wrapper } = await mountSearch()
    await wrapper.get('[data-testid=org-search]').setValue('海淀')
    await settle()
    expect(wrapper.get('[role=alert]').text()).toContain('搜索失败')
    // the code in the person's words, never the server's English message
    expect(wrapper.get('[role=alert]').text()).toContain('提交的内容格式不正确')
    expect(wrapper.get('[role=alert]').text()).not.toContain('characters')

    mode = 'down'
    await wrapper.get('[data-testid=org-search]').setValue('海淀区')
    await settle()
    expect(wrapper.get('[role=alert]').text()).toContain('加载失败')

    mode = 'ok'
    await wrapper.get('[data-testid=org-search]').setValue('海淀区科协')
    await settle()
    expect(wrapper.find('[role=alert]').exists()).toBe(false)
    expect(wrapper.get('[data-testid=org-result]').text()).toContain('海淀区')
  })

  it('filters by a place chosen in the region picker, kept in the link, and 用我所在的区县 takes the person’s county', async () => {
    const seen: URLSearchParams[] = []
    fakeApi({
      '/api/orgs': ({ url }: FakeRequest) => {
        seen.push(url.searchParams)
        return json(200, { items: [org({})], total: 1, page: 1, pageSize: 30 })
      },
      '/api/regions/110108': {
        chain: [
          { code: '11', name: '北京市', level: 'province' },
          { code: '110108', name: '海淀区', level: 'county' },
        ],
        children: [],
      },
      '/api/regions/370783': {
        chain: [
          { code: '37', name: '山东省', level: 'province' },
          { code: '370783', name: '寿光市', level: 'county' },
        ],
        children: [],
      },
    })
    localStorage.setItem(
      STORAGE_KEY_LAST_ME,
      JSON.stringify({
        id: 'u1',
        phone: '138****0000',
        name: '张三',
        regionCode: '110108011',
        regionName: '北京市海淀区中关村街道',
        discipline: null,
        employer: null,
        title: null,
        bio: null,
        systemRole: 'member',
        createdAt: '2026-01-01T00:00:00Z',
        version: 1,
      }),
    )
    const { wrapper, router } = await mountSearch('/orgs?region=370783')
    await settle()
    expect(seen.at(-1)?.get('region')).toBe('370783')
    expect(wrapper.get('[data-testid=org-region]').text()).toContain('山东省 寿光市')
    await wrapper.get('[data-testid=near-me]').trigger('click')
    await settle()
    expect(seen.at(-1)?.get('region')).toBe('110108')
    expect(router.currentRoute.value.query.region).toBe('110108')
    expect(wrapper.get('[data-testid=org-region]').text()).toContain('北京市 海淀区')
    await wrapper.get('[data-testid=org-region-clear]').trigger('click')
    await settle()
    expect(router.currentRoute.value.query.region).toBeUndefined()
  })

  it('shows only the newest answer when an older, slower one arrives last', async () => {
    const gates = new Map<string, (r: Response) => void>()
    orgsServer((q) => new Promise<Response>((resolve) => gates.set(q.get('q') ?? '', resolve)))
    const { wrapper } = await mountSearch()
    await wrapper.get('[data-testid=org-search]').setValue('海淀')
    await settle()
    await wrapper.get('[data-testid=org-search]').setValue('朝阳')
    await settle()
    gates.get('朝阳')!(
      json(200, { items: [org({ id: 'cast-110105', name: '北京市朝阳区科学技术协会' })], total: 1, page: 1, pageSize: 30 }),
    )
    await flushPromises()
    gates.get('海淀')!(json(200, { items: [org({})], total: 1, page: 1, pageSize: 30 }))
    await flushPromises()
    expect(wrapper.findAll('[data-testid=org-result]').map((r) => r.text())).toEqual([expect.stringContaining('朝阳区')])
  })
})
