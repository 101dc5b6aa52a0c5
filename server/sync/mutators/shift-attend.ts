/**
 * shift.attend: a leader's desk checks a person in or out of a shift; a hub's kiosk may too, for the
 * shifts at its hub (server/domain/volunteer-attendance.ts).
 */
import { shiftAttend } from '../../../shared/mutations/volunteer'
import { attendShift, kioskAttendShift } from '../../domain/volunteer-attendance'
import { defineServerMutator } from './define'

export const shiftAttendMutator = defineServerMutator(
  shiftAttend,
  (ctx, args) => attendShift(ctx, args),
  (ctx, args) => kioskAttendShift(ctx, args),
)
