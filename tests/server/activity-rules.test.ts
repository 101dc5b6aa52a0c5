/** The pure rules shared by client and server (shared/rules/activity.ts). */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  cancelProblem,
  checkInProblem,
  checkInWindow,
  creditedHours,
  initialRegistrationStatus,
  placesLeft,
  promotionsAfterCapacityChange,
  registerProblem,
  registrationWindow,
  scheduleProblem,
  type ActivityFacts,
} from '../../shared/rules/activity'

const base: ActivityFacts = {
  status: 'published',
  audience: 'public',
  capacity: 2,
  placesTaken: 0,
  requiresApproval: false,
  startsAt: '2026-12-10T06:00:00.000Z',
  endsAt: '2026-12-10T08:00:00.000Z',
  registrationOpensAt: '2026-11-01T00:00:00.000Z',
  registrationClosesAt: '2026-12-09T00:00:00.000Z',
  checkInOpensMinutesBefore: 120,
}
const at = (iso: string) => new Date(iso)
const nobody = { isMember: false, liveRegistration: false }

describe('activity rules', () => {
  it('registration window: not open, open, closed at the close and at the start', () => {
    expect(registrationWindow(base, at('2026-10-31T23:59:59Z'))).toBe('not_open')
    expect(registrationWindow(base, at('2026-11-01T00:00:00Z'))).toBe('open')
    expect(registrationWindow(base, at('2026-12-09T00:00:00Z'))).toBe('closed')
    expect(registrationWindow({ ...base, registrationClosesAt: '2026-12-10T08:00:00Z' }, at('2026-12-10T06:00:00Z'))).toBe('closed')
    // offsets are instants, not strings: 14:00+08:00 is 06:00Z
    expect(
      registrationWindow(
        { ...base, startsAt: '2026-12-10T14:00:00+08:00', registrationClosesAt: '2026-12-10T08:00:00Z' },
        at('2026-12-10T06:30:00Z'),
      ),
    ).toBe('closed')
  })

  it('register problems in order of usefulness', () => {
    const now = at('2026-11-28T08:00:00Z')
    expect(registerProblem(undefined, nobody, now)).toBe('activity_not_found')
    expect(registerProblem({ ...base, status: 'cancelled' }, { isMember: true, liveRegistration: true }, now)).toBe('activity_cancelled')
    expect(registerProblem(base, { isMember: true, liveRegistration: true }, now)).toBe('already_registered')
    expect(registerProblem({ ...base, audience: 'members' }, nobody, now)).toBe('members_only')
    expect(registerProblem({ ...base, audience: 'members' }, { isMember: true, liveRegistration: false }, now)).toBeNull()
    expect(registerProblem(base, nobody, at('2026-12-09T00:00:01Z'))).toBe('registration_closed')
  })

  it('capacity is never exceeded: a place while one is free, else the waitlist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1000 }), fc.boolean(), (capacity, arrivals, approval) => {
        let taken = 0
        let waiting = 0
        for (let i = 0; i < arrivals; i++) {
          const s = initialRegistrationStatus({ capacity, placesTaken: taken, requiresApproval: approval })
          if (s === 'waitlisted') waiting++
          else {
            expect(s).toBe(approval ? 'pending_approval' : 'registered')
            taken++
          }
        }
        expect(taken).toBe(Math.min(capacity, arrivals))
        expect(waiting).toBe(Math.max(0, arrivals - capacity))
        expect(placesLeft({ capacity, placesTaken: taken })).toBe(capacity - taken)
      }),
    )
  })

  it('cancel until the start; schedules in order; promotions after a capacity change', () => {
    expect(cancelProblem('registered', base, at('2026-12-10T05:59:59Z'))).toBeNull()
    expect(cancelProblem('waitlisted', base, at('2026-12-10T06:00:00Z'))).toBe('activity_started')
    expect(cancelProblem('cancelled', base, at('2026-11-28T00:00:00Z'))).toBe('not_live')
    expect(scheduleProblem(base)).toBeNull()
    expect(scheduleProblem({ ...base, endsAt: base.startsAt })).toBe('ends_before_start')
    expect(scheduleProblem({ ...base, registrationOpensAt: base.registrationClosesAt })).toBe('registration_window_inverted')
    expect(scheduleProblem({ ...base, registrationClosesAt: '2026-12-10T08:00:01Z' })).toBe('registration_closes_after_end')
    expect(promotionsAfterCapacityChange({ capacity: 10, placesTaken: 7 }, 5)).toBe(3)
    expect(promotionsAfterCapacityChange({ capacity: 10, placesTaken: 7 }, 2)).toBe(2)
    expect(promotionsAfterCapacityChange({ capacity: 7, placesTaken: 7 }, 2)).toBe(0)
  })

  it('check-in window: from the set minutes before the start to the end, inclusive; hours only inside it', () => {
    expect(checkInWindow(base, at('2026-12-10T03:59:59Z'))).toBe('not_open')
    expect(checkInWindow(base, at('2026-12-10T04:00:00Z'))).toBe('open') // 2 h before 06:00
    expect(checkInWindow(base, at('2026-12-10T08:00:00Z'))).toBe('open')
    expect(checkInProblem(base, at('2026-12-10T08:00:01Z'))).toBe('check_in_closed')
    expect(checkInProblem({ ...base, checkInOpensMinutesBefore: 0 }, at('2026-12-10T05:59:00Z'))).toBe('check_in_not_open')
    // a replica row from before the field existed: the default two hours
    const { checkInOpensMinutesBefore: _, ...old } = base
    expect(checkInWindow(old, at('2026-12-10T04:00:00Z'))).toBe('open')
    expect(creditedHours({ ...base, creditHours: 2 }, '2026-12-10T07:00:00Z')).toBe(2)
    expect(creditedHours({ ...base, creditHours: 2 }, '2026-12-09T07:00:00Z')).toBe(0)
    expect(creditedHours({ ...base, creditHours: 2 }, null)).toBe(0)
    expect(creditedHours({ ...base, creditHours: 2 }, 'not a time')).toBe(0)
  })
})
