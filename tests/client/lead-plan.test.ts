/**
 * The team leader's door, planning side (/lead): the form rules (Beijing times, overnight shifts,
 * weekly repeats), the home with the teams led and the new-team form (a member's proposal waits
 * for the organisation's admin, an admin's team is active at once), the shift form's payload, the
 * week view (unfilled slots said in words, not colour alone) and assigning with warnings
 * acknowledged in a dialog first.
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import LeadHome from '../../client/doors/lead/LeadHome.vue'
import ShiftForm from '../../client/doors/lead/ShiftForm.vue'
import LeadWeekView from '../../client/doors/lead/LeadWeekView.vue'
import LeadShiftView from '../../client/doors/lead/LeadShiftView.vue'
import LeadTeamView from '../../client/doors/lead/LeadTeamView.vue'
import { checkShift, isOvernight, shiftTimes } from '../../client/doors/lead/lead-forms'
import { addDays, mondayOf, weekDays } from '../../client/doors/lead/week'
import { answerConfirm, confirmState, toasts } from '../../client/components/feedback'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import type { Membership } from '../../shared/schemas/membership'
import type { RosterItem, ShiftRoster, TeamDetail, WeekShift } from '../../shared/schemas/volunteer'
import type { Me } from '../../shared/schemas/user'
import type { SyncedOrganization } from '../../client/lib/tables'
import { freshClientPerTest, settleAndStopSync } from './component-setup'
import { fakeApi, idleSync, reply, type FakeRequest } from './fake-api'

const TEAM = '5d1c6a8e-2b3f-4c4d-8e5f-6a7b8c9d0e1f'
const SERVICE = '6e2d7b9f-3c4a-4d5e-9f6a-7b8c9d0e1f2a'
const SHIFT = '7f3e8c0a-4d5b-4e6f-8a7b-8c9d0e1f2a3b'
const ME: Me = {
  id: 'u-lead',
  phone: '13912345678',
  name: '王队长',
  regionCode: '110108',
  regionName: '北京市海淀区',
  discipline: '医学',
  employer: '海淀医院',
  title: null,
  bio: null,
  systemRole: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
}

const team = (over: Partial<TeamDetail> = {}): TeamDetail => ({
  id: TEAM,
  orgId: 'cast-110108',
  orgName: '北京市海淀区科学技术协会',
  name: '海淀医疗科普服务队',
  description: '',
  regionCode: '110108',
  skills: ['health'],
  status: 'active',
  minAttendancePercent: 60,
  cancelCutoffHours: 24,
  memberCount: 3,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 1,
  leaders: [{ name: '王队长', role: 'leader' }],
  myMembership: null,
  canLead: true,
  ...over,
})

const member = (over: Partial<RosterItem>): RosterItem => ({
  memberId: 'd1b2c3d4-0000-4000-8000-00000000000d',
  userId: 'u-zhou',
  name: '周医生',
  phone: '139****5678',
  role: 'member',
  status: 'active',
  skills: ['health'],
  joinedAt: '2026-11-01T00:00:00.000Z',
  approvedMinutes: 600,
  noShows: 0,
  ...over,
})

function appPlugins(path: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountStore().me = ME
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  void router.push(path)
  return { pinia, router, plugins: [pinia, router, createAppI18n('zh-CN')] }
}

describe('leader form rules', () => {
  it('reads the times as Beijing time; an end earlier than the start is the next morning', () => {
    expect(shiftTimes({ day: '2026-12-05', start: '09:00', end: '12:00' })).toEqual({
      startsAt: '2026-12-05T01:00:00.000Z',
      endsAt: '2026-12-05T04:00:00.000Z',
    })
    expect(isOvernight({ start: '22:00', end: '06:00' })).toBe(true)
    expect(shiftTimes({ day: '2026-12-05', start: '22:00', end: '06:00' })).toEqual({
      startsAt: '2026-12-05T14:00:00.000Z',
      endsAt: '2026-12-05T22:00:00.000Z',
    })
  })

  it('names what is wrong per field', () => {
    const base = {
      day: '2026-12-05',
      start: '09:00',
      end: '12:00',
      slots: 5 as number | '',
      requiredSkills: [],
      repeatWeeks: 1 as number | '',
    }
    expect(checkShift({ ...base, end: '09:00' })).toEqual({ ok: false, errors: { end: 'lead.problem.ends_before_start' } })
    expect(checkShift({ ...base, end: '09:10' })).toEqual({ ok: false, errors: { end: 'lead.problem.shift_too_short' } })
    expect(checkShift({ ...base, slots: '', repeatWeeks: 27, day: '' })).toEqual({
      ok: false,
      errors: { day: 'lead.problem.day', slots: 'lead.problem.slots', repeatWeeks: 'lead.problem.repeatWeeks' },
    })
    expect(checkShift({ ...base, repeatWeeks: 26 })).toMatchObject({ ok: true, value: { repeatWeeks: 26, slots: 5 } })
  })

  it('counts weeks from Monday, across months and years', () => {
    expect(mondayOf('2026-12-01')).toBe('2026-11-30')
    expect(mondayOf('2026-12-06')).toBe('2026-11-30')
    expect(mondayOf('2026-11-30')).toBe('2026-11-30')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-12-01', -7)).toBe('2026-11-24')
    expect(weekDays('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ])
  })
})

describe('LeadHome', () => {
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
    { table: 'memberships', row: membership('a1b2c3d4-0000-4000-8000-000000000001', 'cast-110108', 'member') },
    { table: 'memberships', row: membership('a1b2c3d4-0000-4000-8000-000000000002', 'cast-110105', 'admin') },
  ]

  async function mountHome(created: (body: Record<string, unknown>) => unknown) {
    let pulled = false
    const api = fakeApi({
      '/api/sync/push': { results: [] },
      '/api/sync/pull': () => {
        const rows = pulled ? [] : ROWS
        pulled = true
        return { changes: rows.map(({ table, row }) => ({ table, id: row.id, op: 'upsert', row })), cursor: 1, hasMore: false }
      },
      'GET /api/lead/teams': {
        items: [
          { ...team(), myRole: 'leader', pendingMembers: 2 },
          {
            ...team({ id: 'b1b2c3d4-0000-4000-8000-000000000009', name: '朝阳农技服务队', status: 'pending' }),
            myRole: null,
            pendingMembers: 0,
          },
        ],
      },
      'POST /api/teams': ({ body }: FakeRequest) => created(body),
    })
    const { plugins, router } = appPlugins('/lead')
    const wrapper = mount(LeadHome, { global: { plugins } })
    const sync = useSyncStore()
    await sync.start()
    await sync.syncNow()
    await flushPromises()
    return { wrapper, api, router }
  }

  it('lists the teams led with role and joiners waiting, and sends a member’s proposal for review', async () => {
    const { wrapper, api } = await mountHome((body) => reply(201, { ...team({ name: body.name as string, status: 'pending' }) }))
    const rows = wrapper.findAll('[data-testid=led-team]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('海淀医疗科普服务队')
    expect(rows[0]!.text()).toContain('队长')
    expect(rows[0]!.get('[data-testid=pending-joiners]').text()).toBe('2 人申请入队')
    expect(rows[0]!.get('[data-testid=pending-joiners]').attributes('href')).toBe(`/lead/teams/${TEAM}#joiners`)
    expect(rows[1]!.get('[data-testid=team-status]').text()).toBe('等待组织审核')
    expect(rows[1]!.text()).toContain('组织管理员')

    await wrapper.get('[data-testid=new-team]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=team-org] option')).toHaveLength(2))
    const org = wrapper.get('[data-testid=team-org]')
    await org.setValue('cast-110108')
    expect(wrapper.get('[data-testid=team-approval-note]').text()).toContain('需要这个组织的管理员审核')
    expect(wrapper.get('[data-testid=team-submit]').text()).toBe('提交审核')

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=team-name-error]').text()).toBe('服务队名称需要 2 到 60 个字。')
    expect(api.calls.filter((c) => c.method === 'POST' && c.path === '/api/teams')).toEqual([])

    await wrapper.get('[data-testid=team-name]').setValue('中关村科普讲解队')
    await wrapper.get('[data-testid=team-skill-science_explainer]').trigger('click')
    await wrapper.get('[data-testid=team-skill-first_aid]').trigger('click')
    await wrapper.get('[data-testid=team-min-attendance]').setValue('75')
    await wrapper.get('[data-testid=team-cancel-cutoff]').setValue('12')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const sent = api.calls.filter((c) => c.method === 'POST' && c.path === '/api/teams')
    expect(sent.map((c) => c.body)).toEqual([
      {
        orgId: 'cast-110108',
        name: '中关村科普讲解队',
        description: '',
        regionCode: null,
        skills: ['science_explainer', 'first_aid'],
        minAttendancePercent: 75,
        cancelCutoffHours: 12,
      },
    ])
    expect(toasts.map((t) => t.text)).toContain('已提交“中关村科普讲解队”，等待组织管理员审核')
    expect(wrapper.find('[data-testid=team-form]').exists()).toBe(false)
    await settleAndStopSync()
  })

  it('tells an admin the team is active at once, and opens it', async () => {
    const { wrapper, router } = await mountHome((body) =>
      reply(201, team({ id: 'c1b2c3d4-0000-4000-8000-00000000000c', name: body.name as string })),
    )
    await wrapper.get('[data-testid=new-team]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=team-org] option')).toHaveLength(2))
    await wrapper.get('[data-testid=team-org]').setValue('cast-110105')
    expect(wrapper.get('[data-testid=team-approval-note]').text()).toContain('立即生效')
    expect(wrapper.get('[data-testid=team-submit]').text()).toBe('创建服务队')
    await wrapper.get('[data-testid=team-name]').setValue('朝阳应急救护队')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/lead/teams/c1b2c3d4-0000-4000-8000-00000000000c')
    await settleAndStopSync()
  })
})

describe('ShiftForm', () => {
  freshClientPerTest()

  function mountForm(answer: (req: FakeRequest) => unknown) {
    const api = fakeApi({ ...idleSync, [`POST /api/lead/services/${SERVICE}/shifts`]: answer })
    const { plugins } = appPlugins('/lead')
    const wrapper = mount(ShiftForm, { props: { serviceId: SERVICE }, global: { plugins } })
    const posts = () => api.calls.filter((c) => c.method === 'POST')
    return { wrapper, posts }
  }

  it('sends an overnight shift repeated weekly, in Beijing time, and says it ends the next day', async () => {
    const { wrapper, posts } = mountForm(() => reply(201, { items: [] }))
    await wrapper.get('[data-testid=sf-day]').setValue('2026-12-05')
    await wrapper.get('[data-testid=sf-end]').setValue('23:00')
    await wrapper.get('[data-testid=sf-start]').setValue('22:00')
    expect(wrapper.find('[data-testid=sf-overnight]').exists()).toBe(false)
    await wrapper.get('[data-testid=sf-end]').setValue('06:00')
    expect(wrapper.get('[data-testid=sf-overnight]').text()).toContain('跨夜班次')
    expect(wrapper.get('[data-testid=sf-overnight]').text()).toContain('12月6日')
    await wrapper.get('[data-testid=sf-slots]').setValue('3')
    await wrapper.get('[data-testid=sf-repeat]').setValue('8')
    await wrapper.get('[data-testid=sf-skill-first_aid]').trigger('click')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(posts().map((c) => c.body)).toEqual([
      { startsAt: '2026-12-05T14:00:00.000Z', endsAt: '2026-12-05T22:00:00.000Z', slots: 3, requiredSkills: ['first_aid'], repeatWeeks: 8 },
    ])
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('checks before sending, and shows the server’s time refusal next to the end', async () => {
    const { wrapper, posts } = mountForm(() => reply(422, { error: { code: 'shift_too_long', message: 'too long' } }))
    await wrapper.get('[data-testid=sf-day]').setValue('2026-12-05')
    await wrapper.get('[data-testid=sf-start]').setValue('09:00')
    await wrapper.get('[data-testid=sf-end]').setValue('09:00')
    await wrapper.get('[data-testid=sf-repeat]').setValue('27')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=sf-end-error]').text()).toBe('结束时间不能与开始时间相同。')
    expect(wrapper.get('[data-testid=sf-repeat-error]').text()).toBe('重复周数为 1 到 26 的整数。')
    expect(posts()).toEqual([])

    await wrapper.get('[data-testid=sf-end]').setValue('17:00')
    await wrapper.get('[data-testid=sf-repeat]').setValue('1')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(posts()).toHaveLength(1)
    expect(wrapper.get('[data-testid=sf-end-error]').text()).toBe('班次最长 24 小时。')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })
})

const weekShift = (over: Partial<WeekShift>): WeekShift => ({
  id: SHIFT,
  serviceId: SERVICE,
  teamId: TEAM,
  serviceTitle: '社区义诊',
  venueAddress: '海淀区学院路社区服务中心',
  regionCode: '110108',
  startsAt: '2026-12-01T01:00:00.000Z',
  endsAt: '2026-12-01T04:00:00.000Z',
  slots: 5,
  placesTaken: 3,
  placesLeft: 2,
  requiredSkills: ['health'],
  seriesId: null,
  status: 'open',
  cancelReason: null,
  updatedAt: '2026-11-20T00:00:00.000Z',
  version: 1,
  people: [],
  waitlistCount: 0,
  missingSkills: [],
  ...over,
})

describe('LeadWeekView', () => {
  freshClientPerTest()

  it('shows the seven days, unfilled slots in words, who is on and confirmed, and moves by weeks', async () => {
    const api = fakeApi({
      ...idleSync,
      [`GET /api/teams/${TEAM}`]: team(),
      [`GET /api/lead/teams/${TEAM}/week`]: ({ url }: FakeRequest) => ({
        teamId: TEAM,
        start: url.searchParams.get('start'),
        end: url.searchParams.get('start'),
        shifts:
          url.searchParams.get('start') === '2026-11-29T16:00:00.000Z'
            ? [
                weekShift({
                  people: [
                    { signupId: 's1', name: '李医生', status: 'signed_up', confirmed: true, checkedIn: false },
                    { signupId: 's2', name: '赵护士', status: 'signed_up', confirmed: false, checkedIn: false },
                    { signupId: 's3', name: '钱同学', status: 'waitlisted', confirmed: false, checkedIn: false },
                  ],
                  waitlistCount: 1,
                  missingSkills: ['first_aid'],
                  requiredSkills: ['health', 'first_aid'],
                }),
                weekShift({
                  id: 'a8f3e8c0-4d5b-4e6f-8a7b-8c9d0e1f2a3b',
                  serviceTitle: '夜间应急值守',
                  startsAt: '2026-12-03T14:00:00.000Z',
                  endsAt: '2026-12-03T22:00:00.000Z',
                  slots: 2,
                  placesTaken: 2,
                  placesLeft: 0,
                }),
              ]
            : [],
      }),
    })
    const { plugins, router } = appPlugins(`/lead/teams/${TEAM}/week?start=2026-12-02`)
    await router.isReady()
    const wrapper = mount(LeadWeekView, { props: { id: TEAM }, global: { plugins } })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=week-shift]')).toHaveLength(2))
    const weekCalls = () => api.calls.filter((c) => c.path.endsWith('/week')).map((c) => c.url.searchParams.get('start'))
    expect(weekCalls()).toEqual(['2026-11-29T16:00:00.000Z']) // Monday 30 November, 00:00 in Beijing
    expect(wrapper.findAll('[data-testid=week-day]').map((d) => d.attributes('data-day'))).toEqual(weekDays('2026-11-30'))

    const [open, full] = wrapper.findAll('[data-testid=week-shift]')
    expect(open!.attributes('href')).toBe(`/lead/shifts/${SHIFT}`)
    expect(open!.element.closest('[data-testid=week-day]')!.getAttribute('data-day')).toBe('2026-12-01')
    expect(open!.get('[data-testid=shift-fill]').text()).toBe('已报 3/5')
    expect(open!.get('[data-testid=shift-unfilled]').text()).toBe('⚠ 缺 2 人')
    expect(open!.get('[data-testid=shift-waitlist]').text()).toBe('候补 1 人')
    expect(open!.get('[data-testid=shift-missing-skills]').text()).toContain('缺少技能：应急救护')
    const people = open!.findAll('[data-testid=shift-person]').map((p) => p.text())
    expect(people).toEqual(['李医生✓已确认到岗', '赵护士']) // the waiting one is counted, not listed
    expect(open!.text()).toContain('09:00–12:00')

    expect(full!.find('[data-testid=shift-unfilled]').exists()).toBe(false)
    expect(full!.attributes('data-unfilled')).toBe('0')
    expect(full!.text()).toContain('22:00–06:00（次日）')
    expect(wrapper.get('[data-testid=week-summary]').text()).toContain('这一周还缺 2 人')

    await wrapper.get('[data-testid=week-next]').trigger('click')
    await vi.waitFor(() => expect(weekCalls()).toEqual(['2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z']))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=week-shift]')).toHaveLength(0))
    expect(router.currentRoute.value.query.start).toBe('2026-12-07')
    expect(wrapper.get('[data-testid=week-summary]').text()).toBe('这一周没有班次。')
    await wrapper.get('[data-testid=week-prev]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query.start).toBe('2026-11-30'))
    await wrapper.get('[data-testid=week-prev]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query.start).toBe('2026-11-23'))
  })
})

describe('LeadShiftView: assigning', () => {
  freshClientPerTest()

  const roster: ShiftRoster = {
    shift: weekShift({}),
    teamName: '海淀医疗科普服务队',
    minAttendancePercent: 60,
    items: [
      {
        signupId: 'e1b2c3d4-0000-4000-8000-00000000000e',
        userId: 'u-li',
        name: '李医生',
        phone: '138****0001',
        memberNos: [],
        status: 'signed_up',
        source: 'self',
        confirmedAt: '2026-11-30T08:00:00.000Z',
        checkedInAt: null,
        checkedOutAt: null,
        noShow: false,
        hoursStatus: 'none',
        computedMinutes: null,
        creditedMinutes: null,
        correctionReason: null,
      },
    ],
  }
  const WARNINGS = [
    { kind: 'overlap', shiftId: 'f1', serviceTitle: '健康讲座', startsAt: '2026-12-01T02:00:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' },
    { kind: 'missing_skills', skills: ['first_aid'] },
  ]

  async function mountShift() {
    const assignments: unknown[] = []
    const api = fakeApi({
      ...idleSync,
      [`GET /api/lead/shifts/${SHIFT}/roster`]: roster,
      [`GET /api/lead/teams/${TEAM}/roster`]: {
        teamId: TEAM,
        items: [
          member({}),
          member({ memberId: 'd2', userId: 'u-li', name: '李医生' }),
          member({ memberId: 'd3', userId: 'u-x', name: '待审核', status: 'pending' }),
        ],
      },
      [`POST /api/lead/shifts/${SHIFT}/assignments`]: ({ body }: FakeRequest) => {
        assignments.push(body)
        return body.check
          ? { warnings: WARNINGS, signupId: null }
          : { warnings: WARNINGS, signupId: body.acknowledge ? 'new-signup' : null }
      },
    })
    const { plugins } = appPlugins(`/lead/shifts/${SHIFT}`)
    const wrapper = mount(LeadShiftView, { props: { id: SHIFT }, global: { plugins } })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=assign-who]').exists()).toBe(true))
    return { wrapper, api, assignments }
  }

  it('offers active members not on the shift, shows the warnings, and assigns once acknowledged', async () => {
    const { wrapper, assignments } = await mountShift()
    expect(wrapper.get('[data-testid=desk-link]').attributes('href')).toBe(`/lead/shifts/${SHIFT}/desk`)
    const options = wrapper.findAll('[data-testid=assign-who] option').map((o) => o.text())
    expect(options).toEqual(['请选择队员', '周医生 (医疗健康)']) // not the one on it, not a pending joiner
    await wrapper.get('[data-testid=assign-who]').setValue('d1b2c3d4-0000-4000-8000-00000000000d')
    await wrapper.get('[data-testid=assign-go]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current).not.toBeNull())
    expect(assignments).toEqual([{ memberId: 'd1b2c3d4-0000-4000-8000-00000000000d', check: true }])
    expect(confirmState.current!.title).toBe('指派 周医生 前请注意')
    expect(confirmState.current!.message).toContain('与其已报名的“健康讲座”')
    expect(confirmState.current!.message).toContain('缺少本班次需要的技能：应急救护。')
    answerConfirm(true)
    await vi.waitFor(() => expect(toasts.map((t) => t.text)).toContain('已指派 周医生'))
    expect(assignments).toEqual([
      { memberId: 'd1b2c3d4-0000-4000-8000-00000000000d', check: true },
      { memberId: 'd1b2c3d4-0000-4000-8000-00000000000d', acknowledge: true },
    ])
  })

  it('writes nothing when the leader steps back at the warnings', async () => {
    const { wrapper, assignments } = await mountShift()
    await wrapper.get('[data-testid=assign-who]').setValue('d1b2c3d4-0000-4000-8000-00000000000d')
    await wrapper.get('[data-testid=assign-go]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current).not.toBeNull())
    answerConfirm(false)
    await flushPromises()
    expect(assignments).toEqual([{ memberId: 'd1b2c3d4-0000-4000-8000-00000000000d', check: true }])
    expect((wrapper.get('[data-testid=assign-go]').element as HTMLButtonElement).disabled).toBe(false)
  })
})

describe('LeadTeamView', () => {
  freshClientPerTest()

  it('approves a joiner, removes a member after a confirmation with the reason, and hands out the invitation link', async () => {
    const decisions: unknown[] = []
    const api = fakeApi({
      ...idleSync,
      [`GET /api/teams/${TEAM}`]: team(),
      [`GET /api/lead/teams/${TEAM}/roster`]: {
        teamId: TEAM,
        items: [
          member({ memberId: 'm-new', userId: 'u-new', name: '孙新人', status: 'pending', skills: [] }),
          member({ memberId: 'm-zhou', noShows: 2 }),
        ],
      },
      [`POST /api/lead/teams/${TEAM}/members/m-new/decision`]: ({ body }: FakeRequest) => {
        decisions.push(['m-new', body])
        return member({ memberId: 'm-new', userId: 'u-new', name: '孙新人', status: 'active', skills: [] })
      },
      [`POST /api/lead/teams/${TEAM}/members/m-zhou/decision`]: ({ body }: FakeRequest) => {
        decisions.push(['m-zhou', body])
        return member({ memberId: 'm-zhou', status: 'removed' })
      },
      [`POST /api/lead/teams/${TEAM}/invite`]: {
        code: 'abcdefghijklmnop1234',
        path: `/volunteer/teams/${TEAM}?invite=abcdefghijklmnop1234`,
      },
    })
    const { plugins } = appPlugins(`/lead/teams/${TEAM}`)
    const wrapper = mount(LeadTeamView, { props: { id: TEAM }, global: { plugins }, attachTo: document.body })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=joiner]')).toHaveLength(1))
    expect(wrapper.get('[data-testid=member]').text()).toContain('已核定 10 小时')
    expect(wrapper.get('[data-testid=member]').text()).toContain('缺勤 2 次')
    expect(wrapper.get('[data-testid=hours-link]').attributes('href')).toBe(`/lead/teams/${TEAM}/hours`)
    expect(wrapper.get('[data-testid=swaps-link]').attributes('href')).toBe(`/lead/teams/${TEAM}/swaps`)
    expect(wrapper.get('[data-testid=no-shows-link]').attributes('href')).toBe(`/lead/teams/${TEAM}/no-shows`)

    await wrapper.get('[data-testid=approve]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=member]')).toHaveLength(2))
    expect(wrapper.findAll('[data-testid=joiner]')).toHaveLength(0)

    await wrapper.findAll('[data-testid=remove]')[1]!.trigger('click')
    await wrapper.get('[data-testid=decision-reason]').setValue('长期未参加服务')
    await wrapper.get('[data-testid=decision-confirm]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current?.title).toBe('将 周医生 移出服务队？'))
    answerConfirm(true)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=member]')).toHaveLength(1))
    expect(decisions).toEqual([
      ['m-new', { decision: 'approve' }],
      ['m-zhou', { decision: 'remove', reason: '长期未参加服务' }],
    ])

    await wrapper.get('[data-testid=invite-make]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=invite-link]').exists()).toBe(true))
    expect((wrapper.get('[data-testid=invite-link]').element as HTMLInputElement).value).toBe(
      `${location.origin}/volunteer/teams/${TEAM}?invite=abcdefghijklmnop1234`,
    )
    expect(api.calls.filter((c) => c.path.endsWith('/invite')).map((c) => c.method)).toEqual(['POST'])
    wrapper.unmount()
  })
})
