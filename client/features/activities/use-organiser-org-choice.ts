/**
 * Which organisation a new activity is for: the person's own (admin or organiser), and for an
 * admin the established 科协 and other organisations one level below theirs (online; offline only
 * their own). A system administrator may type any organisation's id ("other").
 */
import { ref, watch } from 'vue'
import { expectedError } from '../../lib/errors'
import { orgApi } from '../organizations/api'
import { useOrganiser } from './use-organiser'

export const OTHER_ORG = '__other'

export function useOrganiserOrgChoice(editing: boolean, choose: (orgId: string) => void) {
  const { orgs, adminOrgs, isSystemAdmin } = useOrganiser()
  const orgChoice = ref('')
  const otherOrg = ref('')
  const below = ref<Array<{ parent: string; items: Array<{ id: string; name: string }> }>>([])

  watch(
    orgs,
    (list) => {
      if (!editing && !orgChoice.value && list.length) orgChoice.value = list[0]!.orgId
    },
    { immediate: true },
  )
  watch(
    adminOrgs,
    async (list) => {
      if (editing) return
      const direct = new Set(orgs.value.map((o) => o.orgId))
      const groups: typeof below.value = []
      for (const o of list) {
        try {
          const d = await orgApi.detail(o.orgId)
          const items = [...d.children.items, ...d.localOrgs.items]
            .filter((x) => x.status !== 'not_established' && !direct.has(x.id))
            .map((x) => ({ id: x.id, name: x.name }))
          if (items.length) groups.push({ parent: o.orgName, items })
        } catch (err) {
          expectedError(err) // offline or refused: their own organisations only
        }
      }
      below.value = groups
    },
    { immediate: true },
  )
  watch(
    isSystemAdmin,
    (sys) => {
      if (!editing && sys && !orgChoice.value && !orgs.value.length) orgChoice.value = OTHER_ORG
    },
    { immediate: true },
  )
  watch([orgChoice, otherOrg], () => {
    if (!editing) choose(orgChoice.value === OTHER_ORG ? otherOrg.value : orgChoice.value)
  })

  return { orgs, isSystemAdmin, orgChoice, otherOrg, below }
}
