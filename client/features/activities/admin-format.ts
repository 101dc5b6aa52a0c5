/** Dates as the organiser screens show them: the app's locale, Beijing time (as the member screens). */
import { ACTIVITY_TIME_ZONE } from './model'

const DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ACTIVITY_TIME_ZONE }
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ACTIVITY_TIME_ZONE }
const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: ACTIVITY_TIME_ZONE }

export const formatDateTime = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, DATE_TIME)

/** "2026/5/2 14:00 – 16:00" on one day, both full instants otherwise. */
export function formatRange(startIso: string, endIso: string, locale: string): string {
  const day = (iso: string) => new Date(iso).toLocaleDateString('en-CA', DAY)
  const sameDay = day(startIso) === day(endIso)
  const endText = sameDay ? formatTime(endIso, locale) : formatDateTime(endIso, locale)
  return `${formatDateTime(startIso, locale)} – ${endText}`
}

export const formatTime = (iso: string, locale: string) => new Date(iso).toLocaleTimeString(locale, TIME)
