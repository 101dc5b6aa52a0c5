/**
 * The member's 志愿 (issue 13) through the real sync engine (fake IndexedDB) against a scripted sync
 * server that hands out the volunteer tables: the day-before prompt (confirm at once, offline too);
 * signing up shows 待同步 until the server decides (a slot, or the waitlist with its place);
 * cancelling before the team's cut-off, and no cancel after it (the deadline said); 我的志愿 counts
 * only approved minutes; a team leader gets 志愿服务队管理 in 我的.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Component } from 'vue'
import { useSyncStore } from '../../client/features/sync/store'
import { setServerOffset } from '../../client/lib/server-clock'
import { answerConfirm, confirmState } from '../../client/components/feedback'
import VolunteerHome from '../../client/features/volunteer/VolunteerHome.vue'
import MyVolunteerView from '../../client/features/volunteer/MyVolunteerView.vue'
import ShiftsView from '../../client/features/volunteer/ShiftsView.vue'
import { staffDoors } from '../../client/doors/staff-doors'
import type { Shift, ShiftSignup } from '../../shared/schemas/volunteer'
import type { Change, ClientMutation, MutationResult } from '../../shared/schemas/sync'
import { freshIndexedDb } from './sync-setup'
import { settleAndStopSync } from './component-setup'
import { fakeApi } from './fake-api'
import { member, mountVolunteer, team, TEAM_ID } from './volunteer-fixtures'

/** 1 Dec 2026, 14:00 in Beijing */
const NOW = new Date('2026-12-01T06:00:00Z')
const STRICT_TEAM_ID = '10000000-0000-4000-8000-000000000002'

const shift = (id: string, over: Partial<Shift> = {}): Shift => ({
  id,
  serviceId: '30000000-0000-4000-8000-000000000001',
  teamId: TEAM_ID,
  serviceTitle: '社区义诊',
  venueAddress: '中关村街道党群服务中心',
  regionCode: '110108',
  // tomorrow 9:00 in Beijing
  startsAt: '2026-12-02T01:00:00Z',
  endsAt: '2026-12-02T04:00:00Z',
  slots: 3,
  placesTaken: 1,
  placesLeft: 2,
  requiredSkills: [],
  seriesId: null,
  status: 'open',
  cancelReason: null,
  updatedAt: '2026-11-01T00:00:00Z',
  version: 1,
  ...over,
})
const signup = (id: string, shiftId: string, over: Partial<ShiftSignup> = {}): ShiftSignup => ({
  id,
  shiftId,
  status: 'signed_up',
  source: 'self',
  waitlistPosition: null,
  confirmedAt: null,
  checkedInAt: null,
  checkedOutAt: null,
  noShow: false,
  hoursStatus: 'none',
  creditedMinutes: null,
  correctionReason: null,
  createdAt: '2026-11-20T00:00:00Z',
  updatedAt: '2026-11-20T00:00:00Z',
  version: 1,
  ...over,
})
const sid = (n: number) => `40000000-0000-4000-8000-00000000000${n}`
const uid = (n: number) => `50000000-0000-4000-8000-00000000000${n}`

type Row = { table: string; row: { id: string } }
/** A sync server that hands out `rows` on the first pull and answers each push with `decide`. */
function syncServer(rows: Row[], decide: (m: ClientMutation) => MutationResult, open: Shift[] = []) {
  const server = { pushed: [] as ClientMutation[], queued: [...rows], cursor: 0, offline: false }
  fakeApi(
    {
      '/api/sync/push': ({ body }: { body: { mutations: ClientMutation[] } }) => {
        server.pushed.push(...body.mutations)
        return { results: body.mutations.map(decide) }
      },
      '/api/sync/pull': () => {
        const changes: Change[] = server.queued.splice(0).map((r) => ({ table: r.table, id: r.row.id, op: 'upsert', row: r.row }))
        server.cursor += changes.length
        return { changes, cursor: server.cursor, hasMore: false }
      },
      'GET /api/shifts/open': () =>
        server.offline
          ? undefined
          : {
              items: open.map((o) => ({ ...o, teamName: '海淀医疗志愿队', orgName: '海淀区科协' })),
              page: 1,
              pageSize: 20,
              hasMore: false,
            },
    },
    { offline: () => server.offline },
  )
  return server
}
const applied = (m: ClientMutation, data: unknown = null): MutationResult => ({ id: m.id, status: 'applied', data })

async function mountView(view: Component) {
  const mounted = await mountVolunteer(view, '/volunteer')
  expect(mounted.synced).toBe('ok')
  return mounted
}

beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
  setServerOffset(0)
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(async () => {
  while (confirmState.current) answerConfirm(false)
  await settleAndStopSync()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const base = (): Row[] => [
  { table: 'volunteer_teams', row: team(TEAM_ID) },
  { table: 'team_members', row: member(TEAM_ID) },
]

describe('the day-before prompt', () => {
  it('asks about tomorrow’s shift, and a tap confirms it at once (the server stamps it later)', async () => {
    const server = syncServer(
      [...base(), { table: 'shifts', row: shift(sid(1)) }, { table: 'shift_signups', row: signup(uid(1), sid(1)) }],
      (m) => applied(m, signup(uid(1), sid(1), { confirmedAt: '2026-12-01T06:00:00Z', version: 2 })),
    )
    const { wrapper, sync } = await mountView(VolunteerHome)
    await vi.waitFor(() => expect(wrapper.find('[data-testid=confirm-prompt]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=confirm-prompt]').text()).toContain('明天 9:00 的班次，确认参加？')
    expect(wrapper.get('[data-testid=confirm-prompt]').text()).toContain('社区义诊')
    expect(wrapper.find('[data-testid=prompt-cancel]').exists()).toBe(true) // the 12 h cut-off is still ahead

    server.offline = true
    await wrapper.get('[data-testid=prompt-confirm]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=confirm-prompt]').exists()).toBe(false))
    expect(sync.outbox.map((e) => e.name)).toEqual(['shift.confirm'])
    server.offline = false
    await sync.syncNow()
    expect(server.pushed.map((m) => [m.name, m.args])).toEqual([['shift.confirm', { signupId: uid(1) }]])
    await vi.waitFor(() => expect(wrapper.get('[data-testid=signup-state]').text()).toBe('已报名 · 已确认参加'))
  })
})

describe('signing up and cancelling', () => {
  it('shows 待同步 until the server gives a slot, then cancels before the cut-off', async () => {
    const slot = signup(uid(2), sid(2), { version: 3 })
    const server = syncServer([...base(), { table: 'shifts', row: shift(sid(2)) }], (m) =>
      m.name === 'shift.signUp'
        ? applied(m, { ...slot, id: (m.args as { signupId: string }).signupId })
        : applied(m, { ...slot, id: (m.args as { signupId: string }).signupId, status: 'cancelled', version: 4 }),
    )
    const { wrapper, sync } = await mountView(ShiftsView)
    const card = () => wrapper.get('[data-testid=team-upcoming] [data-testid=shift]')
    await vi.waitFor(() => expect(card().find('[data-testid=sign-up-button]').exists()).toBe(true))
    expect(card().text()).toContain('剩余 2 / 3 个名额')

    server.offline = true
    await card().get('[data-testid=sign-up-button]').trigger('click')
    await vi.waitFor(() => expect(card().get('[data-testid=signup-state]').text()).toBe('待同步'))
    expect(card().text()).toContain('剩余 1 / 3 个名额') // the place is held on this device meanwhile
    server.offline = false
    await sync.syncNow()
    expect(server.pushed.map((m) => m.name)).toEqual(['shift.signUp'])
    await vi.waitFor(() => expect(card().get('[data-testid=signup-state]').text()).toBe('已报名'))
    wrapper.unmount()

    const { wrapper: mine } = await mountView(MyVolunteerView)
    await vi.waitFor(() => expect(mine.find('[data-testid=mine-upcoming] [data-testid=cancel-shift]').exists()).toBe(true))
    // the team's 12 h cut-off: until 1 Dec 21:00 Beijing time
    expect(mine.get('[data-testid=mine-upcoming] [data-testid=cancel-deadline]').text()).toContain('12月1日')
    await mine.get('[data-testid=mine-upcoming] [data-testid=cancel-shift]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current).not.toBeNull())
    answerConfirm(true)
    await vi.waitFor(() => expect(mine.find('[data-testid=mine-upcoming] [data-testid=shift]').exists()).toBe(false))
    await useSyncStore().syncNow()
    expect(server.pushed.map((m) => m.name)).toEqual(['shift.signUp', 'shift.cancel'])
  })

  it('joins the waitlist of a full shift and shows the place the server gave', async () => {
    const server = syncServer([...base(), { table: 'shifts', row: shift(sid(3), { placesTaken: 3, placesLeft: 0 }) }], (m) =>
      applied(m, signup((m.args as { signupId: string }).signupId, sid(3), { status: 'waitlisted', waitlistPosition: 2, version: 5 })),
    )
    const { wrapper, sync } = await mountView(ShiftsView)
    const card = () => wrapper.get('[data-testid=team-upcoming] [data-testid=shift]')
    await vi.waitFor(() => expect(card().get('[data-testid=sign-up-button]').text()).toBe('名额已满，加入候补'))
    server.offline = true
    await card().get('[data-testid=sign-up-button]').trigger('click')
    await vi.waitFor(() => expect(card().get('[data-testid=signup-state]').text()).toBe('待同步'))
    server.offline = false
    await sync.syncNow()
    await vi.waitFor(() => expect(card().get('[data-testid=signup-state]').text()).toBe('候补中 · 第 2 位'))
  })

  it('signs up offline from the open list, and 我的志愿 shows it (待同步) before the server has answered', async () => {
    const other = shift(sid(9), { teamId: STRICT_TEAM_ID, serviceTitle: '科普讲解进社区' })
    const server = syncServer(
      [...base(), { table: 'volunteer_teams', row: team(STRICT_TEAM_ID) }, { table: 'team_members', row: member(STRICT_TEAM_ID) }],
      (m) => applied(m),
      [other],
    )
    const { wrapper } = await mountView(ShiftsView)
    const card = () => wrapper.get('[data-testid=open-shifts] [data-testid=shift]')
    await vi.waitFor(() => expect(card().text()).toContain('科普讲解进社区'))
    server.offline = true
    await card().get('[data-testid=sign-up-button]').trigger('click')
    await vi.waitFor(() => expect(card().get('[data-testid=signup-state]').text()).toBe('待同步'))
    wrapper.unmount()

    const { wrapper: mine } = await mountVolunteer(MyVolunteerView, '/volunteer/mine')
    await vi.waitFor(() => expect(mine.get('[data-testid=mine-upcoming]').text()).toContain('科普讲解进社区'))
    expect(mine.get('[data-testid=mine-upcoming] [data-testid=signup-state]').text()).toBe('待同步')
    expect(server.pushed).toEqual([])
  })

  it('offers no cancel after the team’s cut-off and says when it passed', async () => {
    syncServer(
      [
        { table: 'volunteer_teams', row: team(STRICT_TEAM_ID, { cancelCutoffHours: 24 }) },
        { table: 'team_members', row: member(STRICT_TEAM_ID) },
        { table: 'shifts', row: shift(sid(4), { teamId: STRICT_TEAM_ID }) },
        { table: 'shift_signups', row: signup(uid(4), sid(4)) },
      ],
      (m) => applied(m),
    )
    const { wrapper } = await mountView(VolunteerHome)
    await vi.waitFor(() => expect(wrapper.find('[data-testid=confirm-prompt]').exists()).toBe(true))
    expect(wrapper.find('[data-testid=prompt-cancel]').exists()).toBe(false)
    expect(wrapper.get('[data-testid=prompt-cancel-closed]').text()).toContain('取消截止时间')
    const actions = wrapper.get('[data-testid=volunteer-upcoming] [data-testid=my-shift-actions]')
    expect(actions.find('[data-testid=cancel-shift]').exists()).toBe(false)
    // 24 h before 2 Dec 9:00 is 1 Dec 9:00, this morning
    expect(actions.get('[data-testid=cancel-closed]').text()).toContain('12月1日')
    expect(actions.get('[data-testid=cancel-closed]').text()).toContain('09:00')
  })
})

describe('我的志愿', () => {
  it('counts only approved minutes, and shows history with no-shows and corrections', async () => {
    const past = (n: number, day: string) => shift(sid(n), { startsAt: `2026-11-${day}T01:00:00Z`, endsAt: `2026-11-${day}T04:00:00Z` })
    syncServer(
      [
        ...base(),
        { table: 'shifts', row: past(5, '20') },
        { table: 'shifts', row: past(6, '22') },
        { table: 'shifts', row: past(7, '24') },
        { table: 'shifts', row: past(8, '26') },
        {
          table: 'shift_signups',
          row: signup(uid(5), sid(5), { checkedInAt: '2026-11-20T01:00:00Z', hoursStatus: 'approved', creditedMinutes: 150 }),
        },
        {
          table: 'shift_signups',
          row: signup(uid(6), sid(6), {
            checkedInAt: '2026-11-22T01:00:00Z',
            hoursStatus: 'approved',
            creditedMinutes: 120,
            correctionReason: '提前离开',
          }),
        },
        {
          table: 'shift_signups',
          row: signup(uid(7), sid(7), { checkedInAt: '2026-11-24T01:00:00Z', hoursStatus: 'pending', creditedMinutes: 180 }),
        },
        { table: 'shift_signups', row: signup(uid(8), sid(8), { noShow: true }) },
      ],
      (m) => applied(m),
    )
    const { wrapper } = await mountView(MyVolunteerView)
    // 150 + 120 approved = 4.5 h; the 3 pending hours are said apart and not counted
    await vi.waitFor(() => expect(wrapper.get('[data-testid=approved-hours]').text()).toBe('已认定服务时长 4.5 小时'))
    expect(wrapper.get('[data-testid=pending-hours]').text()).toContain('3 小时')
    const items = wrapper.findAll('[data-testid=history-item]')
    expect(items.map((i) => [i.attributes('data-outcome'), i.attributes('data-hours')])).toEqual([
      ['noShow', 'none'],
      ['attended', 'pending'],
      ['attended', 'approved'],
      ['attended', 'approved'],
    ])
    expect(items[1]!.text()).toContain('3 小时 · 待队长审核')
    expect(items[2]!.get('[data-testid=history-correction]').text()).toContain('提前离开')
  })
})

describe('the leader’s door in 我的', () => {
  it('opens 志愿服务队管理 only for an active leader or co-leader', () => {
    const me = { systemRole: 'member' as const }
    expect(staffDoors(me, [], true).map((d) => d.key)).toEqual(['lead'])
    expect(staffDoors(me, [], false)).toEqual([])
  })
})
