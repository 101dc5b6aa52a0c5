/**
 * 活动 for a guest (issue 12): 附近 is offered without an account, around a place chosen with the
 * region picker; the choice lives in the link (?region=) and reaches the server as near=1&region=.
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ActivityListView from '../../client/features/activities/ActivityListView.vue'
import { createAppI18n } from '../../client/i18n/index'
import { regionApi } from '../../client/features/regions/api'
import { freshClientPerTest } from './component-setup'
import { fakeApi, type FakeRequest } from './fake-api'

const bj = { code: '11', name: '北京市', level: 'province' }
const hd = { code: '110108', name: '海淀区', level: 'county' }

describe('活动 for a guest', () => {
  freshClientPerTest()

  it('starts nationwide, offers 附近 with a region picker, and asks the server near the chosen place', async () => {
    regionApi.forget()
    const lists: URLSearchParams[] = []
    fakeApi({
      '/api/activities': ({ url }: FakeRequest) => {
        lists.push(url.searchParams)
        return { items: [], page: 1, pageSize: 20, hasMore: false }
      },
      '/api/regions': { chain: [], children: [bj] },
      '/api/regions/11': { chain: [bj], children: [hd] },
      '/api/regions/110108': { chain: [bj, hd], children: [] },
    })
    setActivePinia(createPinia())
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/activities', component: ActivityListView },
        { path: '/:p(.*)*', component: { template: '<div />' } },
      ],
    })
    await router.push('/activities')
    const wrapper = mount(ActivityListView, { global: { plugins: [router, createAppI18n('zh-CN')] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.get('[data-testid=filter-all]').attributes('aria-pressed')).toBe('true')
    expect(lists.at(-1)?.get('near')).toBeNull()

    await wrapper.get('[data-testid=filter-near]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid=near-no-region]').text()).toContain('选择一个地区')
    expect(wrapper.text()).not.toContain('编辑资料') // a guest has no profile to edit
    await wrapper.get('[data-testid=near-region]').trigger('click')
    await flushPromises()
    await wrapper.get('.region-sheet__item[data-code="11"]').trigger('click')
    await flushPromises()
    await wrapper.get('.region-sheet__item[data-code="110108"]').trigger('click') // a county has townships: opens them
    await flushPromises()
    await wrapper.get('[data-testid=near-region-pick-here]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query).toMatchObject({ tab: 'near', region: '110108' }))
    await vi.waitFor(() => expect(Object.fromEntries(lists.at(-1)!)).toMatchObject({ near: '1', region: '110108' }))
    expect(wrapper.get('[data-testid=near-region]').text()).toContain('北京市 海淀区')
    wrapper.unmount()
  })
})
