/** A failed leader's call in the person's words: offline, or the server's refusal by its code. */
import { useI18n } from 'vue-i18n'
import { expectedError } from '../../lib/errors'
import { errorKey } from '../../features/account/validation'

export function useErrorWords() {
  const { t, te } = useI18n()
  return (caught: unknown) => {
    const err = expectedError(caught)
    return err.isNetwork ? t('lead.offline') : t(errorKey(err.code, te))
  }
}
