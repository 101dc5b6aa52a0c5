/**
 * Words the staff hub and request screens share: a failed call in the person's words (offline, not
 * theirs to touch, or the server's refusal by its code — never the server's English message), and a
 * request's wanted time, due time and status in words.
 */
import { useI18n } from 'vue-i18n'
import type { ServiceRequest } from '../../../shared/schemas/service-request'
import { formatBeijing } from '../../../shared/time/beijing'
import { expectedError } from '../../lib/errors'
import { errorKey } from '../../features/account/validation'
import { formatDateTime } from '../../features/activities/admin-format'

/** `refusal(caught)`: offline → the screen's offline words; 403 → its forbidden words; else the code's words. */
export function useRefusalWords(offlineKey: string, forbiddenKey: string) {
  const { t, te } = useI18n()
  return (caught: unknown) => {
    const err = expectedError(caught)
    if (err.isNetwork) return t(offlineKey)
    if (err.status === 403 && err.code === 'forbidden') return t(forbiddenKey)
    return t(errorKey(err.code, te))
  }
}

/** "12月3日 周四 下午": the wanted day (a Beijing calendar date) and period. */
export function useRequestWords() {
  const { t, locale } = useI18n()
  const wantedDate = (day: string) =>
    formatBeijing(`${day}T12:00:00+08:00`, locale.value, { month: 'long', day: 'numeric', weekday: 'short' })
  return {
    wanted: (r: Pick<ServiceRequest, 'wantedDate' | 'wantedPeriod'>) =>
      t('requestAdmin.wanted', { date: wantedDate(r.wantedDate), period: t(`requests.period.${r.wantedPeriod}`) }),
    /** the overdue flag in words, or the state's due time, or '' */
    due: (r: Pick<ServiceRequest, 'overdueAt' | 'stateDueAt'>) =>
      r.overdueAt
        ? t('requestAdmin.overdue', { time: formatDateTime(r.overdueAt, locale.value) })
        : r.stateDueAt
          ? t('requestAdmin.dueBy', { time: formatDateTime(r.stateDueAt, locale.value) })
          : '',
    status: (s: ServiceRequest['status']) => t(`requestWords.status.${s}`),
    category: (c: ServiceRequest['category']) => t(`requests.category.${c}`),
    time: (iso: string) => formatDateTime(iso, locale.value),
  }
}
