/**
 * The member screens' pure activity logic: Beijing-time days, 我的活动's buckets from the replica
 * (offline registrations included), and the notices a person gets (promoted from the waitlist,
 * approved, declined, cancelled or moved by the organiser) exactly once.
 */
import { describe, expect, it } from 'vitest'
import type { Activity } from '../../shared/schemas/activity'
import {
  acknowledge,
  bucketMyActivities,
  diffNotices,
  formatRange,
  groupByDay,
  registrationFor,
  type MyRegistration,
  type SeenState,
} from '../../client/features/activities/model'
import { beijingDay, beijingDayStart } from '../../shared/time/beijing'

const NOW = new Date('2026-12-01T04:00:00Z') // 12:00 in Beijing

function activity(id: string, over: Partial<Activity> = {}): Activity {
  return {
    id,
    orgId: 'cast-110108',
    kind: 'academic',
    title: `活动${id}`,
    description: '',
    venueAddress: '海淀区科技馆',
    hubId: null,
    regionCode: '110108',
    startsAt: '2026-12-03T06:00:00Z',
    endsAt: '2026-12-03T08:00:00Z',
    registrationOpensAt: '2026-11-20T00:00:00Z',
    registrationClosesAt: '2026-12-03T06:00:00Z',
    capacity: 10,
    placesTaken: 0,
    placesLeft: 10,
    requiresApproval: false,
    audience: 'public',
    status: 'published',
    cancelReason: null,
    creditHours: 2,
    checkInOpensMinutesBefore: 120,
    createdAt: '',
    updatedAt: '',
    version: 5,
    ...over,
  }
}
function reg(id: string, activityId: string, status: MyRegistration['status'], over: Partial<MyRegistration> = {}): MyRegistration {
  return {
    id,
    activityId,
    status,
    waitlistPosition: status === 'waitlisted' ? 1 : null,
    createdAt: '',
    updatedAt: '2026-11-30T00:00:00Z',
    version: 7,
    syncing: false,
    ...over,
  }
}

describe('Beijing days', () => {
  it('groups by the day in Beijing, not UTC', () => {
    // 17:00 UTC on the 1st is 01:00 on the 2nd in Beijing
    expect(beijingDay('2026-12-01T17:00:00Z')).toBe('2026-12-02')
    expect(beijingDayStart('2026-12-02')).toBe('2026-12-01T16:00:00.000Z')
    const groups = groupByDay([
      { startsAt: '2026-12-01T15:00:00Z' },
      { startsAt: '2026-12-01T17:00:00Z' },
      { startsAt: '2026-12-02T03:00:00Z' },
    ])
    expect(groups.map((g) => [g.day, g.items.length])).toEqual([
      ['2026-12-01', 1],
      ['2026-12-02', 2],
    ])
  })

  it('writes a range on one day once, and both days when it spans two', () => {
    expect(formatRange('2026-12-03T06:00:00Z', '2026-12-03T08:00:00Z', 'zh-CN')).toMatch(/12月3日.*14:00–16:00$/)
    expect(formatRange('2026-12-03T06:00:00Z', '2026-12-04T08:00:00Z', 'zh-CN')).toMatch(/12月3日.*14:00 – 12月4日.*16:00$/)
  })
})

describe('registrationFor', () => {
  it('prefers the live registration over a cancelled one', () => {
    const regs = [
      reg('r1', 'a', 'cancelled', { updatedAt: '2026-11-30T09:00:00Z' }),
      reg('r2', 'a', 'waitlisted', { updatedAt: '2026-11-30T08:00:00Z' }),
    ]
    expect(registrationFor(regs, 'a')?.id).toBe('r2')
    expect(registrationFor(regs, 'b')).toBeNull()
  })
})

describe('我的活动 buckets', () => {
  const acts = new Map([
    ['up', activity('up')],
    ['wait', activity('wait')],
    ['done', activity('done', { startsAt: '2026-11-28T06:00:00Z', endsAt: '2026-11-28T08:00:00Z', creditHours: 3 })],
    ['walk', activity('walk', { startsAt: '2026-11-27T06:00:00Z', endsAt: '2026-11-27T08:00:00Z', creditHours: 1.5 })],
    ['missed', activity('missed', { startsAt: '2026-11-25T06:00:00Z', endsAt: '2026-11-25T08:00:00Z' })],
    // a replica row synced before check-in windows existed (no field: two hours, the default)
    [
      'early',
      (({ checkInOpensMinutesBefore: _, ...a }) => a as Activity)(
        activity('early', { startsAt: '2026-11-26T06:00:00Z', endsAt: '2026-11-26T08:00:00Z', creditHours: 5 }),
      ),
    ],
    ['off', activity('off', { status: 'cancelled' })],
    ['mine-off', activity('mine-off')],
    ['offline', activity('offline')],
  ])
  const regs = [
    reg('1', 'up', 'registered'),
    reg('2', 'wait', 'waitlisted'),
    reg('3', 'done', 'registered'),
    reg('4', 'missed', 'registered'),
    reg('5', 'off', 'registered'),
    reg('6', 'mine-off', 'cancelled'),
    reg('7', 'offline', 'registered', { syncing: true, version: 0 }),
  ]
  const checkIns = [
    { activityId: 'done', userId: 'me', at: '2026-11-28T06:05:00Z' },
    { activityId: 'walk', userId: 'me', at: '2026-11-27T06:01:00Z' }, // a walk-in: no registration
    { activityId: 'up', userId: 'someone-else', at: '2026-11-28T06:05:00Z' },
    { activityId: 'wait', userId: 'me', at: '' }, // not confirmed yet
    { activityId: 'early', userId: 'me', at: '2026-11-26T03:00:00Z' }, // three hours before the start: outside the window
  ]
  const b = bucketMyActivities(acts, regs, checkIns, 'me', NOW)
  const ids = (list: typeof b.upcoming) => list.map((e) => e.activity.id)

  it('puts each registration where the person expects it', () => {
    expect(ids(b.upcoming).sort()).toEqual(['offline', 'up'])
    expect(ids(b.waitlisted)).toEqual(['wait'])
    expect(ids(b.attended)).toEqual(['done', 'walk', 'early'])
    expect(ids(b.cancelled).sort()).toEqual(['mine-off', 'off'])
  })
  it('adds up the hours of what they attended, only for check-ins inside the check-in window', () => {
    expect(b.attendedHours).toBe(4.5) // 3 + 1.5; the early check-in is attendance without hours
  })
  it('shows an ended activity without a check-in nowhere', () => {
    expect([...b.upcoming, ...b.waitlisted, ...b.attended, ...b.cancelled].some((e) => e.activity.id === 'missed')).toBe(false)
  })
})

describe('notices', () => {
  const acts = new Map([['a', activity('a')]])
  const empty: SeenState = { registrations: {}, activities: {} }

  it('records a first sight silently, then tells a promotion from the waitlist once', () => {
    const first = diffNotices(empty, [reg('r', 'a', 'waitlisted')], acts)
    expect(first.notices).toEqual([])
    expect(first.baseline.registrations.r).toBe('waitlisted')
    const promoted = [reg('r', 'a', 'registered')]
    const second = diffNotices(first.baseline, promoted, acts)
    expect(second.notices.map((n) => n.kind)).toEqual(['promoted'])
    const seen = acknowledge(second.baseline, second.notices[0]!, promoted, acts)
    expect(diffNotices(seen, promoted, acts).notices).toEqual([])
  })

  it('never makes a notice of the person’s own unsent guess', () => {
    const seen: SeenState = { registrations: { r: 'waitlisted' }, activities: {} }
    expect(diffNotices(seen, [reg('r', 'a', 'registered', { syncing: true })], acts).notices).toEqual([])
  })

  it('tells approvals, declines, cancellations and moves', () => {
    const seen: SeenState = {
      registrations: { p: 'pending_approval', q: 'pending_approval' },
      activities: { a: { status: 'published', startsAt: '2026-12-03T06:00:00Z', venueAddress: '海淀区科技馆' } },
    }
    const kinds = (regs: MyRegistration[], a: Activity) => diffNotices(seen, regs, new Map([['a', a]])).notices.map((n) => n.kind)
    expect(kinds([reg('p', 'a', 'registered')], activity('a'))).toEqual(['approved'])
    expect(kinds([reg('q', 'a', 'rejected')], activity('a'))).toEqual(['rejected'])
    expect(kinds([reg('p', 'a', 'pending_approval')], activity('a', { status: 'cancelled' }))).toEqual(['cancelled'])
    const withReason = diffNotices(
      seen,
      [reg('p', 'a', 'pending_approval')],
      new Map([['a', activity('a', { status: 'cancelled', cancelReason: '场地检修' })]]),
    )
    expect(withReason.notices[0]).toMatchObject({ kind: 'cancelled', reason: '场地检修' })
    expect(kinds([reg('p', 'a', 'pending_approval')], activity('a', { venueAddress: '中关村展示中心' }))).toEqual(['changed'])
    expect(kinds([reg('p', 'a', 'pending_approval')], activity('a'))).toEqual([])
  })

  it('does not tell a person about an activity they no longer attend', () => {
    const seen: SeenState = {
      registrations: { r: 'cancelled' },
      activities: { a: { status: 'published', startsAt: '2026-12-03T06:00:00Z', venueAddress: '海淀区科技馆' } },
    }
    expect(diffNotices(seen, [reg('r', 'a', 'cancelled')], new Map([['a', activity('a', { status: 'cancelled' })]])).notices).toEqual([])
  })
})
