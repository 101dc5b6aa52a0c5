/**
 * Who the person organises for: the organisations of their active admin or (delegated) organiser
 * memberships, from the replica so it works offline, and whether they are a system administrator
 * (any organisation).
 */
import { computed } from 'vue'
import { useAccountStore } from '../account/store'
import { useMemberships } from '../organizations/use-memberships'

export interface OrganiserOrg {
  orgId: string
  orgName: string
}

export function useOrganiser() {
  const account = useAccountStore()
  const { memberships } = useMemberships()
  const orgs = computed<OrganiserOrg[]>(() =>
    memberships.value
      .filter((m) => (m.role === 'admin' || m.role === 'organiser') && m.status === 'active')
      .map((m) => ({ orgId: m.orgId, orgName: m.orgName ?? m.orgId })),
  )
  /** the organisations administered (not only organised): their subtree is theirs too */
  const adminOrgs = computed<OrganiserOrg[]>(() =>
    memberships.value
      .filter((m) => m.role === 'admin' && m.status === 'active')
      .map((m) => ({ orgId: m.orgId, orgName: m.orgName ?? m.orgId })),
  )
  const isSystemAdmin = computed(() => account.me?.systemRole === 'system_admin')
  return { orgs, adminOrgs, isSystemAdmin }
}
