/**
 * 消息 (issue 12) through the real sync engine (fake IndexedDB) against a scripted sync server: the
 * header bell's badge (issue 13 moved 消息 from the tab bar to the header; the fourth tab is 志愿)
 * counts unread notices and this device's refused changes; the list shows them newest
 * first; opening a notice marks it read at once (offline too, through the outbox) and goes to what
 * it is about; "mark all read" sends the rest.
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import TabBar from '../../client/components/TabBar.vue'
import AppHeader from '../../client/components/AppHeader.vue'
import NoticesView from '../../client/features/notices/NoticesView.vue'
import { badgeText, noticeLink } from '../../client/features/notices/model'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import type { Notice } from '../../shared/schemas/notice'
import type { ClientMutation, MutationResult } from '../../shared/schemas/sync'
import type { Me } from '../../shared/schemas/user'
import { freshClientPerTest, settleAndStopSync } from './component-setup'
import { fakeApi } from './fake-api'

const ME: Me = {
  id: 'u-1',
  phone: '13912345678',
  name: '张三',
  regionCode: '110108',
  regionName: '北京市海淀区',
  discipline: '工科',
  employer: '某所',
  title: null,
  bio: null,
  systemRole: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
}
const notice = (over: Partial<Notice> & { id: string; kind: Notice['kind'] }): Notice => ({
  orgId: 'cast-110108',
  activityId: null,
  subjectId: 'x',
  title: '北京市海淀区科学技术协会',
  reason: null,
  startsAt: null,
  venueAddress: null,
  createdAt: '2026-11-28T08:00:00.000Z',
  readAt: null,
  version: 1,
  ...over,
})
const APPROVED = notice({ id: '00000000-0000-4000-8000-000000000001', kind: 'membership_approved', createdAt: '2026-11-28T09:00:00.000Z' })
const CANCELLED = notice({
  id: '00000000-0000-4000-8000-000000000002',
  kind: 'activity_cancelled',
  activityId: 'a-1',
  title: '科普讲座',
  reason: '场地维修',
  createdAt: '2026-11-28T08:00:00.000Z',
})

/** Answers markRead with the rows read (the server's time), refuses membership.apply. */
function syncServer() {
  const server = { pushed: [] as ClientMutation[], queued: [APPROVED, CANCELLED] as Notice[], cursor: 0 }
  const decide = (m: ClientMutation): MutationResult => {
    if (m.name !== 'notice.markRead') return { id: m.id, status: 'rejected', code: 'already_member', message: 'already' }
    const ids = (m.args as { noticeIds: string[] }).noticeIds
    return {
      id: m.id,
      status: 'applied',
      data: [APPROVED, CANCELLED].filter((n) => ids.includes(n.id)).map((n) => ({ ...n, readAt: '2026-11-28T10:00:00.000Z', version: 9 })),
    }
  }
  fakeApi({
    '/api/sync/push': ({ body }: { body: { mutations: ClientMutation[] } }) => {
      server.pushed.push(...body.mutations)
      return { results: body.mutations.map(decide) }
    },
    '/api/sync/pull': () => {
      const rows = server.queued.splice(0)
      server.cursor += rows.length
      return { changes: rows.map((row) => ({ table: 'notices', id: row.id, op: 'upsert', row })), cursor: server.cursor, hasMore: false }
    },
  })
  return server
}

async function mountApp() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountStore().me = ME
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/notices', component: NoticesView, meta: { parent: '/' } },
      { path: '/:p(.*)*', component: { template: '<p data-testid="elsewhere">elsewhere</p>' } },
    ],
  })
  await router.push('/notices')
  const Shell = defineComponent({ render: () => [h(AppHeader), h(RouterView), h(TabBar)] })
  const wrapper = mount(Shell, { global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  const sync = useSyncStore()
  await sync.start()
  expect(await sync.syncNow()).toBe('ok')
  await flushPromises()
  return { wrapper, sync, router }
}
const badge = (w: Awaited<ReturnType<typeof mountApp>>['wrapper']) => w.find('[data-testid=notices-badge]')

describe('notice rules', () => {
  it('leads to the organisation or the activity, and caps the badge', () => {
    expect(noticeLink(APPROVED)).toBe('/orgs/cast-110108')
    expect(noticeLink(CANCELLED)).toBe('/activities/a-1')
    expect([badgeText(1), badgeText(99), badgeText(100)]).toEqual(['1', '99', '99+'])
  })
})

describe('消息 (the header bell)', () => {
  freshClientPerTest()

  it('counts unread notices on the bell, lists them newest first, and marks one read on opening it', async () => {
    const server = syncServer()
    const { wrapper, sync, router } = await mountApp()
    await vi.waitFor(() => expect(badge(wrapper).text()).toBe('2'))
    expect(wrapper.get('[data-testid=notices-bell]').text()).toContain('消息 2 条未读')
    expect(wrapper.get('[data-testid=notices-bell]').attributes('aria-current')).toBe('page')
    // the tab bar: 志愿 in 消息's old place, no tab marked as current on 消息
    expect(wrapper.findAll('.tabbar a').map((a) => a.text())).toEqual(['⌂首页', '◎组织', '▦活动', '♥志愿', '☺我的'])
    expect(wrapper.find('[data-testid=tab-notices]').exists()).toBe(false)
    expect(wrapper.find('.tabbar [aria-current=page]').exists()).toBe(false)
    expect(wrapper.find('.tabbar [data-testid=notices-badge]').exists()).toBe(false)
    const items = wrapper.findAll('[data-testid=notice]')
    expect(items.map((i) => i.attributes('data-kind'))).toEqual(['membership_approved', 'activity_cancelled'])
    expect(items.map((i) => i.attributes('data-unread'))).toEqual(['true', 'true'])
    expect(items[0]!.text()).toContain('北京市海淀区科学技术协会通过了您的入会申请')
    expect(items[1]!.text()).toContain('“科普讲座”已取消')
    expect(items[1]!.text()).toContain('理由：场地维修')

    await items[0]!.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/orgs/cast-110108'))
    await vi.waitFor(() => expect(badge(wrapper).text()).toBe('1')) // read on this device at once
    await sync.syncNow()
    expect(server.pushed.map((m) => [m.name, m.args])).toEqual([['notice.markRead', { noticeIds: [APPROVED.id] }]])
    expect(badge(wrapper).text()).toBe('1')

    await router.push('/notices')
    await vi.waitFor(() =>
      expect(wrapper.findAll('[data-testid=notice]').map((i) => i.attributes('data-unread'))).toEqual(['false', 'true']),
    )
    await wrapper.get('[data-testid=notices-read-all]').trigger('click')
    await vi.waitFor(() => expect(badge(wrapper).exists()).toBe(false))
    await sync.syncNow()
    expect(server.pushed.at(-1)!.args).toEqual({ noticeIds: [CANCELLED.id] })
    expect(wrapper.find('[data-testid=notices-read-all]').exists()).toBe(false)
    await settleAndStopSync()
  })

  it('lists a change the server refused from this device beside the notices, and counts it until it is dealt with', async () => {
    syncServer()
    const { wrapper, sync } = await mountApp()
    await vi.waitFor(() => expect(badge(wrapper).text()).toBe('2'))
    await sync.mutate('membership.apply', { membershipId: '00000000-0000-4000-8000-0000000000aa', orgId: 'cast-110108' })
    await sync.syncNow()
    await vi.waitFor(() => expect(badge(wrapper).text()).toBe('3'))
    const refused = wrapper.findAll('[data-testid=notice]').find((i) => i.attributes('data-kind') === 'refused')!
    expect(refused.text()).toContain('未被接受')
    expect(refused.text()).toContain('您已经是该组织的会员')

    await sync.discard(sync.rejected[0]!.id)
    await vi.waitFor(() => expect(badge(wrapper).text()).toBe('2'))
    await settleAndStopSync()
  })
})
