/**
 * The person's profile as the replica has it (with offline edits laid on top), falling back to the
 * account's last known `Me` before the first pull. `pending` = an edit has not reached the server.
 */
import { computed } from 'vue'
import type { Me } from '../../../shared/schemas/user'
import { PROFILE_TABLE, type RowOf } from '../../lib/tables'
import { useAccountStore } from '../account/store'
import { useReplicaQuery } from '../sync/use-replica-query'

export function useProfile() {
  const account = useAccountStore()
  const { data } = useReplicaQuery(
    [PROFILE_TABLE],
    async (engine) => {
      const id = account.me?.id
      if (!id) return { row: null, pending: false }
      return { row: (await engine.getRow(PROFILE_TABLE, id)) ?? null, pending: await engine.isRowPending(PROFILE_TABLE, id) }
    },
    { row: null as RowOf<'profile'> | null, pending: false },
    { deps: () => account.me?.id },
  )

  // The replica row wins: it carries offline edits; the account copy covers the time before a pull.
  const profile = computed<Me | null>(() => {
    if (!account.me) return null
    const { table: _table, ...row } = data.value.row ?? { table: PROFILE_TABLE }
    return { ...account.me, ...row }
  })
  return { profile, pending: computed(() => data.value.pending) }
}
