/**
 * 首页 leads (issue 12): the step rules, then the page through the real sync engine (fake IndexedDB)
 * against a scripted sync server — profile first, then the person's own 街道 / 区 科协 with one tap
 * to apply, then the review (who, how long), then the card; a newcomer is welcomed, never "welcome
 * back"; a guest picks a region for public activities near it, remembered on the device.
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import HomeView from '../../client/features/home/HomeView.vue'
// the parts the home loads lazily, loaded here first so a slow first transform is not waited for in a test
import '../../client/features/home/MemberHome.vue'
import '../../client/features/home/GuestActivities.vue'
import { homeStatus, isNewcomer, ownAssociationIds, stepState } from '../../client/features/home/steps'
import { staffDoors } from '../../client/doors/staff-doors'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import type { Membership } from '../../shared/schemas/membership'
import type { ClientMutation, MutationResult } from '../../shared/schemas/sync'
import type { Me } from '../../shared/schemas/user'
import type { SyncedOrganization } from '../../client/lib/tables'
import { freshClientPerTest, settleAndStopSync } from './component-setup'
import { fakeApi } from './fake-api'

const NOW = new Date('2026-11-28T08:00:00.000Z')
const ME: Me = {
  id: 'u-1',
  phone: '13912345678',
  name: '张三',
  regionCode: '110108010',
  regionName: '北京市海淀区中关村街道',
  discipline: '工科',
  employer: '中关村实验室',
  title: null,
  bio: null,
  systemRole: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
}
const org = (id: string, name: string, over: Partial<SyncedOrganization> = {}): SyncedOrganization => ({
  id,
  name,
  shortName: null,
  kind: 'cast',
  level: id.length > 11 ? 'township' : 'county',
  regionCode: id.slice(5),
  parentId: null,
  discipline: null,
  status: 'established',
  joinPolicy: 'approval',
  description: null,
  contact: null,
  version: 1,
  ...over,
})
const CHAIN = [
  org('cast-national', '中国科学技术协会', { level: 'national', regionCode: null }),
  org('cast-110108', '北京市海淀区科学技术协会'),
  org('cast-110108010', '海淀区中关村街道科学技术协会', { joinPolicy: 'open' }),
]
const membership = (over: Partial<Membership> & { id: string; orgId: string }): Membership => ({
  status: 'pending',
  role: 'member',
  memberNo: null,
  reason: null,
  validUntil: null,
  createdAt: '2026-11-27T08:00:00.000Z',
  updatedAt: '2026-11-27T08:00:00.000Z',
  version: 2,
  ...over,
})

describe('home step rules', () => {
  const base = { regionCode: '110108', discipline: '工科', employer: '某所' }
  it('leads from the profile to joining, the review and the card', () => {
    expect(homeStatus({ ...base, employer: null, regionCode: null }, [])).toMatchObject({
      step: 'profile',
      missing: ['regionCode', 'employer'],
    })
    expect(homeStatus(base, []).step).toBe('join')
    expect(homeStatus(base, [{ status: 'rejected' }]).step).toBe('join')
    expect(homeStatus(base, [{ status: 'rejected' }, { status: 'pending' }]).step).toBe('pending')
    expect(homeStatus({ ...base, employer: null }, [{ status: 'pending' }, { status: 'active' }]).step).toBe('member')
    expect(['profile', 'join', 'pending', 'card'].map((s) => stepState(s as 'join', 'pending'))).toEqual([
      'done',
      'done',
      'current',
      'todo',
    ])
    expect(stepState('card', 'member')).toBe('done')
  })

  it('suggests the person’s own 街道 then 区 科协, or their province or city alone', () => {
    expect(ownAssociationIds('110108010')).toEqual(['cast-110108010', 'cast-110108'])
    expect(ownAssociationIds('110108')).toEqual(['cast-110108'])
    expect(ownAssociationIds('3707')).toEqual(['cast-3707'])
    expect(ownAssociationIds(null)).toEqual([])
  })

  it('counts as new for a day after signing up', () => {
    expect(isNewcomer('2026-11-28T07:59:30.000Z', NOW)).toBe(true)
    expect(isNewcomer('2026-11-27T07:00:00.000Z', NOW)).toBe(false)
  })

  it('opens the staff doors a person’s roles open, and no others', () => {
    const member = { systemRole: 'member' as const }
    expect(staffDoors(null, [])).toEqual([])
    expect(staffDoors(member, [{ status: 'active', role: 'member' }])).toEqual([])
    expect(staffDoors(member, [{ status: 'left', role: 'admin' }])).toEqual([])
    expect(staffDoors(member, [{ status: 'active', role: 'organiser' }]).map((d) => d.key)).toEqual(['activities'])
    expect(staffDoors(member, [{ status: 'active', role: 'admin' }]).map((d) => d.key)).toEqual([
      'queue',
      'activities',
      'teams',
      'hubs',
      'requests',
    ])
    expect(staffDoors({ systemRole: 'system_admin' }, []).map((d) => d.key)).toEqual([
      'queue',
      'activities',
      'teams',
      'hubs',
      'requests',
      'audit',
    ])
  })
})

/** A scripted sync server: `queue` rows for the next pull; pushes are answered by `decide`. */
function syncServer(decide: (m: ClientMutation) => MutationResult) {
  const server = { pushed: [] as ClientMutation[], queued: [] as Array<{ table: string; row: { id: string } }>, cursor: 0 }
  const api = fakeApi({
    '/api/sync/push': ({ body }: { body: { mutations: ClientMutation[] } }) => {
      server.pushed.push(...body.mutations)
      return { results: body.mutations.map(decide) }
    },
    '/api/sync/pull': () => {
      const rows = server.queued.splice(0)
      server.cursor += rows.length
      return { changes: rows.map(({ table, row }) => ({ table, id: row.id, op: 'upsert', row })), cursor: server.cursor, hasMore: false }
    },
    'GET /api/regions': { chain: [], children: [{ code: '37', name: '山东省', level: 'province' }] },
    'GET /api/regions/37': {
      chain: [{ code: '37', name: '山东省', level: 'province' }],
      children: [{ code: '3701', name: '济南市', level: 'city' }],
    },
    'GET /api/regions/3701': {
      chain: [
        { code: '37', name: '山东省', level: 'province' },
        { code: '3701', name: '济南市', level: 'city' },
      ],
      children: [{ code: '370102', name: '历下区', level: 'county' }],
    },
    'GET /api/activities': { items: [], page: 1, pageSize: 20, hasMore: false },
  })
  return { server, api }
}

async function mountHome(me: Me | null) {
  const pinia = createPinia()
  setActivePinia(pinia)
  if (me) useAccountStore().me = me
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  const wrapper = mount(HomeView, { global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  const sync = useSyncStore()
  if (me) {
    await sync.start()
    expect(await sync.syncNow()).toBe('ok')
  }
  await flushPromises()
  return { wrapper, sync }
}
const current = (w: Awaited<ReturnType<typeof mountHome>>['wrapper']) => w.find('[data-testid=home-steps]').attributes('data-step')

describe('home page', () => {
  freshClientPerTest()

  it('asks a newcomer for the profile first, welcomed and never welcomed back', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] })
    try {
      const { server } = syncServer((m) => ({ id: m.id, status: 'applied' }))
      server.queued.push(...CHAIN.map((row) => ({ table: 'organizations', row })))
      const { wrapper } = await mountHome({ ...ME, employer: null, discipline: null, createdAt: '2026-11-28T07:59:00.000Z' })
      expect(wrapper.get('[data-testid=home-welcome]').text()).toBe('欢迎加入，张三')
      expect(wrapper.text()).not.toContain('欢迎回来')
      await vi.waitFor(() => expect(current(wrapper)).toBe('profile'))
      expect(wrapper.get('[data-testid=home-missing]').text()).toBe('还差：学科、工作单位')
      expect(wrapper.get('[data-testid=home-edit-profile]').attributes('href')).toBe('/me/edit')
      expect(wrapper.find('[data-testid=home-suggested]').exists()).toBe(false)
    } finally {
      vi.useRealTimers()
      await settleAndStopSync()
    }
  })

  it('offers the person’s own 街道 and 区 科协, applies with one tap, then says who reviews', async () => {
    const { server } = syncServer((m) => {
      const args = m.args as { membershipId: string; orgId: string }
      return { id: m.id, status: 'applied', data: membership({ id: args.membershipId, orgId: args.orgId }) }
    })
    server.queued.push(...CHAIN.map((row) => ({ table: 'organizations', row })))
    const { wrapper, sync } = await mountHome(ME)
    expect(wrapper.get('[data-testid=home-welcome]').text()).toBe('张三，您好')
    await vi.waitFor(() => expect(current(wrapper)).toBe('join'))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=home-suggested]')).toHaveLength(2))
    const suggested = wrapper.findAll('[data-testid=home-suggested]')
    expect(suggested.map((s) => s.find('a').text())).toEqual(['海淀区中关村街道科学技术协会', '北京市海淀区科学技术协会'])

    await suggested[1]!.get('[data-testid=apply]').trigger('click')
    await sync.syncNow()
    expect(server.pushed.map((m) => [m.name, (m.args as { orgId: string }).orgId])).toEqual([['membership.apply', 'cast-110108']])
    await vi.waitFor(() => expect(current(wrapper)).toBe('pending'))
    const pending = wrapper.get('[data-testid=home-pending]').text()
    expect(pending).toContain('北京市海淀区科学技术协会')
    expect(pending).toContain('由北京市海淀区科学技术协会的管理员审核，一般需要几个工作日')
    expect(wrapper.findAll('[data-testid=home-step]').map((s) => s.attributes('data-state'))).toEqual(['done', 'done', 'current', 'todo'])

    // the admin approves: the next pull brings the active row, and the home shows the card
    const id = (server.pushed[0]!.args as { membershipId: string }).membershipId
    server.queued.push({
      table: 'memberships',
      row: membership({ id, orgId: 'cast-110108', status: 'active', memberNo: 'KX2026000123', version: 3 }),
    })
    await sync.syncNow()
    await vi.waitFor(() => expect(wrapper.find('[data-testid=home-member]').exists()).toBe(true))
    expect(wrapper.find('[data-testid=home-steps]').exists()).toBe(false)
    expect(wrapper.get('[data-testid=home-member]').text()).toContain('KX2026000123')
    expect(wrapper.get('[data-testid=home-card]').attributes('href')).toBe('/me/cards')
    await settleAndStopSync()
  })

  it('offers the next 科协 up when the person’s 街道 has none set up yet', async () => {
    const { server } = syncServer((m) => ({ id: m.id, status: 'applied' }))
    server.queued.push(...[CHAIN[1]!, { ...CHAIN[2]!, status: 'not_established' as const }].map((row) => ({ table: 'organizations', row })))
    const { wrapper } = await mountHome(ME)
    await vi.waitFor(() =>
      expect(wrapper.findAll('[data-testid=home-suggested]').map((s) => s.find('a').text())).toEqual(['北京市海淀区科学技术协会']),
    )
    await settleAndStopSync()
  })

  it('lets a guest pick a region by taps, remembers it, and asks for public activities near it', async () => {
    const { api } = syncServer((m) => ({ id: m.id, status: 'applied' }))
    const { wrapper } = await mountHome(null)
    await vi.waitFor(() => expect(wrapper.find('[data-testid=guest-region]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=home-welcome]').text()).toBe('欢迎来到科技工作者之家')
    await wrapper.get('[data-testid=guest-region]').trigger('click')
    const item = (code: string) => wrapper.find(`.region-sheet__item[data-code="${code}"]`)
    await vi.waitFor(() => expect(item('37').exists()).toBe(true))
    await item('37').trigger('click')
    await vi.waitFor(() => expect(item('3701').exists()).toBe(true))
    await item('3701').trigger('click')
    await vi.waitFor(() => expect(item('370102').exists()).toBe(true)) // 济南市's level is open
    await wrapper.get('[data-testid=guest-region-pick-here]').trigger('click')
    await vi.waitFor(() => expect(localStorage.getItem('sh.home.guestRegion')).toBe('3701'))
    await vi.waitFor(() =>
      expect(
        api.calls.some(
          (c) => c.path === '/api/activities' && c.url.searchParams.get('region') === '3701' && c.url.searchParams.get('near') === '1',
        ),
      ).toBe(true),
    )
    expect(wrapper.get('[data-testid=home-guest-activities] h2').text()).toBe('附近的活动')
    wrapper.unmount()

    // the next visit starts where the guest left off
    const again = await mountHome(null)
    await vi.waitFor(() => expect(again.wrapper.get('[data-testid=guest-region]').text()).toContain('山东省 济南市'))
  })
})
