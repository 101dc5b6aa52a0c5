import { useI18n } from 'vue-i18n'
import { profileMessages } from './messages'
import { syncMessages } from '../sync/messages'

/** vue-i18n with the profile (and sync) words in a local scope; the locale follows the app's. */
export function useProfileI18n() {
  const messages = {
    'zh-CN': { ...profileMessages['zh-CN'], ...syncMessages['zh-CN'] },
    en: { ...profileMessages.en, ...syncMessages.en },
  }
  return useI18n({ useScope: 'local', inheritLocale: true, messages })
}
