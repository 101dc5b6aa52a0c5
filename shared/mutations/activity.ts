import { defineMutation } from './define'
import { ActivityCancelArgs, ActivityCheckInArgs, ActivityRegisterArgs } from '../schemas/activity'

/** Register for an activity: the server decides registered, waitlisted (FIFO) or a rejection. */
export const activityRegister = defineMutation('activity.register', ActivityRegisterArgs)

/** Withdraw one's own registration; a freed place goes to the head of the waitlist at once. */
export const activityCancel = defineMutation('activity.cancel', ActivityCancelArgs)

/** An organiser checks a person in (card QR, member number or phone) or records a walk-in. */
export const activityCheckIn = defineMutation('activity.checkIn', ActivityCheckInArgs)
