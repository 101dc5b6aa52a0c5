/**
 * The leader's shift desk (/lead/shifts/:id/desk): the activity check-in desk given a volunteer
 * shift. Its window follows the direction (check-in from 2 hours before the start to the end,
 * check-out until 12 hours after the end); a number on the kept roster names the person at once and
 * a tap on a person queues their sign-up; everything is a `shift.attend` in the outbox, offline too,
 * and the roster is read again once the server has answered; no-shows are marked after the start.
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import ShiftDeskView from '../../client/doors/lead/day/ShiftDeskView.vue'
import { shiftDeskTimes } from '../../client/doors/lead/day/use-shift-desk'
import { shiftAttendMutator } from '../../client/doors/lead/day/mutators'
import { createAppI18n } from '../../client/i18n/index'
import { useSyncStore } from '../../client/features/sync/store'
import { answerConfirm, confirmState } from '../../client/components/feedback'
import { checkInWindow } from '../../shared/rules/activity'
import type { ShiftAttendArgs, ShiftRoster, ShiftRosterItem } from '../../shared/schemas/volunteer'
import { freshClientPerTest, mountSignedIn } from './component-setup'
import { fakeApi } from './fake-api'

const SHIFT = '2d6f1a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b'
const LI = '11111111-1111-4111-8111-111111111111'
const ZHAO = '22222222-2222-4222-8222-222222222222'
const QIAN = '33333333-3333-4333-8333-333333333333'
const hour = 3_600_000

const person = (over: Partial<ShiftRosterItem>): ShiftRosterItem => ({
  signupId: LI,
  userId: 'u-li',
  name: '李思远',
  phone: '139****5678',
  memberNos: ['KX202600000005'],
  status: 'signed_up',
  source: 'self',
  confirmedAt: null,
  checkedInAt: null,
  checkedOutAt: null,
  noShow: false,
  hoursStatus: 'none',
  computedMinutes: null,
  creditedMinutes: null,
  correctionReason: null,
  ...over,
})

/** The shift (starting in `startsIn` hours, lasting 2), its roster and a sync server; push answers are held while `hold`. */
function server(startsIn: number) {
  const startsAt = new Date(Date.now() + startsIn * hour).toISOString()
  const endsAt = new Date(Date.now() + (startsIn + 2) * hour).toISOString()
  const net = {
    offline: false,
    hold: true,
    rosterReads: 0,
    pushed: [] as ShiftAttendArgs[],
    noShows: [] as string[][],
    items: [
      person({ confirmedAt: '2026-11-30T08:00:00.000Z' }),
      person({ signupId: ZHAO, userId: 'u-zhao', name: '赵候补', phone: '137****0001', memberNos: [], status: 'waitlisted' }),
      person({ signupId: QIAN, userId: 'u-qian', name: '钱取消', phone: '136****0002', memberNos: [], status: 'cancelled' }),
    ],
  }
  const roster = (): ShiftRoster => ({
    shift: {
      id: SHIFT,
      serviceId: 'svc',
      teamId: 'team',
      serviceTitle: '社区健康义诊',
      venueAddress: '海淀区学院路社区卫生服务站',
      regionCode: '110108',
      startsAt,
      endsAt,
      slots: 4,
      placesTaken: 1,
      placesLeft: 3,
      requiredSkills: [],
      seriesId: null,
      status: 'open',
      cancelReason: null,
      updatedAt: startsAt,
      version: 7,
    },
    teamName: '海淀医疗志愿服务队',
    minAttendancePercent: 60,
    items: net.items,
  })
  fakeApi(
    {
      [`GET /api/lead/shifts/${SHIFT}/roster`]: () => {
        net.rosterReads++
        return roster()
      },
      [`POST /api/lead/shifts/${SHIFT}/no-shows`]: ({ body }: { body: { signupIds: string[] } }) => {
        net.noShows.push(body.signupIds)
        net.items = net.items.map((i) => (body.signupIds.includes(i.signupId) ? { ...i, noShow: true } : i))
        return roster()
      },
      '/api/cards/public-keys': { keys: [] },
      '/api/sync/push': ({ body }: { body: { mutations: Array<{ id: string; args: ShiftAttendArgs }> } }) => {
        if (net.hold) throw new TypeError('Failed to fetch')
        net.pushed.push(...body.mutations.map((m) => m.args))
        for (const { args } of body.mutations)
          if (args.signupId && args.direction === 'in')
            net.items = net.items.map((i) => (i.signupId === args.signupId ? { ...i, checkedInAt: new Date().toISOString() } : i))
        return { results: body.mutations.map((m) => ({ id: m.id, status: 'applied' })) }
      },
      '/api/sync/pull': { changes: [], cursor: 0, hasMore: false },
    },
    { offline: () => net.offline },
  )
  return net
}

async function mountDesk() {
  const wrapper = mountSignedIn(ShiftDeskView, { id: SHIFT }, { attach: true })
  const sync = useSyncStore()
  await sync.start()
  await vi.waitFor(() => expect(wrapper.find('[data-testid=desk-person]').exists()).toBe(true))
  await flushPromises()
  return { wrapper, sync }
}
type Desk = Awaited<ReturnType<typeof mountDesk>>

async function enter(wrapper: Desk['wrapper'], text: string) {
  await wrapper.get('[data-testid=check-in-input]').setValue(text)
  await wrapper.get('[data-testid=check-in-form]').trigger('submit')
  await vi.waitFor(() => expect(wrapper.find('[data-testid=check-in-feedback]').exists()).toBe(true))
  await flushPromises()
}
const queued = (sync: Desk['sync']) => sync.outbox.map((e) => e.args as ShiftAttendArgs)
const feedback = (wrapper: Desk['wrapper']) => wrapper.get('[data-testid=check-in-feedback]').text()
const line = (wrapper: Desk['wrapper'], signupId: string) => wrapper.get(`[data-testid=desk-person][data-signup="${signupId}"]`)

async function stop({ wrapper, sync }: Desk) {
  await vi.waitFor(() => expect(sync.syncing).toBe(false))
  wrapper.unmount()
  await sync.stop()
}

describe('shiftDeskTimes', () => {
  it('opens check-in 2 hours before the start until the end, and check-out until 12 hours after the end', () => {
    const shift = { startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' }
    const at = (iso: string, way: 'in' | 'out') => checkInWindow(shiftDeskTimes(shift, way), new Date(iso))
    expect(at('2026-12-04T22:59:00.000Z', 'in')).toBe('not_open')
    expect(at('2026-12-04T23:00:00.000Z', 'in')).toBe('open')
    expect(at('2026-12-05T03:00:00.000Z', 'in')).toBe('open')
    expect(at('2026-12-05T03:01:00.000Z', 'in')).toBe('closed')
    expect(at('2026-12-05T03:01:00.000Z', 'out')).toBe('open')
    expect(at('2026-12-05T15:00:00.000Z', 'out')).toBe('open')
    expect(at('2026-12-05T15:01:00.000Z', 'out')).toBe('closed')
  })
})

describe('shift.attend in the outbox', () => {
  it('says which way and who, a phone masked, never an id', () => {
    const { t } = createAppI18n('zh-CN').global
    const words = (args: Partial<ShiftAttendArgs>, display?: Record<string, string>) => {
      const d = shiftAttendMutator.describe({ attendId: LI, shiftId: SHIFT, direction: 'in', ...args } as ShiftAttendArgs, display)
      return t(d.key, d.params ?? {})
    }
    expect(words({ signupId: ZHAO }, { who: '赵候补' })).toBe('班次签到：赵候补')
    expect(words({ direction: 'out', phone: '13912345678' })).toBe('班次签退：139****5678')
    expect(words({ name: '钱路过' })).toBe('班次签到：钱路过')
  })
})

describe('ShiftDeskView', () => {
  freshClientPerTest()

  it('lists the people with their sign-up, names a number from the roster, queues a tap by sign-up, each way once', async () => {
    server(1)
    const desk = await mountDesk()
    const { wrapper, sync } = desk
    expect(wrapper.get('[data-testid=desk-shift]').text()).toBe('社区健康义诊')
    expect(wrapper.get('[data-testid=check-in-window]').attributes('data-state')).toBe('open')
    // the cancelled sign-up is not on the desk
    expect(wrapper.findAll('[data-testid=desk-person]').map((p) => p.attributes('data-signup'))).toEqual([LI, ZHAO])
    expect(line(wrapper, LI).get('[data-testid=person-state]').text()).toBe('已报名 · 已确认参加')
    expect(line(wrapper, ZHAO).get('[data-testid=person-state]').text()).toBe('候补')
    expect(line(wrapper, LI).find('[data-testid=person-out]').exists()).toBe(false) // no check-out before a check-in

    await enter(wrapper, 'kx202600000005')
    expect(feedback(wrapper)).toBe('已记录 李思远 KX202600000005，待同步')
    expect(queued(sync)).toEqual([expect.objectContaining({ shiftId: SHIFT, direction: 'in', memberNo: 'KX202600000005' })])
    expect(line(wrapper, LI).attributes('data-in')).toBe('pending')
    expect(line(wrapper, LI).get('[data-testid=person-state]').text()).toContain('签到待同步')
    expect(line(wrapper, LI).get('[data-testid=person-in]').attributes('disabled')).toBeDefined()

    // the same person again the same way: said at once, not queued twice
    await enter(wrapper, 'KX202600000005')
    expect(feedback(wrapper)).toContain('已在本机签到')
    expect(queued(sync)).toHaveLength(1)

    // by hand: the sign-up's id
    await line(wrapper, ZHAO).get('[data-testid=person-in]').trigger('click')
    await vi.waitFor(() => expect(queued(sync)).toHaveLength(2))
    expect(queued(sync)[1]).toMatchObject({ direction: 'in', signupId: ZHAO })
    expect(Object.keys(queued(sync)[1]!)).not.toContain('memberNo')

    // check-out: the box now records the other way, and the same person may be queued once that way
    await wrapper.get('[data-testid=mode-out]').trigger('click')
    expect(wrapper.get('[data-testid=check-in-submit]').text()).toBe('签退')
    expect(wrapper.find('[data-testid=walk-in-open]').exists()).toBe(false)
    await enter(wrapper, 'KX202600000005')
    expect(queued(sync)[2]).toMatchObject({ direction: 'out', memberNo: 'KX202600000005' })
    expect(line(wrapper, LI).attributes('data-out')).toBe('pending')
    const outLine = wrapper.findAll('[data-testid=check-in-line]').find((l) => l.attributes('data-direction') === 'out')!
    expect(outLine.get('[data-testid=check-in-state]').text()).toBe('签退待同步')

    // a number nobody on the roster has: said at once, with a walk-in offered
    await wrapper.get('[data-testid=mode-in]').trigger('click')
    await enter(wrapper, '13600000002')
    expect(feedback(wrapper)).toBe('136****0002 不在本班次的名单上。是临时来参加的吗？')
    expect(queued(sync)).toHaveLength(3)
    await wrapper.get('[data-testid=unlisted-walk-in]').trigger('click')
    await wrapper.get('[data-testid=walk-in-name]').setValue('钱路过')
    await wrapper.get('[data-testid=walk-in-form]').trigger('submit')
    await vi.waitFor(() => expect(queued(sync)).toHaveLength(4))
    expect(queued(sync)[3]).toMatchObject({ direction: 'in', name: '钱路过', phone: '13600000002' })
    expect(wrapper.text()).not.toMatch(/1[3-9]\d{9}/) // phones masked on the screen
    await stop(desk)
  })

  it('refuses check-in outside its window, by the box and by hand, and takes check-out after the end', async () => {
    server(4) // check-in opens in 2 hours
    const early = await mountDesk()
    expect(early.wrapper.get('[data-testid=check-in-window]').attributes('data-state')).toBe('not_open')
    expect(early.wrapper.get('[data-testid=check-in-window]').text()).toContain('班次开始前 120 分钟')
    await line(early.wrapper, LI).get('[data-testid=person-in]').trigger('click')
    await vi.waitFor(() => expect(early.wrapper.find('[data-testid=check-in-feedback]').exists()).toBe(true))
    expect(feedback(early.wrapper)).toContain('签到尚未开始')
    await enter(early.wrapper, 'KX202600000005')
    expect(feedback(early.wrapper)).toContain('签到尚未开始')
    expect(queued(early.sync)).toEqual([])
    await stop(early)

    server(-3) // ended an hour ago
    const late = await mountDesk()
    expect(late.wrapper.get('[data-testid=check-in-window]').attributes('data-state')).toBe('closed')
    await enter(late.wrapper, 'KX202600000005')
    expect(feedback(late.wrapper)).toBe('班次已结束，签到已关闭。未签到。')
    expect(queued(late.sync)).toEqual([])
    await late.wrapper.get('[data-testid=mode-out]').trigger('click')
    expect(late.wrapper.get('[data-testid=check-in-window]').attributes('data-state')).toBe('open')
    await enter(late.wrapper, 'KX202600000005')
    expect(queued(late.sync)).toEqual([expect.objectContaining({ direction: 'out', memberNo: 'KX202600000005' })])
    await stop(late)
  })

  it('offline, keeps the roster it downloaded and queues taps; back online, sends them and reads the roster again', async () => {
    const net = server(1)
    const online = await mountDesk()
    await stop(online)

    net.offline = true
    const desk = await mountDesk()
    const { wrapper, sync } = desk
    expect(wrapper.find('[data-testid=check-in-offline]').exists()).toBe(true)
    expect(wrapper.get('[data-testid=check-in-roster]').text()).toContain('已下载班次名单：2 人')
    await line(wrapper, LI).get('[data-testid=person-in]').trigger('click')
    await vi.waitFor(() => expect(line(wrapper, LI).attributes('data-in')).toBe('pending'))
    expect(wrapper.get('[data-testid=check-in-line]').attributes('data-state')).toBe('pending')
    // a check-out by hand is possible once the check-in is queued, offline too
    await line(wrapper, LI).get('[data-testid=person-out]').trigger('click')
    await vi.waitFor(() => expect(queued(sync)).toHaveLength(2))
    expect(queued(sync).map((a) => [a.direction, a.signupId])).toEqual([
      ['in', LI],
      ['out', LI],
    ])

    const reads = net.rosterReads
    net.offline = false
    net.hold = false
    window.dispatchEvent(new Event('online'))
    await sync.syncNow()
    await vi.waitFor(() => expect(sync.outbox).toEqual([]))
    expect(net.pushed.map((a) => [a.direction, a.signupId, a.shiftId])).toEqual([
      ['in', LI, SHIFT],
      ['out', LI, SHIFT],
    ])
    await vi.waitFor(() => expect(net.rosterReads).toBeGreaterThan(reads))
    await vi.waitFor(() => expect(line(wrapper, LI).attributes('data-in')).toBe('done'))
    await stop(desk)
  })

  it('after the start, marks the people who did not come as no-shows', async () => {
    const net = server(-0.5)
    const desk = await mountDesk()
    const { wrapper } = desk
    // only a held place without a check-in can be marked (not the waitlisted)
    expect(wrapper.findAll('[data-testid=no-show-pick]')).toHaveLength(1)
    await wrapper.get('[data-testid=no-show-pick]').setValue(true)
    await wrapper.get('[data-testid=no-show-mark]').trigger('click')
    await vi.waitFor(() => expect(confirmState.current?.title).toBe('把这 1 人标记为未到吗？'))
    answerConfirm(true)
    await vi.waitFor(() => expect(net.noShows).toEqual([[LI]]))
    await vi.waitFor(() => expect(line(wrapper, LI).get('[data-testid=person-state]').text()).toContain('未到'))
    expect(wrapper.find('[data-testid=no-show-pick]').exists()).toBe(false)
    await stop(desk)
  })
})
