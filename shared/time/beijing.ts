/**
 * Beijing time (Asia/Shanghai), the one clock face of the product: activities, shifts and courses
 * happen at Chinese venues, so their times are entered, shown, exported and seeded in Beijing time
 * whatever the device's or the server's zone. China has kept UTC+8 all year since 1991, so day keys
 * and datetime-local values use a fixed offset (exact, and no Intl time-zone data needed); words
 * ("12月1日 周二") go through Intl with the zone named.
 */

export const BEIJING_TIME_ZONE = 'Asia/Shanghai'
export const BEIJING_OFFSET_MS = 8 * 3_600_000

const pad = (n: number) => String(n).padStart(2, '0')
const toDate = (t: string | Date) => (typeof t === 'string' ? new Date(t) : t)

/** The instant's wall clock in Beijing, read through the UTC getters of a shifted Date (null if invalid). */
function wallClock(t: string | Date): Date | null {
  const ms = toDate(t).getTime()
  return Number.isNaN(ms) ? null : new Date(ms + BEIJING_OFFSET_MS)
}

/** "2026-12-01": the Beijing calendar day of an instant (the key for grouping and date inputs); '' if invalid. */
export function beijingDay(t: string | Date): string {
  const b = wallClock(t)
  return b ? `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}` : ''
}

/** The instant a Beijing calendar day starts (00:00 UTC+8), as ISO in UTC. */
export function beijingDayStart(day: string): string {
  return beijingInstant(day, '00:00').toISOString()
}

/** The instant of a Beijing wall-clock time on a Beijing day ("2026-12-01", "14:00"). */
export function beijingInstant(day: string, time: string): Date {
  return new Date(`${day}T${time}+08:00`)
}

/** An instant as a `<input type="datetime-local">` value in Beijing time ("2026-12-01T14:00"); '' if invalid. */
export function toBeijingLocal(t: string | Date): string {
  const b = wallClock(t)
  return b ? `${beijingDay(t)}T${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}` : ''
}

/** A datetime-local value read as Beijing time, as an ISO instant in UTC; null when empty or malformed. */
export function fromBeijingLocal(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(local)) return null
  const d = new Date(`${local}+08:00`)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** "2026-12-01 14:05": sortable, read by spreadsheets as a date-time (exports); '' for null or invalid. */
export function beijingStamp(t: string | Date | null): string {
  if (t === null) return ''
  const local = toBeijingLocal(t)
  return local.replace('T', ' ')
}

/** An instant in words in the given locale, in Beijing time (the options say which parts). */
export function formatBeijing(t: string | Date, locale: string, opts: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { ...opts, timeZone: BEIJING_TIME_ZONE }).format(toDate(t))
}

/** The instant the Beijing week of `t` starts (Monday 00:00 UTC+8), as ISO in UTC: a week view's first day. */
export function beijingWeekStart(t: string | Date): string {
  const day = Math.floor((toDate(t).getTime() + BEIJING_OFFSET_MS) / 86_400_000)
  // day 0 (1970-01-01) was a Thursday: (day + 3) % 7 counts days since Monday
  const monday = day - ((day + 3) % 7)
  return new Date(monday * 86_400_000 - BEIJING_OFFSET_MS).toISOString()
}
