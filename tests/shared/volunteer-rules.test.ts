/** The pure rules of volunteer services (shared/rules/volunteer.ts), edge by edge. */
import { describe, expect, it } from 'vitest'
import {
  canCancel,
  cancelDeadline,
  computeMinutes,
  minutesAsHours,
  needsConfirmation,
  overlapping,
  overlaps,
  shiftTimeProblem,
  weeklyOccurrences,
} from '../../shared/rules/volunteer'

const shift = { startsAt: '2026-12-01T01:00:00.000Z', endsAt: '2026-12-01T05:00:00.000Z' } // 4 h
const at = (checkedInAt: string | null, checkedOutAt: string | null, minAttendancePercent = 60, s = shift) =>
  computeMinutes({ ...s, checkedInAt, checkedOutAt, minAttendancePercent })

describe('computeMinutes', () => {
  it('counts nothing without a check-in', () => {
    expect(at(null, null)).toEqual({ minutes: 0, outcome: 'no_check_in' })
    expect(at(null, '2026-12-01T05:00:00.000Z')).toEqual({ minutes: 0, outcome: 'no_check_in' })
  })
  it('credits the whole shift when the check-out is missing', () => {
    expect(at('2026-12-01T01:10:00.000Z', null)).toEqual({ minutes: 240, outcome: 'counted' })
  })
  it('clips a check-in before the start and a check-out after the end to the shift', () => {
    expect(at('2026-11-30T23:30:00.000Z', '2026-12-01T09:00:00.000Z')).toEqual({ minutes: 240, outcome: 'counted' })
    expect(at('2026-12-01T00:00:00.000Z', '2026-12-01T04:00:00.000Z')).toEqual({ minutes: 180, outcome: 'counted' })
  })
  it('counts an overnight shift across midnight (Beijing 22:00 to 06:00)', () => {
    const night = { startsAt: '2026-12-01T14:00:00.000Z', endsAt: '2026-12-01T22:00:00.000Z' }
    expect(at('2026-12-01T13:50:00.000Z', '2026-12-01T22:05:00.000Z', 60, night)).toEqual({ minutes: 480, outcome: 'counted' })
    expect(at('2026-12-01T15:00:00.000Z', '2026-12-01T21:00:00.000Z', 60, night)).toEqual({ minutes: 360, outcome: 'counted' })
    expect(at('2026-12-01T15:00:00.000Z', null, 60, night)).toEqual({ minutes: 480, outcome: 'counted' })
  })
  it('gives nothing below the minimum share and counts exactly at it', () => {
    // 60% of 240 min = 144 min
    expect(at('2026-12-01T01:00:00.000Z', '2026-12-01T03:23:00.000Z')).toEqual({ minutes: 0, outcome: 'below_share' })
    expect(at('2026-12-01T01:00:00.000Z', '2026-12-01T03:24:00.000Z')).toEqual({ minutes: 144, outcome: 'counted' })
    expect(at('2026-12-01T01:00:00.000Z', '2026-12-01T03:23:00.000Z', 0)).toEqual({ minutes: 143, outcome: 'counted' })
    expect(at('2026-12-01T01:00:00.000Z', '2026-12-01T04:59:00.000Z', 100)).toEqual({ minutes: 0, outcome: 'below_share' })
  })
  it('counts nothing for a check-out before the check-in or wholly outside the shift', () => {
    expect(at('2026-12-01T03:00:00.000Z', '2026-12-01T02:00:00.000Z', 0)).toEqual({ minutes: 0, outcome: 'counted' })
    expect(at('2026-12-01T06:00:00.000Z', '2026-12-01T07:00:00.000Z')).toEqual({ minutes: 0, outcome: 'below_share' })
  })
  it('writes minutes as hours with one decimal', () => {
    expect(minutesAsHours(90)).toBe('1.5')
    expect(minutesAsHours(240)).toBe('4')
    expect(minutesAsHours(100)).toBe('1.7')
    expect(minutesAsHours(0)).toBe('0')
  })
})

describe('overlaps', () => {
  const a = { id: 'a', startsAt: '2026-12-01T01:00:00.000Z', endsAt: '2026-12-01T05:00:00.000Z' }
  it('touching ends do not overlap', () => {
    expect(overlaps(a, { startsAt: '2026-12-01T05:00:00.000Z', endsAt: '2026-12-01T06:00:00.000Z' })).toBe(false)
    expect(overlaps(a, { startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-01T01:00:00.000Z' })).toBe(false)
  })
  it('a minute of common time overlaps, either way round, and containment does', () => {
    const b = { startsAt: '2026-12-01T04:59:00.000Z', endsAt: '2026-12-01T06:00:00.000Z' }
    expect(overlaps(a, b)).toBe(true)
    expect(overlaps(b, a)).toBe(true)
    expect(overlaps(a, { startsAt: '2026-12-01T02:00:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' })).toBe(true)
  })
  it('overlapping() leaves out the shift itself', () => {
    const c = { id: 'c', startsAt: '2026-12-01T04:00:00.000Z', endsAt: '2026-12-01T08:00:00.000Z' }
    const d = { id: 'd', startsAt: '2026-12-01T05:00:00.000Z', endsAt: '2026-12-01T08:00:00.000Z' }
    expect(overlapping(a, [a, c, d]).map((s) => s.id)).toEqual(['c'])
  })
})

describe('weeklyOccurrences', () => {
  it('repeats every 7 days at the same instant', () => {
    const w = weeklyOccurrences('2026-12-01T14:00:00.000Z', '2026-12-01T22:00:00.000Z', 3)
    expect(w).toEqual([
      { startsAt: '2026-12-01T14:00:00.000Z', endsAt: '2026-12-01T22:00:00.000Z' },
      { startsAt: '2026-12-08T14:00:00.000Z', endsAt: '2026-12-08T22:00:00.000Z' },
      { startsAt: '2026-12-15T14:00:00.000Z', endsAt: '2026-12-15T22:00:00.000Z' },
    ])
  })
  it('makes at least one and at most 26', () => {
    expect(weeklyOccurrences(shift.startsAt, shift.endsAt, 0)).toHaveLength(1)
    expect(weeklyOccurrences(shift.startsAt, shift.endsAt, 100)).toHaveLength(26)
  })
})

describe('canCancel', () => {
  it('until the cut-off before the start, not at it', () => {
    expect(cancelDeadline(shift.startsAt, 24).toISOString()).toBe('2026-11-30T01:00:00.000Z')
    expect(canCancel(shift.startsAt, 24, new Date('2026-11-30T00:59:59.000Z'))).toBe(true)
    expect(canCancel(shift.startsAt, 24, new Date('2026-11-30T01:00:00.000Z'))).toBe(false)
    expect(canCancel(shift.startsAt, 0, new Date('2026-12-01T00:59:00.000Z'))).toBe(true)
  })
})

describe('needsConfirmation', () => {
  const open = { startsAt: shift.startsAt, status: 'open' }
  const held = { status: 'signed_up', confirmedAt: null }
  it('asks within 36 hours of the start, for a held unconfirmed place on an open shift', () => {
    expect(needsConfirmation(held, open, new Date('2026-11-30T13:00:00.000Z'))).toBe(true)
    expect(needsConfirmation(held, open, new Date('2026-11-29T12:59:00.000Z'))).toBe(false)
    expect(needsConfirmation(held, open, new Date('2026-12-01T01:00:00.000Z'))).toBe(false)
  })
  it('not once confirmed, waitlisted or cancelled', () => {
    const now = new Date('2026-11-30T13:00:00.000Z')
    expect(needsConfirmation({ status: 'signed_up', confirmedAt: '2026-11-30T12:00:00.000Z' }, open, now)).toBe(false)
    expect(needsConfirmation({ status: 'waitlisted', confirmedAt: null }, open, now)).toBe(false)
    expect(needsConfirmation(held, { ...open, status: 'cancelled' }, now)).toBe(false)
  })
})

describe('shiftTimeProblem', () => {
  it('names what is wrong with a shift time', () => {
    expect(shiftTimeProblem(shift.startsAt, shift.endsAt)).toBeNull()
    expect(shiftTimeProblem(shift.endsAt, shift.startsAt)).toBe('ends_before_start')
    expect(shiftTimeProblem(shift.startsAt, shift.startsAt)).toBe('ends_before_start')
    expect(shiftTimeProblem(shift.startsAt, '2026-12-01T01:14:00.000Z')).toBe('shift_too_short')
    expect(shiftTimeProblem(shift.startsAt, '2026-12-01T01:15:00.000Z')).toBeNull()
    expect(shiftTimeProblem(shift.startsAt, '2026-12-02T01:00:00.000Z')).toBeNull()
    expect(shiftTimeProblem(shift.startsAt, '2026-12-02T01:01:00.000Z')).toBe('shift_too_long')
  })
})
