/**
 * The leader's hours page (/lead/teams/:id/hours): the hours waiting for approval with the value
 * computed from check-in and check-out; many approved at once; one corrected, which needs a reason
 * (nothing is sent without one); the records CSV linked for a period in the app's language.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import TeamHoursView from '../../client/doors/lead/day/TeamHoursView.vue'
import { answerConfirm, confirmState } from '../../client/components/feedback'
import type { HoursItem } from '../../shared/schemas/volunteer'
import { mountSignedIn } from './component-setup'
import { fakeApi, reply, type FakeRequest } from './fake-api'

const TEAM = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'
const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333']

const item = (signupId: string, name: string, over: Partial<HoursItem> = {}): HoursItem => ({
  signupId,
  userId: `u-${name}`,
  name,
  phone: '139****5678',
  memberNos: [],
  status: 'signed_up',
  source: 'self',
  confirmedAt: null,
  checkedInAt: '2026-11-28T01:05:00.000Z',
  checkedOutAt: '2026-11-28T03:00:00.000Z',
  noShow: false,
  hoursStatus: 'pending',
  computedMinutes: 115,
  creditedMinutes: 115,
  correctionReason: null,
  shiftId: 'shift-1',
  serviceTitle: '社区健康义诊',
  startsAt: '2026-11-28T01:00:00.000Z',
  endsAt: '2026-11-28T03:00:00.000Z',
  ...over,
})

function server() {
  const net = { approved: [] as string[][], corrections: [] as FakeRequest[] }
  let items = [
    item(ids[0]!, '李思远'),
    item(ids[1]!, '赵志愿', { checkedOutAt: null, computedMinutes: 120, creditedMinutes: 120 }),
    item(ids[2]!, '钱早退', { computedMinutes: 0, creditedMinutes: 0 }),
  ]
  fakeApi({
    [`GET /api/teams/${TEAM}`]: reply(404, { error: { code: 'team_not_found', message: 'no' } }),
    [`GET /api/lead/teams/${TEAM}/hours`]: ({ url }: FakeRequest) => {
      expect(url.searchParams.get('status')).toBe('pending')
      return { items, total: items.length, page: 1, pageSize: 200 }
    },
    [`POST /api/lead/teams/${TEAM}/hours/approve`]: ({ body }: FakeRequest) => {
      net.approved.push(body.signupIds)
      items = items.filter((i) => !body.signupIds.includes(i.signupId))
      return { approved: body.signupIds.length }
    },
    '*': (req: FakeRequest) => {
      const m = /^\/api\/lead\/signups\/([^/]+)\/hours$/.exec(req.path)
      if (req.method !== 'POST' || !m) return undefined
      net.corrections.push(req)
      const row = items.find((i) => i.signupId === m[1])!
      items = items.filter((i) => i !== row)
      const { shiftId: _s, serviceTitle: _t, startsAt: _a, endsAt: _e, ...rosterItem } = row
      return { ...rosterItem, hoursStatus: 'approved', creditedMinutes: req.body.minutes, correctionReason: req.body.reason }
    },
  })
  return net
}

async function mountPage() {
  const wrapper = mountSignedIn(TeamHoursView, { id: TEAM })
  await vi.waitFor(() => expect(wrapper.findAll('[data-testid=hours-item]')).toHaveLength(3))
  return wrapper
}
const names = (wrapper: Awaited<ReturnType<typeof mountPage>>) =>
  wrapper.findAll('[data-testid=hours-item] h2').map((h) => h.text().split(' ')[0])

afterEach(() => {
  while (confirmState.current) answerConfirm(false)
  vi.unstubAllGlobals()
})

describe('TeamHoursView', () => {
  it('shows the computed hours, and approves the selected ones at once', async () => {
    const net = server()
    const wrapper = await mountPage()
    const computed = wrapper.findAll('[data-testid=hours-computed]').map((c) => c.text())
    expect(computed[0]).toBe('按签到签退计算：1.9 小时')
    expect(computed[2]).toBe('按本队规则不计时长（出勤不足）')
    expect(wrapper.findAll('[data-testid=hours-item]')[1]!.text()).toContain('未签退')

    await wrapper.get('[data-testid=hours-select-all]').setValue(true)
    expect(wrapper.get('[data-testid=hours-bulk]').text()).toContain('已选 3 条')
    await wrapper.get('[data-testid=hours-pick]').setValue(false) // not 李思远 after all
    await wrapper.get('[data-testid=hours-approve]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current?.title).toBe('确认这 2 条服务时长吗？'))
    answerConfirm(true)
    await vi.waitFor(() => expect(net.approved).toEqual([[ids[1], ids[2]]]))
    await flushPromises()
    expect(names(wrapper)).toEqual(['李思远'])
    expect(wrapper.find('[data-testid=hours-bulk]').exists()).toBe(false)
  })

  it('corrects one with the computed value beside it, and not without a reason', async () => {
    const net = server()
    const wrapper = await mountPage()
    await wrapper.findAll('[data-testid=hours-correct]')[1]!.trigger('click')
    const fix = wrapper.get('[data-testid=hours-fix]')
    expect((fix.get('[data-testid=fix-minutes]').element as HTMLInputElement).value).toBe('120')
    expect(fix.text()).toContain('按签到签退计算：2 小时')
    await fix.get('[data-testid=fix-minutes]').setValue('90')
    await fix.trigger('submit')
    await flushPromises()
    expect(fix.text()).toContain('请填写修正原因')
    expect(net.corrections).toEqual([])

    await fix.get('[data-testid=fix-reason]').setValue('提前一小时离开，未签退')
    await fix.trigger('submit')
    await vi.waitFor(() => expect(net.corrections).toHaveLength(1))
    expect(net.corrections[0]!.body).toEqual({ minutes: 90, reason: '提前一小时离开，未签退' })
    await vi.waitFor(() => expect(names(wrapper)).toEqual(['李思远', '钱早退'])) // approved by the correction
  })

  it('links the records CSV for the chosen days, in the app language', async () => {
    server()
    const wrapper = await mountPage()
    await wrapper.get('[data-testid=csv-from]').setValue('2026-11-01')
    await wrapper.get('[data-testid=csv-to]').setValue('2026-11-30')
    const href = new URL(wrapper.get('[data-testid=csv-download]').attributes('href')!, 'http://localhost')
    expect(href.pathname).toBe(`/api/lead/teams/${TEAM}/records.csv`)
    expect(Object.fromEntries(href.searchParams)).toEqual({
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
      lang: 'zh-CN',
    })
  })
})
