import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { STORAGE_KEY_LOCALE, isLocale, type Locale } from './index'

/** The current language and a setter that also remembers it and updates <html lang>. */
export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' })
  const current = computed<Locale>(() => (isLocale(locale.value) ? locale.value : 'zh-CN'))

  function setLocale(next: Locale) {
    locale.value = next
    document.documentElement.lang = next
    try {
      localStorage.setItem(STORAGE_KEY_LOCALE, next)
    } catch {
      // storage refused (private mode, quota): the choice holds for this visit only
    }
  }

  return { locale: current, setLocale }
}
