/**
 * What the leader's team pages (hours, swaps, no-show board) share: the team's name for the way
 * back, their one read (with loading, a refusal in words — not a leader of this team, no such team,
 * offline — and nothing read while nobody is signed in), and the words for a refused action.
 */
import { onMounted, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { expectedError } from '../../../lib/errors'
import { errorKey } from '../../../features/account/validation'
import { useAccountStore } from '../../../features/account/store'
import { leadDayApi } from './day-api'

export function useTeamPage(teamId: string, read: () => Promise<void>) {
  const { t, te } = useI18n()
  const account = useAccountStore()
  const teamName = ref<string | null>(null)
  const loaded = ref(false)
  const error = ref<string | null>(null)

  /** The words for a failed read or action. */
  function refusal(caught: unknown): string {
    const err = expectedError(caught)
    if (err.isNetwork) return t('leadDay.network')
    if (err.status === 403) return t('leadDay.forbidden')
    if (err.status === 404) return t('leadDay.notFound')
    return t(errorKey(err.code, te))
  }

  async function load() {
    try {
      await read()
      error.value = null
    } catch (caught) {
      error.value = refusal(caught)
    } finally {
      loaded.value = true
    }
  }

  onMounted(() => {
    if (!account.me) return
    // the way back says 返回服务队 when the name cannot be read; the page's own read says what went wrong
    leadDayApi.team(teamId).then(
      (team) => (teamName.value = team.name),
      () => undefined,
    )
    void load()
  })
  return { teamName, loaded, error, refusal, load }
}
