/**
 * Client side of `membership.apply` and `membership.leave` (shared/mutations/membership.ts): the
 * optimistic change to the person's own 'memberships' rows. The server decides the real outcome
 * (active at once for open organisations, pending for approval, or rejected).
 */
import { membershipApply, membershipLeave } from '../../../shared/mutations/membership'
import type { MutationArgs } from '../../../shared/mutations/define'
import { Membership } from '../../../shared/schemas/membership'
import { confirmedRow } from '../../lib/mutators'
import { named, type PresentedMutator } from '../sync/presentation'
import { MEMBERSHIPS_TABLE, ORGANIZATIONS_TABLE } from '../../lib/tables'

export { MEMBERSHIPS_TABLE, ORGANIZATIONS_TABLE }

const confirmed = confirmedRow(MEMBERSHIPS_TABLE, Membership)

export const membershipApplyMutator: PresentedMutator<MutationArgs<typeof membershipApply>> = {
  name: membershipApply.name,
  async apply(replica, args) {
    // No clock here (rebases re-run it): dates stay empty until the server's row arrives.
    await replica.put({
      table: MEMBERSHIPS_TABLE,
      id: args.membershipId,
      orgId: args.orgId,
      status: 'pending',
      role: 'member',
      memberNo: null,
      reason: null,
      validUntil: null,
      createdAt: '',
      updatedAt: '',
      version: 0,
    })
  },
  confirmed,
  describe: (_args, display) => named('sync.mutation.membership.apply', 'org', display),
}

export const membershipLeaveMutator: PresentedMutator<MutationArgs<typeof membershipLeave>> = {
  name: membershipLeave.name,
  async apply(replica, args) {
    const row = await replica.get(MEMBERSHIPS_TABLE, args.membershipId)
    if (row) await replica.put({ ...row, status: 'left' })
  },
  confirmed,
  describe: (_args, display) => named('sync.mutation.membership.leave', 'org', display),
}
