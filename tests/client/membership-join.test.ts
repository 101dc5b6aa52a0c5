/**
 * The join button through the real sync engine (fake IndexedDB) against a scripted sync server:
 * an application made offline shows 待同步, the server's answer turns it into 审核中 or 已入会,
 * a refused application says why and can be dismissed, leaving asks first, and a live membership
 * never offers a second application.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import JoinButton from '../../client/features/organizations/JoinButton.vue'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import type { Membership } from '../../shared/schemas/membership'
import type { OrgSummary } from '../../shared/schemas/organization'
import type { ClientMutation, MutationResult } from '../../shared/schemas/sync'
import type { Me } from '../../shared/schemas/user'
import { freshIndexedDb } from './sync-setup'
import { settleAndStopSync } from './component-setup'
import { answerConfirm, confirmState, toasts } from '../../client/components/feedback'
import { fakeApi } from './fake-api'

const ORG: OrgSummary = {
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
}
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

function membership(over: Partial<Membership> & { id: string }): Membership {
  return {
    orgId: ORG.id,
    status: 'pending',
    role: 'member',
    memberNo: null,
    reason: null,
    validUntil: null,
    createdAt: '2026-11-28T08:00:00.000Z',
    updatedAt: '2026-11-28T08:00:00.000Z',
    version: 1,
    ...over,
  }
}

/**
 * A scripted /api/sync server: `decide` answers each pushed mutation, `publish` queues rows for the
 * next pull (an admin's approval arrives this way), `offline` makes every request fail like a
 * dead network.
 */
function syncServer(decide: (m: ClientMutation) => MutationResult) {
  const server = { offline: false, pushed: [] as ClientMutation[], queued: [] as Membership[], cursor: 0 }
  fakeApi(
    {
      '/api/sync/push': ({ body }: { body: { mutations: ClientMutation[] } }) => {
        server.pushed.push(...body.mutations)
        return { results: body.mutations.map(decide) }
      },
      '/api/sync/pull': () => {
        const rows = server.queued.splice(0)
        server.cursor += rows.length
        return {
          changes: rows.map((row) => ({ table: 'memberships', id: row.id, op: 'upsert', row })),
          cursor: server.cursor,
          hasMore: false,
        }
      },
    },
    { offline: () => server.offline },
  )
  return server
}

/** The server as it answers an application to an organisation that needs approval. */
const pendingOnApply = (m: ClientMutation): MutationResult => {
  const args = m.args as { membershipId: string; orgId: string }
  return { id: m.id, status: 'applied', data: membership({ id: args.membershipId, orgId: args.orgId }) }
}

async function mountJoin(org: OrgSummary = ORG, loggedIn = true) {
  const pinia = createPinia()
  setActivePinia(pinia)
  if (loggedIn) useAccountStore().me = ME
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', name: 'login', component: { template: '<div />' } }],
  })
  const wrapper = mount(JoinButton, { props: { org }, global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  const sync = useSyncStore()
  if (loggedIn) await sync.start()
  await flushPromises()
  return { wrapper, sync }
}

const state = (w: Awaited<ReturnType<typeof mountJoin>>['wrapper']) => w.find('[data-testid=join-state]').attributes('data-state')

describe('join button', () => {
  beforeEach(() => {
    freshIndexedDb()
    localStorage.clear()
  })
  afterEach(async () => {
    // Let a background sync finish before the database closes under it.
    await settleAndStopSync()
    vi.unstubAllGlobals()
  })

  it('applies offline (待同步), then shows 审核中 once synced, then 已入会 with the card when approved', async () => {
    const server = syncServer(pendingOnApply)
    const { wrapper, sync } = await mountJoin()
    expect(wrapper.text()).toContain('入会需审核')
    server.offline = true
    await wrapper.get('[data-testid=apply]').trigger('click')
    await vi.waitFor(() => expect(state(wrapper)).toBe('syncing'))
    expect(wrapper.get('[data-testid=join-state]').text()).toContain('待同步')
    expect(wrapper.find('[data-testid=apply]').exists()).toBe(false) // no second application
    expect(wrapper.find('[data-testid=leave]').exists()).toBe(false) // not while it is unsent
    expect(await sync.syncNow()).toBe('error')
    expect(state(wrapper)).toBe('syncing')

    server.offline = false
    expect(await sync.syncNow()).toBe('ok')
    await vi.waitFor(() => expect(state(wrapper)).toBe('pending'))
    expect(wrapper.get('[data-testid=join-state]').text()).toContain('审核中')
    expect(server.pushed.map((m) => [m.name, (m.args as { orgId: string }).orgId])).toEqual([['membership.apply', ORG.id]])
    expect(wrapper.get('[data-testid=leave]').text()).toBe('撤回申请')
    expect(wrapper.find('[data-testid=show-card]').exists()).toBe(false)

    // the admin approves: the next pull brings the active row
    const id = (server.pushed[0]!.args as { membershipId: string }).membershipId
    server.queued.push(membership({ id, status: 'active', memberNo: 'KX2026000123', validUntil: '2027-11-28T08:00:00.000Z', version: 2 }))
    expect(await sync.syncNow()).toBe('ok')
    await vi.waitFor(() => expect(state(wrapper)).toBe('active'))
    expect(wrapper.get('[data-testid=join-state]').text()).toContain('已入会')
    expect(wrapper.get('[data-testid=join-state]').text()).toContain('KX2026000123')
    expect(wrapper.get('[data-testid=show-card]').attributes('href')).toBe('/me/cards')
    expect(wrapper.get('[data-testid=leave]').text()).toBe('退出')
    expect(wrapper.find('[data-testid=apply]').exists()).toBe(false)
  })

  it('shows a refused application with its reason, offers applying again, and dismisses it', async () => {
    syncServer((m) => ({ id: m.id, status: 'rejected', code: 'already_member', message: 'already' }))
    const { wrapper, sync } = await mountJoin()
    await wrapper.get('[data-testid=apply]').trigger('click')
    await sync.syncNow()
    await vi.waitFor(() => expect(wrapper.find('[data-testid=join-refused]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=join-refused]').text()).toContain('未获通过')
    expect(wrapper.get('[data-testid=join-refused]').text()).toContain('您已经是该组织的会员')
    expect(wrapper.find('[data-testid=join-state]').exists()).toBe(false) // the optimistic row was rolled back
    expect(wrapper.find('[data-testid=apply]').exists()).toBe(true)

    await wrapper.get('[data-testid=join-refused] button').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=join-refused]').exists()).toBe(false))
    expect(sync.rejected).toEqual([])
  })

  it('shows an admin’s rejection with the reason from the server row', async () => {
    const server = syncServer(pendingOnApply)
    server.queued.push(
      membership({ id: '7b0d7c4e-2f4e-4c55-9a8e-6f1f3c2a9b10', status: 'rejected', reason: '请先完善工作单位信息', version: 3 }),
    )
    const { wrapper, sync } = await mountJoin()
    await sync.syncNow()
    await vi.waitFor(() => expect(state(wrapper)).toBe('rejected'))
    expect(wrapper.get('[data-testid=join-state]').text()).toContain('原因：请先完善工作单位信息')
    expect(wrapper.find('[data-testid=apply]').exists()).toBe(true) // a new application is allowed
  })

  it('asks before leaving, and sends membership.leave only when confirmed', async () => {
    const server = syncServer((m) => ({ id: m.id, status: 'applied' }))
    const id = '5a1c6f64-8f0e-4e2b-bb0e-0d6a9c3f7e21'
    server.queued.push(membership({ id, status: 'active', memberNo: 'KX1', validUntil: '2027-01-01T00:00:00.000Z' }))
    const { wrapper, sync } = await mountJoin()
    await sync.syncNow()
    await vi.waitFor(() => expect(state(wrapper)).toBe('active'))

    // the in-app dialog (client/components/feedback.ts), not window.confirm
    await wrapper.get('[data-testid=leave]').trigger('click')
    await flushPromises()
    expect(confirmState.current?.title).toBe('确定要退出这个组织吗？')
    answerConfirm(false)
    await flushPromises()
    expect(sync.outbox).toEqual([])

    await wrapper.get('[data-testid=leave]').trigger('click')
    await flushPromises()
    answerConfirm(true)
    await vi.waitFor(() => expect(sync.outbox).toHaveLength(1))
    expect(sync.outbox[0]!.display).toEqual({ org: ORG.name })
    expect(toasts.at(-1)?.text).toBe('已退出组织')
    await sync.syncNow()
    expect(server.pushed.map((m) => [m.name, m.args])).toEqual([['membership.leave', { membershipId: id }]])
    await vi.waitFor(() => expect(wrapper.find('[data-testid=apply]').exists()).toBe(true))
  })

  it('asks a guest to log in, and offers nothing for an organisation not yet established', async () => {
    const guest = await mountJoin(ORG, false)
    expect(guest.wrapper.text()).toContain('登录后申请入会')
    expect(guest.wrapper.find('[data-testid=apply]').exists()).toBe(false)
    guest.wrapper.unmount()

    syncServer(pendingOnApply)
    const { wrapper } = await mountJoin({ ...ORG, id: 'cast-110108001', level: 'township', status: 'not_established' })
    expect(wrapper.find('[data-testid=apply]').exists()).toBe(false)
    expect(wrapper.text()).toContain('尚未成立')
  })

  it('says 加入即生效 for an open organisation', async () => {
    syncServer(pendingOnApply)
    const { wrapper } = await mountJoin({ ...ORG, joinPolicy: 'open' })
    expect(wrapper.text()).toContain('加入即生效')
  })
})
