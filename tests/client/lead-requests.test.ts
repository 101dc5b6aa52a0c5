/**
 * The leader's request screens: the list of requests dispatched to the person's teams, and one
 * request — accept (then the full phone as a tel: link), decline only with a reason, assign
 * volunteers from the team's roster with a time (one POST …/shift; then a link to the shift page),
 * done with a report; refusals in words.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import LeadRequestsView from '../../client/doors/lead/LeadRequestsView.vue'
import LeadRequestView from '../../client/doors/lead/LeadRequestView.vue'
import type { RosterItem } from '../../shared/schemas/volunteer'
import { mountSignedIn } from './component-setup'
import { fakeApi, reply, type FakeRequest } from './fake-api'
import { REQUEST, SHIFT, TEAM, event, page, serviceRequest } from './request-fixtures'

const LEADER = { id: 'u-lead', name: '王队长', systemRole: 'member' as const }
const ZHOU = 'e48a9b0c-1d2e-4f3a-8b4c-6d7e8f9a0b1c'
const LI = 'f59b0c1d-2e3f-4a4b-9c5d-7e8f9a0b1c2d'
const member = (userId: string, name: string, over: Partial<RosterItem> = {}): RosterItem => ({
  memberId: `m-${userId}`,
  userId,
  name,
  phone: '139****5678',
  role: 'member',
  status: 'active',
  skills: ['it'],
  joinedAt: '2026-11-01T00:00:00.000Z',
  approvedMinutes: 0,
  noShows: 0,
  ...over,
})
const dispatched = serviceRequest({
  status: 'dispatched',
  teamId: TEAM,
  teamName: '中关村助老数字服务队',
  completeBy: '2026-12-20T10:00:00.000Z',
  events: [event('ordered'), event('dispatched', { actor: 'admin', teamName: '中关村助老数字服务队' })],
})
const accepted = { ...dispatched, status: 'accepted' as const, contactPhone: '13812345678', phoneVisible: true }

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('/lead/requests', () => {
  it('lists the requests dispatched to the person’s teams, 待接单 first, and asks for each tab', async () => {
    const asked: string[] = []
    fakeApi({
      'GET /api/lead/requests': ({ url }: FakeRequest) => {
        asked.push(url.search)
        return page([dispatched])
      },
    })
    const wrapper = mountSignedIn(LeadRequestsView, {}, { me: LEADER })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=lead-request-row]')).toHaveLength(1))
    expect(asked).toEqual(['?status=dispatched&page=1&pageSize=50'])
    const row = wrapper.get('[data-testid=lead-request-row]')
    expect(row.attributes('data-status')).toBe('dispatched')
    expect(row.text()).toContain('老年人智能手机 · 12-0007')
    expect(row.text()).toContain('已派单')
    expect(row.get('a').attributes('href')).toBe(`/lead/requests/${REQUEST}`)
    await wrapper.get('[data-testid=lead-request-tab-accepted]').trigger('click')
    await vi.waitFor(() => expect(asked).toHaveLength(2))
    expect(asked[1]).toBe('?status=accepted&page=1&pageSize=50')
  })
})

describe('/lead/requests/:id', () => {
  function server(first = dispatched, refuse: Record<string, unknown> = {}) {
    const net = { gets: 0, accepted: 0, declined: [] as unknown[], shifts: [] as unknown[], done: [] as unknown[], rosters: 0 }
    const act = (name: string, answer: () => unknown) => () => refuse[name] ?? answer()
    fakeApi({
      [`GET /api/lead/requests/${REQUEST}`]: () => {
        net.gets++
        return first
      },
      [`POST /api/lead/requests/${REQUEST}/accept`]: act('accept', () => {
        net.accepted++
        return accepted
      }),
      [`POST /api/lead/requests/${REQUEST}/decline`]: ({ body }: FakeRequest) => {
        net.declined.push(body)
        return refuse.decline ?? { ...dispatched, status: 'ordered', teamId: null, teamName: null, declineReason: body.reason }
      },
      [`POST /api/lead/requests/${REQUEST}/shift`]: ({ body }: FakeRequest) => {
        net.shifts.push(body)
        return refuse.shift ?? { ...accepted, shiftId: SHIFT, events: [...accepted.events, event('assigned', { actor: 'leader' })] }
      },
      [`POST /api/lead/requests/${REQUEST}/done`]: ({ body }: FakeRequest) => {
        net.done.push(body)
        return { ...accepted, status: 'done', report: body.report }
      },
      [`GET /api/lead/teams/${TEAM}/roster`]: () => {
        net.rosters++
        return {
          teamId: TEAM,
          items: [
            member(ZHOU, '周老师', { skills: ['it', 'elder_care'] }),
            member(LI, '李同学'),
            member('a6ac1d2e-3f4a-4b5c-8d6e-8f9a0b1c2d3e', '赵离开', { status: 'left' }),
          ],
        }
      },
    })
    return net
  }
  async function mountPage() {
    const wrapper = mountSignedIn(LeadRequestView, { id: REQUEST }, { me: LEADER })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=request-facts], [data-testid=lead-request-error]').exists()).toBe(true))
    return wrapper
  }

  it('accepts; then shows the full phone as a tel: link and the team’s roster to assign from', async () => {
    const net = server()
    const wrapper = await mountPage()
    expect(wrapper.get('[data-testid=request-phone]').text()).toContain('138****5678')
    expect(wrapper.find('[data-testid=request-phone-call]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=lead-request-assign]').exists()).toBe(false)

    await wrapper.get('[data-testid=lead-request-accept]').trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[data-testid=request-status]').attributes('data-status')).toBe('accepted'))
    expect(net.accepted).toBe(1)
    const call = wrapper.get('[data-testid=request-phone-call]')
    expect(call.attributes('href')).toBe('tel:13812345678')
    expect(call.text()).toBe('拨打 13812345678')
    expect(wrapper.find('[data-testid=lead-request-accept]').exists()).toBe(false)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=lead-request-assign-member]')).toHaveLength(2)) // not the one who left
    expect(wrapper.get('[data-testid=lead-request-assign]').text()).toContain('周老师（信息技术、助老服务）')
  })

  it('assigns the chosen members for a time read as Beijing time, then links the shift', async () => {
    vi.setSystemTime(new Date('2026-12-10T00:00:00Z')) // before the wished afternoon (Date only; timers stay real)
    const net = server(accepted)
    const wrapper = await mountPage()
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=lead-request-assign-member]')).toHaveLength(2))
    // the wanted afternoon is offered as the time
    expect((wrapper.get('[data-testid=lead-request-assign-start]').element as HTMLInputElement).value).toBe('2026-12-20T14:00')
    expect((wrapper.get('[data-testid=lead-request-assign-end]').element as HTMLInputElement).value).toBe('2026-12-20T16:00')

    await wrapper.get('[data-testid=lead-request-assign]').trigger('submit')
    await flushPromises()
    expect(net.shifts).toEqual([])
    expect(wrapper.get('[data-testid=lead-request-assign]').text()).toContain('请至少选择一名队员（最多 20 名）。')

    const boxes = wrapper.findAll('[data-testid=lead-request-assign-member]')
    await boxes[0]!.setValue(true)
    await boxes[1]!.setValue(true)
    await wrapper.get('[data-testid=lead-request-assign-end]').setValue('2026-12-20T13:00')
    await wrapper.get('[data-testid=lead-request-assign]').trigger('submit')
    await flushPromises()
    expect(net.shifts).toEqual([])
    expect(wrapper.get('[data-testid=lead-request-assign-end-error]').text()).toBe('请填写开始和结束时间，结束须晚于开始。')

    await wrapper.get('[data-testid=lead-request-assign-start]').setValue('2026-12-20T15:00')
    await wrapper.get('[data-testid=lead-request-assign-end]').setValue('2026-12-20T17:30')
    await wrapper.get('[data-testid=lead-request-assign]').trigger('submit')
    await vi.waitFor(() => expect(net.shifts).toHaveLength(1))
    expect(net.shifts[0]).toEqual({ startsAt: '2026-12-20T07:00:00.000Z', endsAt: '2026-12-20T09:30:00.000Z', userIds: [ZHOU, LI] })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=lead-request-shift-link]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=lead-request-shift-link]').attributes('href')).toBe(`/lead/shifts/${SHIFT}`)
    expect(wrapper.find('[data-testid=lead-request-assign]').exists()).toBe(false)
  })

  it('offers the next full hour when the wished time has already begun (today, any time, accepted at noon)', async () => {
    vi.setSystemTime(new Date('2026-12-20T06:30:00Z')) // 14:30 in Beijing: the wished 14:00–16:00 has begun
    server(accepted)
    const wrapper = await mountPage()
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=lead-request-assign-member]')).toHaveLength(2))
    expect((wrapper.get('[data-testid=lead-request-assign-start]').element as HTMLInputElement).value).toBe('2026-12-20T16:00')
    expect((wrapper.get('[data-testid=lead-request-assign-end]').element as HTMLInputElement).value).toBe('2026-12-20T18:00')
  })

  it('says a refused assignment in words', async () => {
    server(accepted, { shift: reply(422, { error: { code: 'not_team_member', message: 'not on the team' } }) })
    const wrapper = await mountPage()
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=lead-request-assign-member]')).toHaveLength(2))
    await wrapper.findAll('[data-testid=lead-request-assign-member]')[1]!.setValue(true)
    await wrapper.get('[data-testid=lead-request-assign]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=lead-request-assign-error]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=lead-request-assign-error]').text()).toBe('请先加入这个志愿服务队（并通过审核）再报名班次。')
  })

  it('declines only with a reason; a request someone else moved is said in words', async () => {
    const net = server(dispatched, { accept: reply(409, { error: { code: 'request_not_allowed', message: 'moved' } }) })
    const wrapper = await mountPage()
    await wrapper.get('[data-testid=lead-request-decline-form]').trigger('submit')
    await flushPromises()
    expect(net.declined).toEqual([])
    expect(wrapper.get('[data-testid=lead-request-decline-reason-error]').text()).toBe('请填写退回原因（2–200 个字）。')

    await wrapper.get('[data-testid=lead-request-accept]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=lead-request-accept-error]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=lead-request-accept-error]').text()).toBe(
      '服务单当前的状态不允许这项操作（可能已被别人处理），请刷新后再看。',
    )
    await vi.waitFor(() => expect(net.gets).toBe(2)) // the page reads where the request is now

    await wrapper.get('[data-testid=lead-request-decline-reason]').setValue('本周队员都在外地')
    await wrapper.get('[data-testid=lead-request-decline-form]').trigger('submit')
    await vi.waitFor(() => expect(net.declined).toEqual([{ reason: '本周队员都在外地' }]))
    await vi.waitFor(() => expect(wrapper.get('[data-testid=request-status]').attributes('data-status')).toBe('ordered'))
    expect(wrapper.find('[data-testid=lead-request-accept]').exists()).toBe(false)
  })

  it('marks it done with a report', async () => {
    const net = server({ ...accepted, shiftId: SHIFT })
    const wrapper = await mountPage()
    expect(net.rosters).toBe(0) // the shift exists: no roster to pick from
    await wrapper.get('[data-testid=lead-request-done]').trigger('submit')
    await flushPromises()
    expect(net.done).toEqual([])
    expect(wrapper.get('[data-testid=lead-request-done-report-error]').text()).toBe('请写几句服务情况（2–500 个字）。')
    await wrapper.get('[data-testid=lead-request-done-report]').setValue('上门教会了王阿姨用手机挂号和视频通话。')
    await wrapper.get('[data-testid=lead-request-done]').trigger('submit')
    await vi.waitFor(() => expect(net.done).toEqual([{ report: '上门教会了王阿姨用手机挂号和视频通话。' }]))
    await vi.waitFor(() => expect(wrapper.get('[data-testid=request-status]').attributes('data-status')).toBe('done'))
    expect(wrapper.get('[data-testid=request-report]').text()).toBe('上门教会了王阿姨用手机挂号和视频通话。')
    expect(wrapper.find('[data-testid=lead-request-done]').exists()).toBe(false)
  })
})
