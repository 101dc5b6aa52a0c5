import { useI18n } from 'vue-i18n'
import type { OutboxEntry } from '../../lib/idb'
import { clientMutators } from './mutators'

type T = (key: string, params?: Record<string, unknown>) => string
type Te = (key: string) => boolean

/**
 * Outbox entries and rejection reasons in human words (takes t/te, so a test can pass its own).
 */
export function syncWords(t: T, te: Te) {
  /** "编辑资料：姓名、工作单位" */
  function describe(entry: OutboxEntry): string {
    const mutator = clientMutators[entry.name]
    if (!mutator) return t('sync.mutation.unknown', { name: entry.name })
    const d = mutator.describe(entry.args, entry.display)
    const params: Record<string, string | number> = { ...d.params }
    if (typeof params.fields === 'string') {
      params.fields = params.fields
        .split(',')
        .filter(Boolean)
        .map((f) => t(`sync.field.${f}`))
        .join(t('sync.listSep'))
    }
    return te(d.key) ? t(d.key, params) : d.key
  }

  /**
   * Our own words for known codes, else a sentence in the page's language naming the code: the
   * server's message is English for developers and never shown as is.
   */
  function reason(entry: Pick<OutboxEntry, 'code' | 'message'>): string {
    const key = `sync.reason.${entry.code}`
    return entry.code && te(key) ? t(key) : t('sync.reason.other', { code: entry.code || '?' })
  }
  return { describe, reason }
}

/** The app's i18n (the sync words are in the global tree) with the outbox words above. */
export function useSyncI18n() {
  const i18n = useI18n()
  return { ...i18n, ...syncWords(i18n.t, i18n.te) }
}
