/**
 * The admin's hub screens: /admin/hubs lists the hubs of the admin's area and registers one for an
 * organisation the person administers (what is sent is the shared HubCreateInput; a refusal is said
 * in words); /admin/hubs/:id shows the kiosks, revokes one only after the confirm dialog, and shows
 * a one-time enrolment code big with its expiry and what to do with it.
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import HubsAdminView from '../../client/doors/admin/HubsAdminView.vue'
import HubAdminView from '../../client/doors/admin/HubAdminView.vue'
import RegionPicker from '../../client/components/RegionPicker.vue'
import { answerConfirm, confirmState } from '../../client/components/feedback'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import type { Hub, HubAdminView as HubAdminViewData, KioskDevice } from '../../shared/schemas/hub'
import type { Membership } from '../../shared/schemas/membership'
import type { Me } from '../../shared/schemas/user'
import type { SyncedOrganization } from '../../client/lib/tables'
import { freshClientPerTest, mountSignedIn } from './component-setup'
import { fakeApi, reply, type FakeRequest } from './fake-api'

const HUB = '3b9f0c2e-1d4a-4e5b-8c6d-7e8f9a0b1c2d'
const KIOSK = '4c0a1d3f-2e5b-4f6c-9d7e-8f9a0b1c2d3e'
const OLD_KIOSK = '5d1b2e4a-3f6c-4a7d-8e8f-9a0b1c2d3e4f'
const ME: Me = {
  id: 'u-admin',
  phone: '13912345678',
  name: '李管理',
  regionCode: '110108',
  regionName: '北京市海淀区',
  discipline: null,
  employer: null,
  title: null,
  bio: null,
  systemRole: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
}

const hub = (over: Partial<Hub> = {}): Hub => ({
  id: HUB,
  orgId: 'cast-110108010',
  orgName: '中关村街道科学技术协会',
  kind: 'practice_institute',
  name: '中关村街道新时代文明实践所',
  address: '海淀区中关村大街 27 号',
  regionCode: '110108010',
  regionName: '北京市 海淀区 中关村街道',
  openingHours: '周一至周五 9:00–17:00',
  status: 'active',
  updatedAt: '2026-11-20T02:00:00.000Z',
  version: 3,
  ...over,
})
const kiosk = (over: Partial<KioskDevice> = {}): KioskDevice => ({
  id: KIOSK,
  name: '大厅平板',
  deviceNo: 12,
  createdAt: '2026-11-20T02:00:00.000Z',
  lastSeenAt: '2026-12-01T06:30:00.000Z',
  revokedAt: null,
  ...over,
})

describe('/admin/hubs', () => {
  freshClientPerTest()

  const org = (id: string, name: string): SyncedOrganization => ({
    id,
    name,
    shortName: null,
    kind: 'cast',
    level: 'county',
    regionCode: id.slice(5),
    parentId: null,
    discipline: null,
    status: 'established',
    joinPolicy: 'approval',
    description: null,
    contact: null,
    version: 1,
  })
  const membership = (id: string, orgId: string, role: Membership['role']): Membership => ({
    id,
    orgId,
    status: 'active',
    role,
    memberNo: 'KX2026000001',
    reason: null,
    validUntil: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
  })
  const ROWS = [
    { table: 'organizations', row: org('cast-110108', '北京市海淀区科学技术协会') },
    { table: 'organizations', row: org('cast-110105', '北京市朝阳区科学技术协会') },
    { table: 'memberships', row: membership('a1b2c3d4-0000-4000-8000-000000000001', 'cast-110105', 'member') },
    { table: 'memberships', row: membership('a1b2c3d4-0000-4000-8000-000000000002', 'cast-110108', 'admin') },
  ]

  async function mountList(create: (body: Record<string, unknown>) => unknown) {
    let pulled = false
    const net = { lists: [] as string[], created: [] as unknown[] }
    fakeApi({
      '/api/sync/push': { results: [] },
      '/api/sync/pull': () => {
        const rows = pulled ? [] : ROWS
        pulled = true
        return { changes: rows.map(({ table, row }) => ({ table, id: row.id, op: 'upsert', row })), cursor: 1, hasMore: false }
      },
      'GET /api/admin/hubs': ({ url }: FakeRequest) => {
        net.lists.push(url.search)
        return {
          items: [hub(), hub({ id: 'h-2', name: '海淀区党群服务中心', kind: 'party_mass_center', status: 'closed' })],
          total: 2,
          page: 1,
          pageSize: 50,
        }
      },
      'POST /api/admin/hubs': ({ body }: FakeRequest) => {
        net.created.push(body)
        return create(body)
      },
      '/api/regions/110108010': { chain: [], children: [] },
    })
    const pinia = createPinia()
    setActivePinia(pinia)
    useAccountStore().me = ME
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
    const wrapper = mount(HubsAdminView, { global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
    const sync = useSyncStore()
    await sync.start()
    await sync.syncNow()
    await flushPromises()
    return { wrapper, net }
  }

  it('lists the hubs of the area with kind, region and a closed one said in words', async () => {
    const { wrapper, net } = await mountList(() => undefined)
    expect(net.lists[0]).toBe('?page=1&pageSize=50')
    const rows = wrapper.findAll('[data-testid=hub-row]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('中关村街道新时代文明实践所')
    expect(rows[0]!.text()).toContain('新时代文明实践所 · 北京市 海淀区 中关村街道')
    expect(rows[0]!.get('a').attributes('href')).toBe(`/admin/hubs/${HUB}`)
    expect(rows[1]!.text()).toContain('党群服务中心')
    expect(rows[1]!.text()).toContain('已停用')
  })

  it('registers a hub for an organisation the person administers, and marks what is missing first', async () => {
    const { wrapper, net } = await mountList((body) =>
      body.name === '学院路党群服务中心'
        ? reply(422, { error: { code: 'region_outside_org', message: 'outside' } })
        : reply(201, hub({ id: 'h-new', name: String(body.name) })),
    )
    await wrapper.get('[data-testid=hub-create-open]').trigger('click')
    const org = wrapper.get('[data-testid=hub-create-org]')
    // only the organisation the person administers is offered
    expect(org.findAll('option').map((o) => o.text())).toEqual(['北京市海淀区科学技术协会'])

    await wrapper.get('[data-testid=hub-create-form]').trigger('submit')
    await flushPromises()
    expect(net.created).toEqual([])
    expect(wrapper.get('[data-testid=hub-create-error]').text()).toBe('请检查标出的内容。')
    expect(wrapper.get('[data-testid=hub-create-name-error]').text()).toBe('请填写名称（2–60 个字）。')

    await wrapper.get('[data-testid=hub-create-kind]').setValue('practice_center')
    await wrapper.get('[data-testid=hub-create-name]').setValue('海淀区新时代文明实践中心')
    await wrapper.get('[data-testid=hub-create-address]').setValue('海淀区长春桥路 17 号')
    wrapper.findComponent(RegionPicker).vm.$emit('update:modelValue', '110108010')
    await wrapper.get('[data-testid=hub-create-hours]').setValue('每天 9:00–21:00')
    await wrapper.get('[data-testid=hub-create-form]').trigger('submit')
    await vi.waitFor(() => expect(net.created).toHaveLength(1))
    expect(net.created[0]).toEqual({
      orgId: 'cast-110108',
      kind: 'practice_center',
      name: '海淀区新时代文明实践中心',
      address: '海淀区长春桥路 17 号',
      regionCode: '110108010',
      openingHours: '每天 9:00–21:00',
    })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=hub-row]')).toHaveLength(3))
    expect(wrapper.findAll('[data-testid=hub-row]')[0]!.text()).toContain('海淀区新时代文明实践中心')
    expect(wrapper.find('[data-testid=hub-create-form]').exists()).toBe(false)

    // a refusal is said in the person's words, and the form keeps what was typed
    await wrapper.get('[data-testid=hub-create-open]').trigger('click')
    await wrapper.get('[data-testid=hub-create-name]').setValue('学院路党群服务中心')
    await wrapper.get('[data-testid=hub-create-address]').setValue('海淀区学院路 30 号')
    wrapper.findComponent(RegionPicker).vm.$emit('update:modelValue', '110108010')
    await wrapper.get('[data-testid=hub-create-hours]').setValue('每天 9:00–21:00')
    await wrapper.get('[data-testid=hub-create-form]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=hub-create-error]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=hub-create-error]').text()).toBe('阵地所在地区不在该组织的地区范围内。')
    expect((wrapper.get('[data-testid=hub-create-name]').element as HTMLInputElement).value).toBe('学院路党群服务中心')
  })
})

describe('/admin/hubs/:id', () => {
  function server(view: Partial<HubAdminViewData> = {}) {
    const net = { revoked: [] as string[], codes: 0 }
    fakeApi({
      [`GET /api/admin/hubs/${HUB}`]: {
        hub: hub(),
        devices: [kiosk(), kiosk({ id: OLD_KIOSK, name: '旧平板', deviceNo: 3, lastSeenAt: null, revokedAt: '2026-11-25T02:00:00.000Z' })],
        liveCodes: 0,
        canManage: true,
        ...view,
      },
      [`POST /api/admin/hubs/${HUB}/enrolment-codes`]: () => {
        net.codes++
        if (net.codes > 1) return reply(409, { error: { code: 'hub_closed', message: 'closed' } })
        return reply(201, { code: 'ABCD-2345', expiresAt: '2026-12-02T06:00:00.000Z' })
      },
      '*': (req: FakeRequest) => {
        const m = /^\/api\/admin\/devices\/([^/]+)\/revoke$/.exec(req.path)
        if (!m || req.method !== 'POST') return undefined
        net.revoked.push(m[1]!)
        return {
          id: m[1],
          orgId: 'cast-110108010',
          name: '大厅平板',
          createdAt: '2026-11-20T02:00:00.000Z',
          lastSeenAt: null,
          revokedAt: '2026-12-01T08:00:00.000Z',
        }
      },
    })
    return net
  }
  async function mountPage() {
    const wrapper = mountSignedIn(HubAdminView, { id: HUB }, { me: { id: 'u-admin', name: '李管理', systemRole: 'member' } })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=hub-facts], [data-testid=hub-error]').exists()).toBe(true))
    return wrapper
  }

  it('shows the kiosks with when they last synced, and revokes one only after the confirm dialog', async () => {
    const net = server()
    const wrapper = await mountPage()
    expect(wrapper.get('[data-testid=hub-facts]').text()).toContain('周一至周五 9:00–17:00')
    const rows = wrapper.findAll('[data-testid=kiosk-row]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('12 号机')
    expect(rows[0]!.text()).toContain('最近同步：')
    expect(rows[1]!.text()).toContain('还没有同步过')
    expect(rows[1]!.text()).toContain('已停用')
    expect(rows[1]!.find('[data-testid=kiosk-revoke]').exists()).toBe(false)

    await rows[0]!.get('[data-testid=kiosk-revoke]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current?.title).toBe('停用自助机“大厅平板”吗？'))
    answerConfirm(false)
    await flushPromises()
    expect(net.revoked).toEqual([])

    await rows[0]!.get('[data-testid=kiosk-revoke]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current).not.toBeNull())
    answerConfirm(true)
    await vi.waitFor(() => expect(net.revoked).toEqual([KIOSK]))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=kiosk-row]')[0]!.attributes('data-revoked')).toBe('true'))
    expect(wrapper.findAll('[data-testid=kiosk-revoke]')).toHaveLength(0)
  })

  it('shows a new enrolment code big with its expiry and what to do with it; a refusal in words', async () => {
    const net = server()
    const wrapper = await mountPage()
    expect(wrapper.find('[data-testid=hub-enrol-code]').exists()).toBe(false)
    await wrapper.get('[data-testid=hub-enrol-code-button]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=hub-enrol-code]').exists()).toBe(true))
    expect(net.codes).toBe(1)
    expect(wrapper.get('[data-testid=hub-enrol-code]').text()).toBe('ABCD-2345')
    // 06:00 UTC is 14:00 in Beijing
    expect(wrapper.get('[data-testid=hub-enrol-code-expiry]').text()).toMatch(/有效期至 .*14:00/)
    expect(wrapper.get('[data-testid=hub-enrol-code-box]').text()).toContain('在自助机上打开 /kiosk 输入此码')
    expect(wrapper.get('[data-testid=hub-live-codes]').text()).toBe('还有 1 个未使用的绑定码有效')

    await wrapper.get('[data-testid=hub-enrol-code-button]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=hub-enrol-code-error]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=hub-enrol-code-error]').text()).toBe('这个阵地已停用。')
  })

  it('offers no changes, codes or revoking to an admin who may only look', async () => {
    server({ canManage: false })
    const wrapper = await mountPage()
    expect(wrapper.find('[data-testid=hub-read-only]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=hub-edit]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=hub-enrol-code-button]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=kiosk-revoke]').exists()).toBe(false)
  })

  it('closes the hub after the confirm dialog, with the shared patch', async () => {
    const patches: unknown[] = []
    fakeApi({
      [`GET /api/admin/hubs/${HUB}`]: { hub: hub(), devices: [], liveCodes: 0, canManage: true },
      [`PATCH /api/admin/hubs/${HUB}`]: ({ body }: FakeRequest) => {
        patches.push(body)
        return hub(body)
      },
    })
    const wrapper = await mountPage()
    await wrapper.get('[data-testid=hub-close]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current?.title).toBe('停用“中关村街道新时代文明实践所”吗？'))
    answerConfirm(true)
    await vi.waitFor(() => expect(patches).toEqual([{ status: 'closed' }]))
    await vi.waitFor(() => expect(wrapper.get('[data-testid=hub-status]').attributes('data-status')).toBe('closed'))
    expect(wrapper.find('[data-testid=hub-enrol-code-button]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=hub-reopen]').exists()).toBe(true)
  })

  it('edits the details and sends only what changed; a refusal is said in words', async () => {
    const patches: unknown[] = []
    fakeApi({
      [`GET /api/admin/hubs/${HUB}`]: { hub: hub(), devices: [], liveCodes: 0, canManage: true },
      [`PATCH /api/admin/hubs/${HUB}`]: ({ body }: FakeRequest) => {
        patches.push(body)
        if (body.name) return reply(422, { error: { code: 'unknown_region', message: 'no such region' } })
        return hub(body)
      },
      '/api/regions/110108010': { chain: [], children: [] },
    })
    const wrapper = await mountPage()
    await wrapper.get('[data-testid=hub-edit]').trigger('click')
    expect((wrapper.get('[data-testid=hub-edit-name]').element as HTMLInputElement).value).toBe('中关村街道新时代文明实践所')
    await wrapper.get('[data-testid=hub-edit-hours]').setValue('周一至周六 9:00–18:00')
    await wrapper.get('[data-testid=hub-edit-form]').trigger('submit')
    await vi.waitFor(() => expect(patches).toEqual([{ openingHours: '周一至周六 9:00–18:00' }]))
    await vi.waitFor(() => expect(wrapper.find('[data-testid=hub-edit-form]').exists()).toBe(false))
    expect(wrapper.get('[data-testid=hub-facts]').text()).toContain('周一至周六 9:00–18:00')

    await wrapper.get('[data-testid=hub-edit]').trigger('click')
    await wrapper.get('[data-testid=hub-edit-name]').setValue('x')
    await wrapper.get('[data-testid=hub-edit-form]').trigger('submit')
    await flushPromises()
    expect(patches).toHaveLength(1)
    expect(wrapper.get('[data-testid=hub-edit-name-error]').text()).toBe('请填写名称（2–60 个字）。')
    await wrapper.get('[data-testid=hub-edit-name]').setValue('中关村新时代文明实践所')
    await wrapper.get('[data-testid=hub-edit-form]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=hub-edit-error]').exists()).toBe(true))
    expect(patches[1]).toEqual({ name: '中关村新时代文明实践所' })
    expect(wrapper.get('[data-testid=hub-edit-error]').text()).toBe('所选地区不存在。')
  })
})
