/**
 * 举办阵地 in the organiser's activity form and the leader's service form: the picker lists the
 * organisation's active hubs, choosing one fills the venue address (and an empty region) from the
 * hub, and the form sends `hubId` — on publish only when chosen, on edit only when changed (null
 * takes the activity away from its hub).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h, ref } from 'vue'
import ActivityFormView from '../../client/doors/admin/ActivityFormView.vue'
import ServiceFields from '../../client/doors/lead/ServiceFields.vue'
import { checkService, serviceFieldsOf, servicePatchOf } from '../../client/doors/lead/lead-forms'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import type { ActivityDetail } from '../../shared/schemas/activity'
import type { Hub } from '../../shared/schemas/hub'
import type { VolunteerService } from '../../shared/schemas/volunteer'
import type { Me } from '../../shared/schemas/user'
import { freshClientPerTest } from './component-setup'
import { fakeApi, idleSync, type FakeRequest } from './fake-api'

const ID = '7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
const HUB_ID = '3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
const ORG = 'cast-110108'

const hub = (over: Partial<Hub> = {}): Hub => ({
  id: HUB_ID,
  orgId: ORG,
  orgName: '北京市海淀区科学技术协会',
  kind: 'practice_center',
  name: '海淀区新时代文明实践中心',
  address: '海淀区长春桥路 17 号',
  regionCode: '110108',
  regionName: '北京市 海淀区',
  openingHours: '每天 9:00–21:00',
  status: 'active',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 1,
  ...over,
})
const HUBS = {
  items: [
    hub(),
    hub({
      id: 'a9b8c7d6-0000-4000-8000-000000000002',
      name: '海淀党群服务中心',
      kind: 'party_mass_center',
      address: '海淀区中关村大街 1 号',
    }),
  ],
  total: 2,
  page: 1,
  pageSize: 100,
}

const detail = (over: Partial<ActivityDetail> = {}): ActivityDetail => ({
  id: ID,
  orgId: ORG,
  kind: 'popularization',
  title: '科普讲座',
  description: '',
  venueAddress: '海淀区长春桥路 17 号',
  hubId: HUB_ID,
  regionCode: '110108',
  startsAt: '2026-12-20T06:00:00.000Z',
  endsAt: '2026-12-20T08:00:00.000Z',
  registrationOpensAt: '2026-12-01T00:00:00.000Z',
  registrationClosesAt: '2026-12-20T06:00:00.000Z',
  capacity: 30,
  placesTaken: 0,
  placesLeft: 30,
  requiresApproval: false,
  audience: 'public',
  status: 'published',
  cancelReason: null,
  creditHours: 0,
  checkInOpensMinutesBefore: 120,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 2,
  orgName: '北京市海淀区科学技术协会',
  waitlistCount: 0,
  myRegistration: null,
  callerIsMember: null,
  ...over,
})

function server() {
  return fakeApi({
    ...idleSync,
    'GET /api/hubs': ({ url }: FakeRequest) =>
      url.searchParams.get('orgId') === ORG ? HUBS : { items: [], total: 0, page: 1, pageSize: 100 },
    [`GET /api/activities/${ID}`]: detail(),
    'POST /api/activities': () => detail(),
    [`PATCH /api/activities/${ID}`]: ({ body }: FakeRequest) => detail(body),
  })
}

async function mountForm(props: { id?: string } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountStore().me = { id: 'u1', name: '周立群', systemRole: 'system_admin' } as Me
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  await router.push('/admin/activities/new')
  const wrapper = mount(ActivityFormView, { props, global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  await flushPromises()
  return wrapper
}

async function stop(wrapper: { unmount(): void }) {
  const sync = useSyncStore()
  await sync.start()
  await vi.waitFor(() => expect(sync.syncing).toBe(false))
  wrapper.unmount()
  await sync.stop()
}

const value = (el: { element: Element }) => (el.element as HTMLInputElement | HTMLSelectElement).value

describe('举办阵地 in the activity form', () => {
  freshClientPerTest()

  it('lists the organiser’s hubs; choosing one fills the venue and region, and publishing sends hubId', async () => {
    const api = server()
    const wrapper = await mountForm()
    expect(wrapper.find('[data-testid=af-hub]').exists()).toBe(false) // no organisation chosen yet: no hubs
    await wrapper.get('[data-testid=af-org-other]').setValue(ORG)
    await flushPromises()
    expect(api.calls.find((c) => c.path === '/api/hubs')!.url.searchParams.get('orgId')).toBe(ORG)
    const options = wrapper.get('[data-testid=af-hub]').findAll('option')
    expect(options.map((o) => o.text())).toEqual([
      '不在阵地举办',
      '海淀区新时代文明实践中心（新时代文明实践中心）',
      '海淀党群服务中心（党群服务中心）',
    ])

    await wrapper.get('[data-testid=af-hub]').setValue(HUB_ID)
    expect(value(wrapper.get('[data-testid=af-venue]'))).toBe('海淀区长春桥路 17 号')
    await wrapper.get('[data-testid=af-title]').setValue('科普讲座')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const sent = api.calls.find((c) => c.method === 'POST' && c.path === '/api/activities')!
    expect(sent.body).toMatchObject({ orgId: ORG, hubId: HUB_ID, venueAddress: '海淀区长春桥路 17 号', regionCode: '110108' })
    await stop(wrapper)
  })

  it('without a hub, publishing sends no hubId', async () => {
    const api = server()
    const wrapper = await mountForm()
    await wrapper.get('[data-testid=af-org-other]').setValue(ORG)
    await flushPromises()
    await wrapper.get('[data-testid=af-title]').setValue('科普讲座')
    await wrapper.get('[data-testid=af-venue]').setValue('海淀区科技馆')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const sent = api.calls.find((c) => c.method === 'POST' && c.path === '/api/activities')!
    expect(sent.body).not.toHaveProperty('hubId')
    expect(sent.body).toMatchObject({ venueAddress: '海淀区科技馆' })
    await stop(wrapper)
  })

  it('editing shows the activity’s hub; another hub or none is a PATCH of hubId (and the venue)', async () => {
    const api = server()
    const wrapper = await mountForm({ id: ID })
    expect(value(wrapper.get('[data-testid=af-hub]'))).toBe(HUB_ID)
    await wrapper.get('[data-testid=af-hub]').setValue(HUBS.items[1]!.id)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([
      { hubId: HUBS.items[1]!.id, venueAddress: '海淀区中关村大街 1 号' },
    ])

    await wrapper.get('[data-testid=af-hub]').setValue('')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.calls.filter((c) => c.method === 'PATCH').at(-1)!.body).toEqual({ hubId: null })
    await stop(wrapper)
  })
})

describe('举办阵地 in the leader’s service form', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('the team’s organisation’s hubs; choosing one fills the venue', async () => {
    const api = server()
    const fields = ref(serviceFieldsOf())
    const Host = defineComponent({
      setup: () => () =>
        h(ServiceFields, {
          modelValue: fields.value,
          'onUpdate:modelValue': (v: typeof fields.value) => (fields.value = v),
          errors: {},
          prefix: 'svc',
          orgId: ORG,
        }),
    })
    setActivePinia(createPinia())
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
    const wrapper = mount(Host, { global: { plugins: [router, createAppI18n('zh-CN')] } })
    await flushPromises()
    expect(api.calls[0]!.url.searchParams.get('orgId')).toBe(ORG)
    await wrapper.get('[data-testid=svc-hub]').setValue(HUB_ID)
    expect(fields.value.hubId).toBe(HUB_ID)
    expect(fields.value.venueAddress).toBe('海淀区长春桥路 17 号')
    expect(value(wrapper.get('[data-testid=svc-venue]'))).toBe('海淀区长春桥路 17 号')
  })

  it('checkService adds the hub when chosen; the patch names only a changed hub', () => {
    const base = { ...serviceFieldsOf(), title: '义诊咨询', venueAddress: '海淀区长春桥路 17 号' }
    const none = checkService(base)
    expect(none.ok && none.value).not.toHaveProperty('hubId')
    const at = checkService({ ...base, hubId: HUB_ID })
    expect(at).toMatchObject({ ok: true, value: { hubId: HUB_ID, title: '义诊咨询' } })

    const service = {
      id: 's',
      teamId: 't',
      title: '义诊咨询',
      description: '',
      venueAddress: '海淀区长春桥路 17 号',
      regionCode: null,
      status: 'active',
      createdAt: '',
      updatedAt: '',
      hubId: HUB_ID,
    } as VolunteerService
    expect(serviceFieldsOf(service).hubId).toBe(HUB_ID)
    if (at.ok) expect(servicePatchOf(service, at.value)).toBeNull()
    if (none.ok) expect(servicePatchOf(service, none.value)).toEqual({ hubId: null })
  })
})
