/**
 * Client side of `profile.update` (shared/mutations/profile.ts): the optimistic patch of the
 * person's own 'profile' row, and how the server's answer (the new profile row) is stored.
 */
import { profileUpdate } from '../../../shared/mutations/profile'
import { Me } from '../../../shared/schemas/user'
import { confirmedRow } from '../../lib/mutators'
import { presentedMutator } from '../sync/presentation'
import { PROFILE_TABLE, type RowOf } from '../../lib/tables'

export { PROFILE_TABLE }

/** Field names in the order the form shows them; used to describe an edit in words. */
export const PROFILE_FIELDS = ['name', 'regionCode', 'discipline', 'employer', 'title', 'bio'] as const

export const profileUpdateMutator = presentedMutator(profileUpdate, {
  async apply(replica, args) {
    // The replica holds exactly one profile row (the person's own). Before the first pull there is
    // nothing to patch: the entry still waits in the outbox and the server answer brings the row.
    const [row] = await replica.list(PROFILE_TABLE)
    if (!row) return
    const next: RowOf<typeof PROFILE_TABLE> = { ...row, ...args }
    // The region's name comes from the server; do not show the old name next to a new code.
    if (args.regionCode !== undefined && args.regionCode !== row.regionCode) next.regionName = null
    await replica.put(next)
  },
  confirmed: confirmedRow(PROFILE_TABLE, Me),
  describe(args) {
    const fields = PROFILE_FIELDS.filter((f) => args[f] !== undefined)
    return { key: 'sync.mutation.profile.update', params: { fields: fields.join(',') } }
  },
  editPath: (entryId) => `/me/edit?retry=${encodeURIComponent(entryId)}`,
})
