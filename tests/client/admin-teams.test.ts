/**
 * The admin's volunteer teams (/admin/teams): pending teams first; approve one, reject one only with
 * a reason; on an active team's roster give a role, and a refusal (the last leader) is said in words.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import AdminTeamsView from '../../client/doors/admin/AdminTeamsView.vue'
import type { RosterItem, VolunteerTeam } from '../../shared/schemas/volunteer'
import { mountSignedIn } from './component-setup'
import { fakeApi, reply, type FakeRequest } from './fake-api'

const PENDING = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'
const OTHER = '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c'
const ACTIVE = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d'

const team = (id: string, name: string, status: VolunteerTeam['status']): VolunteerTeam => ({
  id,
  orgId: 'cast-110108',
  orgName: '北京市海淀区科学技术协会',
  name,
  description: '',
  regionCode: '110108',
  skills: [],
  status,
  minAttendancePercent: 60,
  cancelCutoffHours: 24,
  memberCount: 1,
  createdAt: '2026-11-27T02:00:00.000Z',
  updatedAt: '2026-11-27T02:00:00.000Z',
  version: 1,
})
const member = (memberId: string, name: string, role: RosterItem['role']): RosterItem => ({
  memberId,
  userId: `u-${memberId}`,
  name,
  phone: '139****5678',
  role,
  status: 'active',
  skills: [],
  joinedAt: '2026-11-27T02:00:00.000Z',
  approvedMinutes: 0,
  noShows: 0,
})

function server() {
  const net = { lists: [] as Array<string | null>, decisions: [] as Array<[string, unknown]>, roles: [] as Array<[string, unknown]> }
  const all = [
    team(PENDING, '学院路科普讲解队', 'pending'),
    team(OTHER, '花园路助老服务队', 'pending'),
    team(ACTIVE, '海淀医疗志愿服务队', 'active'),
  ]
  fakeApi({
    'GET /api/admin/teams': ({ url }: FakeRequest) => {
      const status = url.searchParams.get('status')
      net.lists.push(status)
      return { items: all.filter((x) => !status || x.status === status) }
    },
    [`GET /api/lead/teams/${ACTIVE}/roster`]: {
      teamId: ACTIVE,
      items: [member('m1', '王队长', 'leader'), member('m2', '李思远', 'member'), { ...member('m3', '赵离开', 'member'), status: 'left' }],
    },
    '*': (req: FakeRequest) => {
      const decision = /^\/api\/admin\/teams\/([^/]+)\/decision$/.exec(req.path)
      if (decision) {
        net.decisions.push([decision[1]!, req.body])
        const found = all.find((x) => x.id === decision[1])!
        return { ...found, status: req.body.decision === 'approve' ? 'active' : req.body.decision === 'reject' ? 'rejected' : 'closed' }
      }
      const role = /^\/api\/admin\/teams\/([^/]+)\/members\/([^/]+)\/role$/.exec(req.path)
      if (role) {
        net.roles.push([role[2]!, req.body])
        if (role[2] === 'm1') return reply(409, { error: { code: 'last_leader', message: 'a team keeps one leader' } })
        return member(role[2]!, '李思远', req.body.role)
      }
      return undefined
    },
  })
  return net
}

async function mountPage() {
  const wrapper = mountSignedIn(AdminTeamsView, {}, { me: { id: 'u1', name: '管理员', systemRole: 'member' } })
  await vi.waitFor(() => expect(wrapper.find('[data-testid=admin-team], [data-testid=teams-empty]').exists()).toBe(true))
  return wrapper
}
const card = (wrapper: Awaited<ReturnType<typeof mountPage>>, id: string) => wrapper.get(`[data-testid=admin-team][data-team="${id}"]`)

afterEach(() => vi.unstubAllGlobals())

describe('AdminTeamsView', () => {
  it('lists pending teams first; approves one, and rejects one only with a reason', async () => {
    const net = server()
    const wrapper = await mountPage()
    expect(net.lists).toEqual(['pending'])
    expect(wrapper.findAll('[data-testid=admin-team]')).toHaveLength(2)

    await card(wrapper, PENDING).get('[data-testid=team-approve]').trigger('click')
    await vi.waitFor(() => expect(card(wrapper, PENDING).attributes('data-status')).toBe('active'))
    expect(net.decisions).toEqual([[PENDING, { decision: 'approve' }]])
    expect(card(wrapper, PENDING).get('[data-testid=team-status]').text()).toBe('已通过')

    await card(wrapper, OTHER).get('[data-testid=team-reject]').trigger('click')
    await flushPromises()
    expect(card(wrapper, OTHER).get('[data-testid=team-error]').text()).toContain('请填写原因')
    expect(net.decisions).toHaveLength(1)
    await card(wrapper, OTHER).get(`[data-testid=reason-${OTHER}]`).setValue('与花园路已有服务队重复')
    await card(wrapper, OTHER).get('[data-testid=team-reject]').trigger('click')
    await vi.waitFor(() => expect(net.decisions).toHaveLength(2))
    expect(net.decisions[1]).toEqual([OTHER, { decision: 'reject', reason: '与花园路已有服务队重复' }])
    await vi.waitFor(() => expect(card(wrapper, OTHER).attributes('data-status')).toBe('rejected'))

    // another filter
    await wrapper.get('[data-testid=teams-status]').setValue('all')
    await wrapper.get('[data-testid=teams-filter]').trigger('submit')
    await vi.waitFor(() => expect(net.lists).toEqual(['pending', null]))
  })

  it('gives roles on an active team’s roster, and says why one was refused', async () => {
    const net = server()
    const wrapper = await mountPage()
    await wrapper.get('[data-testid=teams-status]').setValue('active')
    await wrapper.get('[data-testid=teams-filter]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=admin-team]')).toHaveLength(1))
    await card(wrapper, ACTIVE).get('[data-testid=team-roster]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=team-member]')).toHaveLength(2)) // the member who left is not offered

    await wrapper.get('[data-testid=role-m2]').setValue('co_leader')
    await vi.waitFor(() => expect(net.roles).toEqual([['m2', { role: 'co_leader' }]]))
    await flushPromises()
    expect((wrapper.get('[data-testid=role-m2]').element as HTMLSelectElement).value).toBe('co_leader')

    await wrapper.get('[data-testid=role-m1]').setValue('member')
    await vi.waitFor(() => expect(card(wrapper, ACTIVE).find('[data-testid=team-error]').exists()).toBe(true))
    expect(card(wrapper, ACTIVE).get('[data-testid=team-error]').text()).not.toContain('a team keeps')
    expect((wrapper.get('[data-testid=role-m1]').element as HTMLSelectElement).value).toBe('leader')
  })
})
