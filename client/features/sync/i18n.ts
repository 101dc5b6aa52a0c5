import { useI18n } from 'vue-i18n'
import type { OutboxEntry } from '../../lib/idb'
import { syncMessages } from './messages'
import { clientMutators } from './mutators'

/** vue-i18n with the sync words merged in a local scope (the locale follows the app's). */
export function useSyncI18n() {
  const i18n = useI18n({ useScope: 'local', inheritLocale: true, messages: syncMessages })
  const { t, te } = i18n

  /** An outbox entry in human words ("编辑资料：姓名、工作单位"). */
  function describe(entry: OutboxEntry): string {
    const mutator = clientMutators[entry.name]
    if (!mutator) return t('sync.mutation.unknown', { name: entry.name })
    const d = mutator.describe(entry.args)
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

  /** The rejection reason: our own words for known codes, else the server's message. */
  function reason(entry: Pick<OutboxEntry, 'code' | 'message'>): string {
    const key = `sync.reason.${entry.code}`
    return entry.code && te(key) ? t(key) : entry.message || entry.code || ''
  }

  return { ...i18n, describe, reason }
}
