/** The leader's swap approvals (/lead/teams/:id/swaps): each request with the server's warnings in words; approve (after a confirm) or reject. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import TeamSwapsView from '../../client/doors/lead/day/TeamSwapsView.vue'
import { answerConfirm, confirmState } from '../../client/components/feedback'
import { mountSignedIn } from './component-setup'
import { fakeApi, type FakeRequest } from './fake-api'

const TEAM = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'
const SWAP = '11111111-1111-4111-8111-111111111111'
const OTHER = '22222222-2222-4222-8222-222222222222'
const swap = (id: string, toName: string, warnings: unknown[]) => ({
  id,
  shiftId: 'shift-1',
  serviceTitle: '社区健康义诊',
  startsAt: '2026-12-05T01:00:00.000Z',
  fromName: '李思远',
  toName,
  status: 'accepted',
  warnings,
  createdAt: '2026-11-28T08:00:00.000Z',
})

afterEach(() => {
  while (confirmState.current) answerConfirm(false)
  vi.unstubAllGlobals()
})

describe('TeamSwapsView', () => {
  it('shows the warnings, and sends the leader’s decisions', async () => {
    const decisions: Array<[string, unknown]> = []
    fakeApi({
      [`GET /api/lead/teams/${TEAM}/swaps`]: {
        items: [
          swap(SWAP, '赵志愿', [
            {
              kind: 'overlap',
              shiftId: 's2',
              serviceTitle: '科普大篷车',
              startsAt: '2026-12-05T00:30:00.000Z',
              endsAt: '2026-12-05T02:00:00.000Z',
            },
            { kind: 'missing_skills', skills: ['first_aid', 'health'] },
          ]),
          swap(OTHER, '钱志愿', []),
        ],
      },
      '*': (req: FakeRequest) => {
        const m = /^\/api\/lead\/swaps\/([^/]+)\/decision$/.exec(req.path)
        if (!m) return undefined
        decisions.push([m[1]!, req.body])
        return { ...swap(m[1]!, 'x', []), status: req.body.decision === 'approve' ? 'approved' : 'rejected' }
      },
    })
    const wrapper = mountSignedIn(TeamSwapsView, { id: TEAM })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=swap]')).toHaveLength(2))
    const first = wrapper.get(`[data-swap="${SWAP}"]`)
    expect(first.get('[data-testid=swap-warnings]').text()).toContain('赵志愿 在同一时间已有班次：科普大篷车')
    expect(first.get('[data-testid=swap-warnings]').text()).toContain('应急救护、医疗健康')
    expect(wrapper.get(`[data-swap="${OTHER}"]`).find('[data-testid=swap-warnings]').exists()).toBe(false)

    await first.get('[data-testid=swap-approve]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current?.title).toBe('批准 李思远 与 赵志愿 换班吗？'))
    expect(confirmState.current?.message).toContain('科普大篷车')
    answerConfirm(true)
    await vi.waitFor(() => expect(wrapper.get(`[data-swap="${SWAP}"] [data-testid=swap-decided]`).text()).toBe('已批准换班'))
    await wrapper.get(`[data-swap="${OTHER}"] [data-testid=swap-reject]`).trigger('click')
    await vi.waitFor(() => expect(wrapper.get(`[data-swap="${OTHER}"] [data-testid=swap-decided]`).text()).toBe('已拒绝换班'))
    expect(decisions).toEqual([
      [SWAP, { decision: 'approve' }],
      [OTHER, { decision: 'reject' }],
    ])
  })
})
