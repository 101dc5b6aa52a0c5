/** Weeks of the leader's week view: Monday to Sunday in Beijing, days as YYYY-MM-DD keys. */
import { beijingDay } from '../../../shared/time/beijing'

const DAY_MS = 86_400_000
const utcNoon = (day: string) => Date.parse(`${day}T12:00:00Z`)

/** The day `n` days after `day` (n may be negative). */
export const addDays = (day: string, n: number) => beijingDay(new Date(utcNoon(day) + n * DAY_MS))

/** The Monday of the week `day` falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(utcNoon(day)).getUTCDay() // 0 Sunday … 6 Saturday
  return addDays(day, -((weekday + 6) % 7))
}

/** The seven days from Monday. */
export const weekDays = (monday: string) => Array.from({ length: 7 }, (_, i) => addDays(monday, i))

export const isDay = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(utcNoon(s))
