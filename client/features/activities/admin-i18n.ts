import { useI18n } from 'vue-i18n'
import { adminActivityMessages } from './admin-messages'
import { syncMessages } from '../sync/messages'

/** vue-i18n with the organiser's activity words (and the sync words, for rejection reasons) in a local scope. */
export function useAdminActivityI18n() {
  const messages = {
    'zh-CN': { ...adminActivityMessages['zh-CN'], ...syncMessages['zh-CN'] },
    en: { ...adminActivityMessages.en, ...syncMessages.en },
  }
  return useI18n({ useScope: 'local', inheritLocale: true, messages })
}

/** The organiser words in the current locale, for a component that only uses the global scope (the admin door's link). */
export const adminActivityWords = (locale: string) => adminActivityMessages[locale === 'en' ? 'en' : 'zh-CN'].organiser
