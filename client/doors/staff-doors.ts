/**
 * The staff doors a person's roles open, and only those: 入会审核 for an administrator of an
 * organisation, 活动管理 for an administrator or a delegated activity organiser, 志愿服务队 (team
 * approvals and roles), 阵地管理 (hubs and their kiosks) and 居民点单 (the request queue) for an
 * administrator, 审计日志 for a system administrator (who also has
 * the others everywhere), 志愿服务队管理 (/lead) for a leader or co-leader of a volunteer team. Read
 * from the person's own memberships and team places (the replica), so 我的 lists them offline too;
 * the server checks every request anyway.
 */
import { computed } from 'vue'
import type { Me } from '../../shared/schemas/user'
import type { Membership } from '../../shared/schemas/membership'
import { useAccountStore } from '../features/account/store'
import { useMemberships } from '../features/organizations/use-memberships'
import { useLeadsATeam } from '../features/volunteer/use-volunteer'

export const STAFF_DOORS = [
  { key: 'queue', to: '/admin/memberships' },
  { key: 'activities', to: '/admin/activities' },
  { key: 'teams', to: '/admin/teams' },
  { key: 'hubs', to: '/admin/hubs' },
  { key: 'requests', to: '/admin/requests' },
  { key: 'audit', to: '/admin/audit' },
  { key: 'lead', to: '/lead' },
] as const
export type StaffDoor = (typeof STAFF_DOORS)[number]

export function staffDoors(
  me: Pick<Me, 'systemRole'> | null,
  memberships: Array<Pick<Membership, 'status' | 'role'>>,
  leadsTeam = false,
): StaffDoor[] {
  if (!me) return []
  const system = me.systemRole === 'system_admin'
  const holds = (role: Membership['role']) => memberships.some((m) => m.status === 'active' && m.role === role)
  const open = {
    queue: system || holds('admin'),
    activities: system || holds('admin') || holds('organiser'),
    teams: system || holds('admin'),
    hubs: system || holds('admin'),
    requests: system || holds('admin'),
    audit: system,
    lead: leadsTeam,
  }
  return STAFF_DOORS.filter((d) => open[d.key])
}

export function useStaffDoors() {
  const account = useAccountStore()
  const { memberships } = useMemberships()
  const leads = useLeadsATeam()
  return computed(() => staffDoors(account.me, memberships.value, leads.value))
}
