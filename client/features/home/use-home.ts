/**
 * What 首页 leads a signed-in person to, read from the replica (so it shows offline): their
 * profile, memberships, the step they are at, and their own 街道 and 区 科协 to join first (the
 * 科协 chain over their region is in every person's sync scope).
 */
import { computed } from 'vue'
import type { OrgSummary } from '../../../shared/schemas/organization'
import type { SyncEngine } from '../../lib/sync'
import { ORGANIZATIONS_TABLE } from '../../lib/tables'
import { useProfile } from '../profile/use-profile'
import { useMemberships } from '../organizations/use-memberships'
import { useReplicaQuery } from '../sync/use-replica-query'
import { homeStatus, ownAssociationIds } from './steps'

const NO_PROFILE = { regionCode: null, discipline: null, employer: null }

export function useHome() {
  const { profile } = useProfile()
  const { memberships } = useMemberships()
  const regionCode = computed(() => profile.value?.regionCode ?? null)
  const status = computed(() => homeStatus(profile.value ?? NO_PROFILE, memberships.value))

  async function readOwn(engine: SyncEngine): Promise<OrgSummary[]> {
    const rows = await Promise.all(ownAssociationIds(regionCode.value).map((id) => engine.getRow(ORGANIZATIONS_TABLE, id)))
    // a 科协 not yet set up (盲区白地) cannot take members: the next one up is offered
    return rows.flatMap((r) => (r && r.status === 'established' ? [{ ...r, regionName: null }] : []))
  }
  const { data: suggested, loaded: suggestedLoaded } = useReplicaQuery([ORGANIZATIONS_TABLE], readOwn, [], { deps: () => regionCode.value })

  return { profile, status, suggested, suggestedLoaded }
}
