/**
 * What the leader's team pages (hours, swaps, no-show board) share: the team's name for the title,
 * and a refusal in words (not a leader of this team, no such team, offline).
 */
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { expectedError } from '../../../lib/errors'
import { errorKey } from '../../../features/account/validation'
import { leadDayApi } from './day-api'

export function useTeamPage(teamId: string) {
  const { t, te } = useI18n()
  const teamName = ref<string | null>(null)

  /** The words for a failed read or action. */
  function refusal(caught: unknown): string {
    const err = expectedError(caught)
    if (err.isNetwork) return t('leadDay.network')
    if (err.status === 403) return t('leadDay.forbidden')
    if (err.status === 404) return t('leadDay.notFound')
    return t(errorKey(err.code, te))
  }

  async function loadName() {
    try {
      teamName.value = (await leadDayApi.team(teamId)).name
    } catch {
      // the title says 返回服务队 instead; the page's own read says what went wrong
    }
  }
  return { teamName, refusal, loadName }
}
