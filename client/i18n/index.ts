/**
 * vue-i18n set-up: zh-CN by default, English on request. The choice is remembered in
 * localStorage and <html lang> follows it (screen readers and CJK font selection depend on it).
 */
import { createI18n } from 'vue-i18n'
import zhCN, { type Messages } from './zh-CN'
import en from './en'

export const STORAGE_KEY_LOCALE = 'sh.locale'
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The remembered language, or zh-CN; storage may be unavailable (private mode), so never throw. */
export function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY_LOCALE)
    return isLocale(value) ? value : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export function createAppI18n(locale: Locale = storedLocale()) {
  document.documentElement.lang = locale
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
