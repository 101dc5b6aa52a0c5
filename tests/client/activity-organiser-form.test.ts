/**
 * The organiser's publish/edit form: local date-times become UTC instants, the shared schema and
 * schedule rule give a message per field before anything is sent, the server's refusals are shown
 * in words next to the right field, an edit sends only what changed.
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ActivityFormView from '../../client/doors/admin/ActivityFormView.vue'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import { defaultForm, patchOf, validateForm } from '../../client/features/activities/activity-form'
import { fromBeijingLocal as fromLocalInput, toBeijingLocal as toLocalInput } from '../../shared/time/beijing'
import type { ActivityDetail } from '../../shared/schemas/activity'
import type { Me } from '../../shared/schemas/user'
import { freshClientPerTest } from './component-setup'
import { fakeApi, idleSync, jsonResponse as json, type FakeRequest } from './fake-api'

const ID = '7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
const NOW = new Date('2026-05-10T09:30:00+08:00') // Beijing morning

const detail = (over: Partial<ActivityDetail> = {}): ActivityDetail => ({
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
  capacity: 30,
  placesTaken: 4,
  placesLeft: 26,
  requiresApproval: false,
  audience: 'public',
  status: 'published',
  cancelReason: null,
  creditHours: 2,
  checkInOpensMinutesBefore: 120,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  version: 7,
  orgName: '北京市海淀区科学技术协会',
  waitlistCount: 0,
  myRegistration: null,
  callerIsMember: null,
  ...over,
})

describe('activity form rules', () => {
  it('reads a date-time as Beijing time, whatever the device’s zone, and back', () => {
    const local = '2026-06-01T14:00'
    const iso = fromLocalInput(local)!
    expect(iso).toBe('2026-06-01T06:00:00.000Z')
    // 23:30 in Beijing is the next day there but still the same day in UTC
    expect(toLocalInput('2026-06-01T15:30:00.000Z')).toBe('2026-06-01T23:30')
    expect(toLocalInput(iso)).toBe(local)
    expect(fromLocalInput('')).toBeNull()
    expect(fromLocalInput('明天下午')).toBeNull()
  })

  it('defaults: registration opens now and closes when the activity starts', () => {
    const f = defaultForm(NOW, 'cast-110108')
    expect(f.registrationOpensAt).toBe('2026-05-10T09:30')
    expect(f.startsAt).toBe('2026-05-11T14:00')
    expect(f.registrationClosesAt).toBe(f.startsAt)
    expect(f.endsAt).toBe('2026-05-11T16:00')
  })

  it('names every field that is wrong, then the schedule problem next to its field', () => {
    const empty = validateForm({ ...defaultForm(NOW), capacity: '', creditHours: 101, checkInOpensMinutesBefore: 1441 })
    expect(empty.ok).toBe(false)
    if (!empty.ok)
      expect(Object.keys(empty.errors).sort()).toEqual([
        'capacity',
        'checkInOpensMinutesBefore',
        'creditHours',
        'orgId',
        'title',
        'venueAddress',
      ])

    const base = { ...defaultForm(NOW, 'cast-110108'), title: '科普讲座', venueAddress: '海淀区科技馆' }
    expect(validateForm({ ...base, endsAt: '2026-05-11T13:00' })).toEqual({ ok: false, errors: { endsAt: 'ends_before_start' } })
    expect(validateForm({ ...base, registrationClosesAt: '2026-05-11T17:00' })).toEqual({
      ok: false,
      errors: { registrationClosesAt: 'registration_closes_after_end' },
    })
    expect(validateForm({ ...base, registrationOpensAt: '2026-05-12T00:00' })).toEqual({
      ok: false,
      errors: { registrationClosesAt: 'registration_window_inverted' },
    })
    expect(validateForm({ ...base, startsAt: '' })).toMatchObject({ ok: false, errors: { startsAt: 'startsAt' } })
    const ok = validateForm(base)
    expect(ok.ok).toBe(true)
    if (ok.ok)
      expect(ok.input).toMatchObject({
        orgId: 'cast-110108',
        capacity: 50,
        startsAt: '2026-05-11T06:00:00.000Z',
        checkInOpensMinutesBefore: 120,
      })
  })

  it('patches only the changed fields, times to the minute', () => {
    const current = detail({ startsAt: '2026-06-01T06:00:30.000Z' })
    const input = validateForm({ ...formOf(current), title: '人工智能前沿论坛（第二期）' })
    expect(input.ok).toBe(true)
    if (input.ok) expect(patchOf(current, input.input)).toEqual({ title: '人工智能前沿论坛（第二期）' })
    const earlier = validateForm({ ...formOf(current), checkInOpensMinutesBefore: 30 })
    if (earlier.ok) expect(patchOf(current, earlier.input)).toEqual({ checkInOpensMinutesBefore: 30 })
  })
})

function formOf(a: ActivityDetail) {
  return {
    ...defaultForm(NOW),
    orgId: a.orgId,
    regionCode: a.regionCode ?? '',
    kind: a.kind,
    title: a.title,
    description: a.description,
    venueAddress: a.venueAddress,
    startsAt: toLocalInput(a.startsAt),
    endsAt: toLocalInput(a.endsAt),
    registrationOpensAt: toLocalInput(a.registrationOpensAt),
    registrationClosesAt: toLocalInput(a.registrationClosesAt),
    capacity: a.capacity,
    requiresApproval: a.requiresApproval,
    audience: a.audience,
    creditHours: a.creditHours,
    checkInOpensMinutesBefore: a.checkInOpensMinutesBefore,
  }
}

/** Records the REST calls; `answer` decides what POST/PATCH /api/activities… returns. */
function server(answer: (method: string, body: unknown) => Response) {
  const calls: Array<{ method: string; path: string; body: unknown }> = []
  fakeApi({
    ...idleSync,
    'GET /api/hubs': { items: [], total: 0, page: 1, pageSize: 100 }, // the 举办阵地 picker's list (none here)
    '*': ({ method, path, body }: FakeRequest) => {
      calls.push({ method, path, body })
      return method === 'GET' && path === `/api/activities/${ID}` ? detail() : answer(method, body)
    },
  })
  return calls
}

async function mountForm(props: { id?: string } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountStore().me = { id: 'u1', name: '周立群', systemRole: 'system_admin' } as Me
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  await router.push('/admin/activities/new')
  const wrapper = mount(ActivityFormView, { props, global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  await flushPromises()
  return { wrapper, router }
}

async function stop(wrapper: { unmount(): void }) {
  const sync = useSyncStore()
  await sync.start() // the view started it without waiting: let it finish before stopping it
  await vi.waitFor(() => expect(sync.syncing).toBe(false))
  wrapper.unmount()
  await sync.stop()
}

describe('ActivityFormView', () => {
  freshClientPerTest()

  it('shows a message per field and sends nothing while the form is wrong', async () => {
    const calls = server(() => json(500, {}))
    const { wrapper } = await mountForm()
    await wrapper.get('[data-testid=af-capacity]').setValue('0')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=af-title-error]').text()).toBe('活动名称需要 2 到 80 个字。')
    expect(wrapper.get('[data-testid=af-venue-error]').text()).toContain('请填写活动地点')
    expect(wrapper.get('[data-testid=af-capacity-error]').text()).toContain('1 到 100000')
    expect(wrapper.text()).toContain('请选择主办组织') // a system admin types the organiser's id
    expect(wrapper.get('[data-testid=form-notice]').text()).toBe('请检查标出的内容。')
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([])

    await wrapper.get('[data-testid=af-org-other]').setValue('cast-110108')
    await wrapper.get('[data-testid=af-title]').setValue('科普讲座')
    await wrapper.get('[data-testid=af-venue]').setValue('海淀区科技馆')
    await wrapper.get('[data-testid=af-capacity]').setValue('2')
    const start = (wrapper.get('[data-testid=af-starts]').element as HTMLInputElement).value
    await wrapper.get('[data-testid=af-ends]').setValue(start.replace(/T.*/, 'T08:00'))
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=af-ends-error]').text()).toBe('结束时间要晚于开始时间。')
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([])
    await stop(wrapper)
  })

  it('shows the server’s refusal in words, and opens the new activity once published', async () => {
    let reply = json(422, {
      error: { code: 'registration_closes_after_end', message: 'registration must close by the end of the activity' },
    })
    const calls = server(() => reply)
    const { wrapper, router } = await mountForm()
    await wrapper.get('[data-testid=af-org-other]').setValue('cast-110108')
    await wrapper.get('[data-testid=af-title]').setValue('科普讲座')
    await wrapper.get('[data-testid=af-venue]').setValue('海淀区科技馆')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=af-closes-error]').text()).toBe('报名最晚在活动结束时截止。')
    const sent = calls.find((c) => c.method === 'POST')!
    expect(sent.path).toBe('/api/activities')
    expect(sent.body).toMatchObject({ orgId: 'cast-110108', title: '科普讲座', capacity: 50, audience: 'public', requiresApproval: false })
    expect((sent.body as { startsAt: string }).startsAt).toMatch(/Z$/)

    reply = json(403, { error: { code: 'forbidden', message: 'not an admin' } })
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=form-notice]').text()).toBe('您没有管理这个组织活动的权限。')

    reply = json(201, detail())
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/admin/activities/${ID}?published=1`)
    await stop(wrapper)
  })

  it('edits with a PATCH of the changed fields only, and says when nothing changed', async () => {
    const calls = server((method, body) => (method === 'PATCH' ? json(200, detail(body as Partial<ActivityDetail>)) : json(500, {})))
    const { wrapper } = await mountForm({ id: ID })
    expect((wrapper.get('[data-testid=af-title]').element as HTMLInputElement).value).toBe('人工智能前沿论坛')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=form-notice]').text()).toBe('没有修改需要保存。')
    await wrapper.get('[data-testid=af-capacity]').setValue('40')
    await wrapper.get('[data-testid=af-approval]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([
      { method: 'PATCH', path: `/api/activities/${ID}`, body: { capacity: 40, requiresApproval: true } },
    ])
    expect(wrapper.get('[data-testid=form-notice]').text()).toBe('修改已保存。')
    await stop(wrapper)
  })

  it('cancels only after the confirmation, with the reason', async () => {
    const calls = server((method) => (method === 'POST' ? json(200, detail({ status: 'cancelled' })) : json(500, {})))
    const { wrapper } = await mountForm({ id: ID })
    await wrapper.get('[data-testid=af-cancel-activity]').trigger('click')
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    await wrapper.get('[data-testid=cancel-reason]').setValue('场馆检修')
    await wrapper.get('[data-testid=cancel-yes]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', path: `/api/activities/${ID}/cancel`, body: { reason: '场馆检修' } },
    ])
    expect(wrapper.get('[data-testid=form-cancelled]').text()).toContain('已取消')
    expect(wrapper.find('[data-testid=af-submit]').exists()).toBe(false)
    await stop(wrapper)
  })
})
