/**
 * The person's profile as the replica has it (with offline edits laid on top), falling back to the
 * account's last known `Me` before the first pull. `pending` = an edit has not reached the server.
 */
import { computed, ref, shallowRef, watch } from 'vue'
import type { ReplicaRow } from '../../lib/idb'
import type { Me } from '../../../shared/schemas/user'
import { useAccountStore } from '../account/store'
import { currentEngine } from '../sync/engine'
import { useSyncStore } from '../sync/store'
import { PROFILE_TABLE } from './mutators'

export function useProfile() {
  const account = useAccountStore()
  const sync = useSyncStore()
  const row = shallowRef<ReplicaRow | null>(null)
  const pending = ref(false)

  watch(
    [() => sync.revision, () => sync.started, () => account.me?.id],
    async () => {
      const engine = currentEngine()
      const id = account.me?.id
      if (!engine || !id) {
        row.value = null
        pending.value = false
        return
      }
      row.value = (await engine.getRow(PROFILE_TABLE, id)) ?? null
      pending.value = await engine.isRowPending(PROFILE_TABLE, id)
    },
    { immediate: true },
  )

  // The replica row wins: it carries offline edits; the account copy covers the time before a pull.
  const profile = computed<Me | null>(() => (account.me ? ({ ...account.me, ...(row.value ?? {}) } as Me) : null))
  return { profile, pending }
}
