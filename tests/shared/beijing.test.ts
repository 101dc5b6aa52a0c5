/** The one Beijing-time module: day keys, datetime-local values and words, whatever the process's zone. */
import { describe, expect, it } from 'vitest'
import {
  beijingDay,
  beijingDayStart,
  beijingInstant,
  beijingStamp,
  formatBeijing,
  fromBeijingLocal,
  toBeijingLocal,
} from '../../shared/time/beijing'

describe('Beijing time', () => {
  it('keys an instant by its Beijing day, not its UTC day', () => {
    expect(beijingDay('2026-12-01T15:59:59Z')).toBe('2026-12-01')
    expect(beijingDay('2026-12-01T16:00:00Z')).toBe('2026-12-02')
    expect(beijingDay(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01')
    expect(beijingDay('not a date')).toBe('')
    expect(beijingDayStart('2026-12-02')).toBe('2026-12-01T16:00:00.000Z')
    expect(beijingInstant('2026-12-02', '14:00').toISOString()).toBe('2026-12-02T06:00:00.000Z')
  })

  it('round-trips datetime-local values read as Beijing time', () => {
    expect(toBeijingLocal('2026-06-01T15:30:00.000Z')).toBe('2026-06-01T23:30')
    expect(fromBeijingLocal('2026-06-01T23:30')).toBe('2026-06-01T15:30:00.000Z')
    expect(toBeijingLocal('nonsense')).toBe('')
    expect(fromBeijingLocal('')).toBeNull()
    expect(fromBeijingLocal('明天下午')).toBeNull()
    expect(fromBeijingLocal('2026-13-40T25:00')).toBeNull()
  })

  it('stamps exports as "YYYY-MM-DD HH:mm" in Beijing', () => {
    expect(beijingStamp('2026-12-01T17:05:00Z')).toBe('2026-12-02 01:05')
    expect(beijingStamp(null)).toBe('')
  })

  it('words an instant in the given locale on the Beijing clock', () => {
    const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
    expect(formatBeijing('2026-12-01T06:00:00Z', 'en', opts)).toBe('14:00')
    // a caller's own timeZone option cannot move the clock face
    expect(formatBeijing('2026-12-01T06:00:00Z', 'en', { ...opts, timeZone: 'America/New_York' })).toBe('14:00')
  })
})
