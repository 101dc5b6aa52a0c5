/**
 * The person's memberships as the replica has them (offline applications included), with
 * whether each still waits in the outbox and, for rejected applications, why.
 */
import type { Membership } from '../../../shared/schemas/membership'
import type { SyncEngine } from '../../lib/sync'
import { MEMBERSHIPS_TABLE, ORGANIZATIONS_TABLE } from '../../lib/tables'
import { useReplicaQuery } from '../sync/use-replica-query'

export type MyMembership = Membership & { syncing: boolean; orgName: string | null }

async function readMemberships(engine: SyncEngine): Promise<MyMembership[]> {
  const rows = await engine.listRows(MEMBERSHIPS_TABLE)
  return Promise.all(
    rows.map(async (m) => ({
      ...m,
      syncing: await engine.isRowPending(MEMBERSHIPS_TABLE, m.id),
      orgName: (await engine.getRow(ORGANIZATIONS_TABLE, m.orgId))?.name ?? null,
    })),
  )
}

export function useMemberships() {
  const { data: memberships } = useReplicaQuery([MEMBERSHIPS_TABLE, ORGANIZATIONS_TABLE], readMemberships, [])
  /** The live (pending or active) membership in an organisation, else the latest one. */
  const forOrg = (orgId: string) => {
    const mine = memberships.value.filter((m) => m.orgId === orgId)
    return mine.find((m) => m.status === 'pending' || m.status === 'active') ?? mine.at(-1) ?? null
  }
  return { memberships, forOrg }
}
