/**
 * Client side of `membership.apply` and `membership.leave` (shared/mutations/membership.ts): the
 * optimistic change to the person's own 'memberships' rows. The server decides the real outcome
 * (active at once for open organisations, pending for approval, or rejected).
 */
import { membershipApply, membershipLeave } from '../../../shared/mutations/membership'
import { Membership } from '../../../shared/schemas/membership'
import { confirmedRow, UNSTAMPED } from '../../lib/mutators'
import { named, presentedMutator } from '../sync/presentation'
import { MEMBERSHIPS_TABLE, ORGANIZATIONS_TABLE } from '../../lib/tables'

export { MEMBERSHIPS_TABLE, ORGANIZATIONS_TABLE }

const confirmed = confirmedRow(MEMBERSHIPS_TABLE, Membership)

export const membershipApplyMutator = presentedMutator(membershipApply, {
  async apply(replica, args) {
    await replica.put({
      table: MEMBERSHIPS_TABLE,
      id: args.membershipId,
      orgId: args.orgId,
      status: 'pending',
      role: 'member',
      memberNo: null,
      reason: null,
      validUntil: null,
      ...UNSTAMPED,
    })
  },
  confirmed,
  describe: (_args, display) => named('sync.mutation.membership.apply', 'org', display),
})

export const membershipLeaveMutator = presentedMutator(membershipLeave, {
  async apply(replica, args) {
    const row = await replica.get(MEMBERSHIPS_TABLE, args.membershipId)
    if (row) await replica.put({ ...row, status: 'left' })
  },
  confirmed,
  describe: (_args, display) => named('sync.mutation.membership.leave', 'org', display),
})
