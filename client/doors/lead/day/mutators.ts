/**
 * Client side of `shift.attend` (shared/mutations/volunteer.ts): a leader's desk checks a person in
 * or out of a shift, or adds a walk-in. Other people's sign-ups are not in a leader's replica (it
 * holds the leader's own), so the optimistic state is the outbox entry itself: the desk lays the
 * entries of its shift over the roster it keeps offline (待同步 beside the person), and reads the
 * roster again once the server has answered. Nothing is guessed: the server decides the time,
 * the hours and whether the person is on the list.
 */
import { shiftAttend } from '../../../../shared/mutations/volunteer'
import { maskPhone } from '../../../../shared/schemas/common'
import { parseCardQr } from '../../../../shared/rules/card'
import { presentedMutator } from '../../../features/sync/presentation'

export const shiftAttendMutator = presentedMutator(shiftAttend, {
  // the leader's replica holds no row of another person's sign-up: nothing to change until the server answers
  async apply() {},
  // a phone is shown masked (138****0000), as everywhere on the desk; a card by its holder's name
  describe: (args, display) => ({
    key: `leadDay.mutation.${args.direction}`,
    params: {
      who:
        args.name ??
        display?.who ??
        (args.card ? (parseCardQr(args.card)?.card.p ?? '') : (args.memberNo ?? (args.phone ? maskPhone(args.phone) : ''))),
    },
  }),
})
