/** Dates as the organiser screens show them: the app's locale, Beijing time (as the member screens). */
import { beijingDay, formatBeijing } from '../../../shared/time/beijing'

const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
}
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }

export const formatDateTime = (iso: string, locale: string) => formatBeijing(iso, locale, DATE_TIME)

/** "2026/5/2 14:00 – 16:00" on one day, both full instants otherwise. */
export function formatRange(startIso: string, endIso: string, locale: string): string {
  const sameDay = beijingDay(startIso) === beijingDay(endIso)
  const endText = sameDay ? formatTime(endIso, locale) : formatDateTime(endIso, locale)
  return `${formatDateTime(startIso, locale)} – ${endText}`
}

export const formatTime = (iso: string, locale: string) => formatBeijing(iso, locale, TIME)
