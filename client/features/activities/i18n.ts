import { useI18n } from 'vue-i18n'
import { activityMessages } from './messages'
import { syncMessages } from '../sync/messages'

/** vue-i18n with the activity (and sync) words in a local scope; the locale follows the app's. */
export function useActivityI18n() {
  const messages = {
    'zh-CN': { ...activityMessages['zh-CN'], ...syncMessages['zh-CN'] },
    en: { ...activityMessages.en, ...syncMessages.en },
  }
  return useI18n({ useScope: 'local', inheritLocale: true, messages })
}
