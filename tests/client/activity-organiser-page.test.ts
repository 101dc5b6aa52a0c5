/**
 * One activity for its organiser: places and waitlist, the attendance list as the server sends it
 * (phones masked there), approve/reject for registrations awaiting approval when the line carries
 * the registration's id, and the CSV export as a plain download link.
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import AdminActivityView from '../../client/doors/admin/AdminActivityView.vue'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import type { Me } from '../../shared/schemas/user'
import { freshClientPerTest } from './component-setup'
import { fakeApi, idleSync, type FakeRequest } from './fake-api'

const ID = '7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
const REG = '0e9d2c1b-3a4f-4b6c-8d7e-9f0a1b2c3d4e'
const activity = {
  id: ID,
  orgId: 'cast-110108',
  kind: 'academic',
  title: '人工智能前沿论坛',
  description: '',
  venueAddress: '海淀区科技馆',
  hubId: null,
  regionCode: '110108',
  startsAt: '2026-06-01T06:00:00.000Z',
  endsAt: '2026-06-01T08:00:00.000Z',
  registrationOpensAt: '2026-05-01T00:00:00.000Z',
  registrationClosesAt: '2026-06-01T06:00:00.000Z',
  capacity: 2,
  placesTaken: 2,
  placesLeft: 0,
  requiresApproval: true,
  audience: 'members',
  status: 'published',
  cancelReason: null,
  creditHours: 2,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  version: 7,
  orgName: '北京市海淀区科学技术协会',
  waitlistCount: 1,
  myRegistration: null,
}
const line = (over: Record<string, unknown>) => ({
  registrationId: null,
  name: '',
  phone: null,
  memberNo: null,
  registrationStatus: null,
  registeredAt: null,
  checkedInAt: null,
  method: null,
  ...over,
})

describe('AdminActivityView', () => {
  freshClientPerTest()

  it('shows places, the attendance list and lets the organiser approve a pending registration', async () => {
    let pending = true
    const posts: string[] = []
    fakeApi({
      ...idleSync,
      [`GET /api/activities/${ID}`]: activity,
      [`GET /api/activities/${ID}/attendance`]: () => ({
        activityId: ID,
        title: activity.title,
        registered: pending ? 1 : 2,
        waitlisted: 1,
        checkedIn: 1,
        items: [
          line({
            registrationId: 'b1c2d3e4-0000-4000-8000-000000000000',
            name: '李思远',
            phone: '138****0006',
            memberNo: 'KX202600000005',
            registrationStatus: 'registered',
            registeredAt: '2026-05-02T00:00:00.000Z',
            checkedInAt: '2026-06-01T06:03:00.000Z',
            method: 'card',
          }),
          line({
            name: '张雨欣',
            phone: '138****0007',
            registrationStatus: pending ? 'pending_approval' : 'registered',
            registeredAt: '2026-05-03T00:00:00.000Z',
            registrationId: REG,
          }),
          line({
            name: '孙候补',
            phone: '139****3333',
            registrationStatus: 'waitlisted',
            registeredAt: '2026-05-04T00:00:00.000Z',
            registrationId: 'b1c2d3e4-0000-4000-8000-000000000001',
          }),
        ],
      }),
      // every decision (approve, reject, …) is a POST: record which one and answer the approval
      '*': ({ method, path }: FakeRequest) => {
        if (method !== 'POST') return undefined
        posts.push(path)
        pending = false
        return {
          registration: { id: REG, activityId: ID, status: 'registered', waitlistPosition: null, createdAt: '', updatedAt: '', version: 9 },
          promoted: 0,
          activity,
        }
      },
    })
    const pinia = createPinia()
    setActivePinia(pinia)
    useAccountStore().me = { id: 'u4', name: '王海淀', systemRole: 'member' } as Me
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
    const wrapper = mount(AdminActivityView, { props: { id: ID }, global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=attendance-list]').exists()).toBe(true))

    expect(wrapper.get('[data-testid=summary-places]').text()).toContain('已报 2/2')
    expect(wrapper.get('[data-testid=summary-waitlist]').text()).toBe('候补 1 人')
    const rows = wrapper.findAll('[data-testid=attendance-row]')
    expect(rows.map((r) => r.get('[data-testid=attendance-status]').text())).toEqual(['已报名', '待审核', '候补'])
    expect(rows[0]!.get('[data-testid=attendance-checked-in]').text()).toContain('会员证')
    expect(rows[1]!.get('[data-testid=attendance-checked-in]').text()).toBe('未签到')
    expect(wrapper.findAll('[data-testid=approve-registration]')).toHaveLength(1) // only the one awaiting approval
    expect(wrapper.get('[data-testid=export-csv]').attributes()).toMatchObject({
      href: `/api/activities/${ID}/attendance.csv?lang=zh-CN`,
      download: '',
    })

    await wrapper.get('[data-testid=approve-registration]').trigger('click')
    await flushPromises()
    expect(posts).toEqual([`/api/activities/${ID}/registrations/${REG}/approve`])
    await vi.waitFor(() =>
      expect(wrapper.findAll('[data-testid=attendance-status]').map((s) => s.text())).toEqual(['已报名', '已报名', '候补']),
    )
    expect(wrapper.text()).toContain('已通过')

    const sync = useSyncStore()
    await sync.start()
    await vi.waitFor(() => expect(sync.syncing).toBe(false))
    wrapper.unmount()
    await sync.stop()
  })
})
