/**
 * Client side of `activity.register`, `activity.cancel` and `activity.checkIn`
 * (shared/mutations/activity.ts). The optimistic change only records what the person did; the
 * server decides the outcome (registered, waitlisted, awaiting approval, or a rejection such as
 * "registration closed"), and the screens say 待同步 until it has.
 */
import { activityCancel, activityCheckIn, activityRegister } from '../../../shared/mutations/activity'
import { CheckIn, Registration } from '../../../shared/schemas/activity'
import { confirmedRow, UNSTAMPED } from '../../lib/mutators'
import { named, presentedMutator } from '../sync/presentation'
import { maskPhone } from '../../../shared/schemas/common'
import { ACTIVITIES_TABLE, CHECK_INS_TABLE, REGISTRATIONS_TABLE } from '../../lib/tables'

export { ACTIVITIES_TABLE, CHECK_INS_TABLE, REGISTRATIONS_TABLE }

const confirmedRegistration = confirmedRow(REGISTRATIONS_TABLE, Registration)

export const activityRegisterMutator = presentedMutator(activityRegister, {
  async apply(replica, args) {
    // The status is the server's to decide; until then the screens show 待同步 for this row.
    await replica.put({
      table: REGISTRATIONS_TABLE,
      id: args.registrationId,
      activityId: args.activityId,
      status: 'registered',
      waitlistPosition: null,
      ...UNSTAMPED,
    })
  },
  confirmed: confirmedRegistration,
  describe: (_args, display) => named('sync.mutation.activity.register', 'activity', display),
})

export const activityCancelMutator = presentedMutator(activityCancel, {
  async apply(replica, args) {
    const row = await replica.get(REGISTRATIONS_TABLE, args.registrationId)
    if (row) await replica.put({ ...row, status: 'cancelled', waitlistPosition: null })
  },
  confirmed: confirmedRegistration,
  describe: (_args, display) => named('sync.mutation.activity.cancel', 'activity', display),
})

export const activityCheckInMutator = presentedMutator(activityCheckIn, {
  async apply(replica, args) {
    const method =
      args.card !== undefined ? 'card' : args.memberNo !== undefined ? 'member_no' : args.phone !== undefined ? 'phone' : 'walk_in'
    await replica.put({
      table: CHECK_INS_TABLE,
      id: args.checkInId,
      activityId: args.activityId,
      userId: null,
      name: args.name ?? args.memberNo ?? args.phone ?? '',
      method,
      at: '',
      version: 0,
    })
  },
  confirmed: confirmedRow(CHECK_INS_TABLE, CheckIn),
  // a phone is shown masked (138****0000), as everywhere on the desk
  describe: (args, display) => ({
    key: 'sync.mutation.activity.checkIn',
    params: { who: args.name ?? display?.who ?? args.memberNo ?? (args.phone ? maskPhone(args.phone) : '') },
  }),
})
