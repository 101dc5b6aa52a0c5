/**
 * The admin's request screens: the queue by status tab (what each tab asks the server, overdue said
 * in words), and one request — the phone masked, the timeline, the suggested teams with their
 * reasons, dispatch (team + deadline in Beijing time, checked before sending) and close with a
 * reason after the confirm dialog; refusals in words. Notices about requests lead to these pages.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import AdminRequestsView from '../../client/doors/admin/AdminRequestsView.vue'
import AdminRequestView from '../../client/doors/admin/AdminRequestView.vue'
import { answerConfirm, confirmState } from '../../client/components/feedback'
import { noticeLink } from '../../client/features/notices/model'
import { fromBeijingLocal, toBeijingLocal } from '../../shared/time/beijing'
import { mountSignedIn } from './component-setup'
import { fakeApi, reply, type FakeRequest } from './fake-api'
import { OTHER_TEAM, REQUEST, TEAM, event, page, serviceRequest, suggestion } from './request-fixtures'

const ADMIN = { id: 'u-admin', name: '李管理', systemRole: 'member' as const }
afterEach(() => {
  while (confirmState.current) answerConfirm(false)
  vi.unstubAllGlobals()
})

describe('/admin/requests', () => {
  it('asks for each tab’s requests and says an overdue one in words', async () => {
    const asked: string[] = []
    fakeApi({
      'GET /api/admin/requests': ({ url }: FakeRequest) => {
        asked.push(url.search)
        return page([
          serviceRequest({ overdueAt: '2026-12-02T02:00:00.000Z' }),
          serviceRequest({
            id: 'd37f8a9b-0c1d-4e2f-9a3b-5c6d7e8f9a0b',
            number: '12-0008',
            category: 'health',
            status: 'dispatched',
            teamName: '海淀医疗队',
          }),
        ])
      },
    })
    const wrapper = mountSignedIn(AdminRequestsView, {}, { me: ADMIN })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=request-row]')).toHaveLength(2))
    expect(asked).toEqual(['?status=ordered&page=1&pageSize=50'])
    const rows = wrapper.findAll('[data-testid=request-row]')
    expect(rows[0]!.attributes('data-status')).toBe('ordered')
    expect(rows[0]!.text()).toContain('老年人智能手机 · 12-0007')
    expect(rows[0]!.text()).toContain('中关村街道新时代文明实践所')
    expect(rows[0]!.get('[data-testid=request-overdue]').text()).toMatch(/^已超时：.* 起未处理，已报上级$/)
    expect(rows[0]!.get('a').attributes('href')).toBe(`/admin/requests/${REQUEST}`)
    expect(rows[1]!.find('[data-testid=request-overdue]').exists()).toBe(false)
    expect(rows[1]!.text()).toContain('已派单 · 海淀医疗队')

    await wrapper.get('[data-testid=request-tab-overdue]').trigger('click')
    await vi.waitFor(() => expect(asked).toHaveLength(2))
    expect(asked[1]).toBe('?overdue=true&page=1&pageSize=50')
    await wrapper.get('[data-testid=request-tab-all]').trigger('click')
    await vi.waitFor(() => expect(asked).toHaveLength(3))
    expect(asked[2]).toBe('?page=1&pageSize=50')
  })

  it('says why the queue could not be read', async () => {
    fakeApi({ 'GET /api/admin/requests': reply(403, { error: { code: 'forbidden', message: 'not an admin' } }) })
    const wrapper = mountSignedIn(AdminRequestsView, {}, { me: ADMIN })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=requests-error]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=requests-error]').text()).toBe('您没有处理这张服务单的权限。')
  })
})

describe('/admin/requests/:id', () => {
  function server(detail = serviceRequest(), dispatchAnswer?: (body: Record<string, unknown>) => unknown) {
    const net = { dispatched: [] as unknown[], closed: [] as unknown[], suggestions: 0 }
    fakeApi({
      [`GET /api/admin/requests/${REQUEST}`]: detail,
      [`GET /api/admin/requests/${REQUEST}/suggestions`]: () => {
        net.suggestions++
        return {
          items: [
            suggestion(),
            suggestion({ teamId: OTHER_TEAM, teamName: '海淀科普讲解队', matchedSkills: ['it'], distance: 'county', memberCount: 30 }),
          ],
        }
      },
      [`POST /api/admin/requests/${REQUEST}/dispatch`]: ({ body }: FakeRequest) => {
        net.dispatched.push(body)
        if (dispatchAnswer) return dispatchAnswer(body)
        return serviceRequest({
          status: 'dispatched',
          teamId: body.teamId,
          teamName: '中关村助老数字服务队',
          completeBy: body.completeBy,
          events: [event('ordered'), event('dispatched', { actor: 'admin', teamName: '中关村助老数字服务队' })],
        })
      },
      [`POST /api/admin/requests/${REQUEST}/close`]: ({ body }: FakeRequest) => {
        net.closed.push(body)
        return serviceRequest({ status: 'closed', closeReason: body.reason, stateDueAt: null })
      },
    })
    return net
  }
  async function mountPage() {
    const wrapper = mountSignedIn(AdminRequestView, { id: REQUEST }, { me: ADMIN })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=request-suggestion]').exists()).toBe(true))
    return wrapper
  }
  /** three days from now at 18:00 Beijing time, as the form's input and as the instant sent */
  function aDeadline() {
    const local = `${toBeijingLocal(new Date(Date.now() + 3 * 86_400_000)).slice(0, 10)}T18:00`
    return { local, iso: fromBeijingLocal(local)! }
  }

  it('shows the request with the phone masked, its timeline and the teams with their reasons', async () => {
    server(
      serviceRequest({
        declineReason: '本周队员都在外地',
        events: [event('ordered'), event('declined', { actor: 'leader', teamName: '海淀医疗队', note: '本周队员都在外地' })],
      }),
    )
    const wrapper = await mountPage()
    expect(wrapper.get('[data-testid=request-status]').attributes('data-status')).toBe('ordered')
    expect(wrapper.get('[data-testid=request-status]').text()).toBe('待派单')
    const phone = wrapper.get('[data-testid=request-phone]')
    expect(phone.text()).toContain('138****5678')
    expect(phone.find('a').exists()).toBe(false)
    expect(wrapper.get('[data-testid=request-decline-reason]').text()).toBe('本周队员都在外地')
    const events = wrapper.findAll('[data-testid=request-event]')
    expect(events.map((e) => e.attributes('data-kind'))).toEqual(['ordered', 'declined'])
    expect(events[0]!.text()).toContain('居民点单')
    expect(events[0]!.text()).toContain('自助机')
    expect(events[1]!.text()).toContain('服务队退回 · 海淀医疗队')
    expect(events[1]!.text()).toContain('本周队员都在外地')

    const teams = wrapper.findAll('[data-testid=request-suggestion]')
    expect(teams.map((s) => s.attributes('data-team-id'))).toEqual([TEAM, OTHER_TEAM])
    expect(teams[0]!.get('[data-testid=request-suggestion-reasons]').text()).toBe('技能匹配 2/2 · 同街道 · 12 人')
    expect(teams[1]!.get('[data-testid=request-suggestion-reasons]').text()).toBe('技能匹配 1/2 · 同区县 · 30 人')
  })

  it('dispatches to the chosen team with the deadline read as Beijing time, after checking both', async () => {
    const net = server()
    const wrapper = await mountPage()
    const { local, iso } = aDeadline()

    // nothing chosen: said, nothing sent
    await wrapper.get('[data-testid=request-dispatch-deadline]').setValue('')
    await wrapper.get('[data-testid=request-dispatch]').trigger('submit')
    await flushPromises()
    expect(net.dispatched).toEqual([])
    expect(wrapper.get('[data-testid=request-dispatch-team-error]').text()).toBe('请选择一个服务队。')
    expect(wrapper.get('[data-testid=request-dispatch-deadline-error]').text()).toBe('请填写完成期限的日期和时间。')

    // a deadline in the past is said before anything is sent
    await wrapper.findAll('[data-testid=request-suggestion-choose]')[0]!.trigger('click')
    expect((wrapper.get('[data-testid=request-dispatch-team]').element as HTMLSelectElement).value).toBe(TEAM)
    await wrapper.get('[data-testid=request-dispatch-deadline]').setValue(toBeijingLocal(new Date(Date.now() - 86_400_000)))
    await wrapper.get('[data-testid=request-dispatch]').trigger('submit')
    await flushPromises()
    expect(net.dispatched).toEqual([])
    expect(wrapper.get('[data-testid=request-dispatch-deadline-error]').text()).toBe('完成期限须在 1 小时之后。')

    await wrapper.get('[data-testid=request-dispatch-deadline]').setValue(local)
    await wrapper.get('[data-testid=request-dispatch]').trigger('submit')
    await vi.waitFor(() => expect(net.dispatched).toHaveLength(1))
    expect(net.dispatched[0]).toEqual({ teamId: TEAM, completeBy: iso })
    await vi.waitFor(() => expect(wrapper.get('[data-testid=request-status]').attributes('data-status')).toBe('dispatched'))
    expect(wrapper.get('[data-testid=request-team]').text()).toBe('中关村助老数字服务队')
    // now the same form re-dispatches
    expect(wrapper.get('[data-testid=request-dispatch-submit]').text()).toBe('改派')
  })

  it('says a refused dispatch in words', async () => {
    const net = server(serviceRequest(), () => reply(409, { error: { code: 'team_not_active', message: 'closed team' } }))
    const wrapper = await mountPage()
    await wrapper.get('[data-testid=request-dispatch-team]').setValue(OTHER_TEAM)
    await wrapper.get('[data-testid=request-dispatch-deadline]').setValue(aDeadline().local)
    await wrapper.get('[data-testid=request-dispatch]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=request-dispatch-error]').exists()).toBe(true))
    expect(net.dispatched).toHaveLength(1)
    expect(wrapper.get('[data-testid=request-dispatch-error]').text()).toBe('这个志愿服务队还未通过审核或已停止活动。')
    expect(wrapper.get('[data-testid=request-status]').attributes('data-status')).toBe('ordered')
  })

  it('closes only with a reason and after the confirm dialog; then offers nothing more', async () => {
    const net = server()
    const wrapper = await mountPage()
    await wrapper.get('[data-testid=request-close]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=request-close-reason-error]').text()).toBe('请填写原因（2–200 个字）。')
    expect(confirmState.current).toBeNull()

    await wrapper.get('[data-testid=request-close-reason]').setValue('居民来电说不需要了')
    await wrapper.get('[data-testid=request-close]').trigger('submit')
    await vi.waitFor(() => expect(confirmState.current?.title).toBe('关闭服务单 12-0007 吗？'))
    answerConfirm(true)
    await vi.waitFor(() => expect(net.closed).toEqual([{ reason: '居民来电说不需要了' }]))
    await vi.waitFor(() => expect(wrapper.get('[data-testid=request-status]').attributes('data-status')).toBe('closed'))
    expect(wrapper.find('[data-testid=request-dispatch]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=request-close]').exists()).toBe(false)
    expect(wrapper.text()).toContain('居民来电说不需要了')
  })

  it('asks for no suggestions for a request no longer open', async () => {
    const net = server(serviceRequest({ status: 'rated', rating: 5, ratingComment: '很耐心', report: '教会了挂号', stateDueAt: null }))
    const wrapper = mountSignedIn(AdminRequestView, { id: REQUEST }, { me: ADMIN })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=request-facts]').exists()).toBe(true))
    await flushPromises()
    expect(net.suggestions).toBe(0)
    expect(wrapper.get('[data-testid=request-rating]').text()).toBe('5 星（满分 5 星） · 很耐心')
    expect(wrapper.get('[data-testid=request-report]').text()).toBe('教会了挂号')
    expect(wrapper.find('[data-testid=request-dispatch]').exists()).toBe(false)
  })
})

describe('notices about requests', () => {
  it('lead the leader to the leader’s page and the admin to the admin’s page', () => {
    const n = { orgId: null, activityId: null, subjectId: REQUEST }
    expect(noticeLink({ ...n, kind: 'request_dispatched' })).toBe(`/lead/requests/${REQUEST}`)
    expect(noticeLink({ ...n, kind: 'request_rated' })).toBe(`/lead/requests/${REQUEST}`)
    expect(noticeLink({ ...n, kind: 'request_declined' })).toBe(`/admin/requests/${REQUEST}`)
    expect(noticeLink({ ...n, kind: 'request_overdue' })).toBe(`/admin/requests/${REQUEST}`)
  })
})
