/**
 * RegionPicker (issue 12): a place is chosen by taps, level by level, or by name/pinyin search, never
 * typed as a code; the field shows the chain; the breadcrumb goes back up; `maxLevel` stops the taps
 * at that level; a level that cannot be loaded offline says so; the controls are named for screen
 * readers and words come in the person's language.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '../../client/i18n/index'
import RegionPicker from '../../client/components/RegionPicker.vue'
import { regionApi } from '../../client/features/regions/api'
import type { RegionItem, RegionNode, RegionPlace } from '../../shared/schemas/region'
import { fakeApi, type FakeRequest } from './fake-api'

const bj: RegionItem = { code: '11', name: '北京市', level: 'province' }
const gd: RegionItem = { code: '44', name: '广东省', level: 'province' }
const cy: RegionItem = { code: '110105', name: '朝阳区', level: 'county' }
const hd: RegionItem = { code: '110108', name: '海淀区', level: 'county' }
const zgc: RegionItem = { code: '110108010', name: '中关村街道', level: 'township' }
const hdjd: RegionItem = { code: '110108011', name: '海淀街道', level: 'township' }
const nodes: Record<string, RegionNode> = {
  '/api/regions': { chain: [], children: [bj, gd] },
  '/api/regions/11': { chain: [bj], children: [cy, hd] },
  '/api/regions/110108': { chain: [bj, hd], children: [zgc, hdjd] },
  '/api/regions/110108010': { chain: [bj, hd, zgc], children: [] },
}
const places: Record<string, RegionPlace[]> = {
  zgc: [{ ...zgc, chain: [bj, hd, zgc] }],
  haidian: [
    { ...hd, chain: [bj, hd] },
    { ...hdjd, chain: [bj, hd, hdjd] },
  ],
}

let offline: Set<string>
let api: ReturnType<typeof fakeApi>
beforeEach(() => {
  regionApi.forget()
  offline = new Set()
  api = fakeApi({
    '*': (req: FakeRequest) => {
      if (offline.has(req.path)) throw new TypeError('Failed to fetch')
      if (req.path === '/api/regions/search')
        return { items: places[req.url.searchParams.get('q')!] ?? [], page: 1, pageSize: 20, hasMore: false }
      return nodes[req.path]
    },
  })
})
afterEach(() => vi.unstubAllGlobals())

function mountPicker(props: Record<string, unknown> = {}, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mount(RegionPicker, {
    props: { modelValue: '', label: '所在地区', 'onUpdate:modelValue': () => {}, ...props },
    global: { plugins: [createAppI18n(locale)] },
    attachTo: document.body,
  })
}
type Wrapper = ReturnType<typeof mountPicker>
const sheet = (w: Wrapper) => w.get('[data-testid=region-sheet]')
const items = (w: Wrapper) =>
  sheet(w)
    .findAll('.region-sheet__item')
    .map((b) => b.find('.region-sheet__name').text())
async function tap(w: Wrapper, name: string) {
  const button = sheet(w)
    .findAll('.region-sheet__item')
    .find((b) => b.find('.region-sheet__name').text() === name)
  if (!button) throw new Error(`no place ${name} in ${items(w).join(',')}`)
  await button.trigger('click')
  await flushPromises()
}
const emitted = (w: Wrapper) => w.emitted('update:modelValue')?.map((e) => e[0])

describe('RegionPicker', () => {
  it('chooses a township by taps, province → county → township, and shows the chain', async () => {
    const w = mountPicker()
    const field = w.get('[data-testid=region]')
    expect(field.text()).toContain('未选择')
    expect(field.attributes('aria-haspopup')).toBe('dialog')
    await field.trigger('click')
    await flushPromises()
    expect((sheet(w).element as HTMLDialogElement).open).toBe(true)
    expect(items(w)).toEqual(['北京市', '广东省'])
    await tap(w, '北京市')
    expect(items(w)).toEqual(['朝阳区', '海淀区']) // what the server lists: no 市辖区 in between
    await tap(w, '海淀区')
    expect(sheet(w).find('[aria-current=location]').text()).toBe('海淀区')
    await tap(w, '中关村街道')
    expect(emitted(w)).toEqual(['110108010'])
    expect((sheet(w).element as HTMLDialogElement).open).toBe(false)
    await w.setProps({ modelValue: '110108010' })
    await flushPromises()
    expect(w.get('[data-testid=region]').text()).toContain('北京市 海淀区 中关村街道')
    expect(document.activeElement).toBe(w.get('[data-testid=region]').element) // focus back on the field
    w.unmount()
  })

  it('shows the chain of the value it is given, opens beside it and goes back up by the breadcrumb', async () => {
    const w = mountPicker({ modelValue: '110108010' })
    await flushPromises()
    expect(w.get('[data-testid=region]').text()).toContain('北京市 海淀区 中关村街道')
    await w.get('[data-testid=region]').trigger('click')
    await flushPromises()
    expect(items(w)).toEqual(['中关村街道', '海淀街道']) // the chosen place among its siblings
    const crumbs = sheet(w).findAll('nav button')
    expect(crumbs.map((c) => c.text())).toEqual(['全国', '北京市', '海淀区'])
    expect(sheet(w).get('nav').attributes('aria-label')).toBe('已选层级')
    await crumbs[1]!.trigger('click')
    await flushPromises()
    expect(items(w)).toEqual(['朝阳区', '海淀区'])
    // a county can be chosen as it is
    await tap(w, '海淀区')
    await sheet(w).get('[data-testid=region-pick-here]').trigger('click')
    expect(emitted(w)).toEqual(['110108'])
    w.unmount()
  })

  it('finds a place by pinyin initials and by full pinyin, with its chain', async () => {
    const w = mountPicker()
    await w.get('[data-testid=region]').trigger('click')
    await flushPromises()
    await sheet(w).get('[data-testid=region-search]').setValue('zgc')
    await vi.waitFor(() => expect(items(w)).toEqual(['中关村街道']))
    expect(sheet(w).find('.region-sheet__chain').text()).toBe('北京市 海淀区 中关村街道')
    await tap(w, '中关村街道')
    expect(emitted(w)).toEqual(['110108010'])
    // a county found by pinyin opens its townships instead of stopping there
    await w.get('[data-testid=region]').trigger('click')
    await flushPromises()
    await sheet(w).get('[data-testid=region-search]').setValue('haidian')
    await vi.waitFor(() => expect(items(w)).toEqual(['海淀区', '海淀街道']))
    await tap(w, '海淀区')
    expect(items(w)).toEqual(['中关村街道', '海淀街道'])
    const search = api.calls.find((c) => c.path === '/api/regions/search')!
    expect(search.url.searchParams.get('maxLevel')).toBe('township')
    w.unmount()
  })

  it('stops at maxLevel: a county is chosen by one tap and the search asks for counties at most', async () => {
    const w = mountPicker({ maxLevel: 'county' })
    await w.get('[data-testid=region]').trigger('click')
    await flushPromises()
    await tap(w, '北京市')
    expect(sheet(w).findAll('.region-sheet__more')).toHaveLength(0)
    await tap(w, '海淀区')
    expect(emitted(w)).toEqual(['110108'])
    await w.get('[data-testid=region]').trigger('click')
    await flushPromises()
    await sheet(w).get('[data-testid=region-search]').setValue('haidian')
    await vi.waitFor(() => expect(api.calls.some((c) => c.url.searchParams.get('maxLevel') === 'county')).toBe(true))
    w.unmount()
  })

  it('says so when a level cannot be loaded offline, and keeps what was loaded', async () => {
    offline.add('/api/regions/44')
    const w = mountPicker()
    await w.get('[data-testid=region]').trigger('click')
    await flushPromises()
    await tap(w, '广东省')
    const error = sheet(w).get('[data-testid=region-level-error]')
    expect(error.attributes('role')).toBe('alert')
    expect(error.text()).toContain('离线时无法加载“广东省”的下一级')
    // the provinces were loaded before: going back up works without the network
    offline.add('/api/regions')
    await sheet(w).findAll('nav button')[0]!.trigger('click')
    await flushPromises()
    expect(items(w)).toEqual(['北京市', '广东省'])
    offline.delete('/api/regions/44')
    w.unmount()
  })

  it('says so when a search cannot run offline', async () => {
    const w = mountPicker()
    await w.get('[data-testid=region]').trigger('click')
    await flushPromises()
    offline.add('/api/regions/search')
    await sheet(w).get('[data-testid=region-search]').setValue('zgc')
    await vi.waitFor(() => expect(sheet(w).text()).toContain('离线时无法搜索新的地名'))
    w.unmount()
  })

  it('clears when allowed, closes on Escape, and speaks English in the English UI', async () => {
    const w = mountPicker({ modelValue: '110108', allowClear: true, label: 'Region' }, 'en')
    await flushPromises()
    expect(w.get('[data-testid=region]').text()).toContain('北京市 海淀区')
    expect(w.get('[data-testid=region-clear]').attributes('aria-label')).toBe('Clear Region')
    await w.get('[data-testid=region]').trigger('click')
    await flushPromises()
    expect(sheet(w).get('h2').text()).toBe('Choose Region')
    expect(sheet(w).get('input[type=search]').attributes('placeholder')).toContain('pinyin')
    // place names are data; none of the picker's own words is Chinese
    expect(sheet(w).text()).not.toMatch(/选择|清除|关闭|全国|正在|个地方/)
    await sheet(w).trigger('cancel')
    expect((sheet(w).element as HTMLDialogElement).open).toBe(false)
    await w.get('[data-testid=region-clear]').trigger('click')
    expect(emitted(w)).toEqual([''])
    w.unmount()
  })
})
