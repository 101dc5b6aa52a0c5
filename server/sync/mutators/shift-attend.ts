/** shift.attend: a leader's desk checks a person in or out of a shift (server/domain/volunteer-attendance.ts). */
import { shiftAttend } from '../../../shared/mutations/volunteer'
import { attendShift } from '../../domain/volunteer-attendance'
import { defineServerMutator } from './define'

export const shiftAttendMutator = defineServerMutator(shiftAttend, (ctx, args) => attendShift(ctx, args))
