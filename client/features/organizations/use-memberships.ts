/**
 * The person's memberships as the replica has them (offline applications included), with
 * whether each still waits in the outbox and, for rejected applications, why.
 */
import { shallowRef, watch } from 'vue'
import type { Membership } from '../../../shared/schemas/membership'
import { currentEngine } from '../sync/engine'
import { useSyncStore } from '../sync/store'
import { MEMBERSHIPS_TABLE, ORGANIZATIONS_TABLE } from './mutators'

export type MyMembership = Membership & { syncing: boolean; orgName: string | null }

export function useMemberships() {
  const sync = useSyncStore()
  const memberships = shallowRef<MyMembership[]>([])
  watch(
    [() => sync.revision, () => sync.started],
    async () => {
      const engine = currentEngine()
      if (!engine) {
        memberships.value = []
        return
      }
      const rows = (await engine.listRows(MEMBERSHIPS_TABLE)) as unknown as Membership[]
      memberships.value = await Promise.all(
        rows.map(async (m) => ({
          ...m,
          syncing: await engine.isRowPending(MEMBERSHIPS_TABLE, m.id),
          orgName: ((await engine.getRow(ORGANIZATIONS_TABLE, m.orgId))?.name as string | undefined) ?? null,
        })),
      )
    },
    { immediate: true },
  )
  /** The live (pending or active) membership in an organisation, else the latest one. */
  const forOrg = (orgId: string) => {
    const mine = memberships.value.filter((m) => m.orgId === orgId)
    return mine.find((m) => m.status === 'pending' || m.status === 'active') ?? mine.at(-1) ?? null
  }
  return { memberships, forOrg }
}
