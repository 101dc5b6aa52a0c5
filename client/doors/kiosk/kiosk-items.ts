/**
 * What the kiosk shows and checks in to, from its replica (the hub's activities and shifts the
 * server syncs to this device): pure, so the home screen, the check-in screen and the tests agree.
 */
import type { Activity } from '../../../shared/schemas/activity'
import type { Shift } from '../../../shared/schemas/volunteer'
import { checkInWindow } from '../../../shared/rules/activity'
import { SHIFT_CHECK_IN_OPENS_MINUTES } from '../../../shared/rules/volunteer'
import { beijingDay, beijingWeekStart } from '../../../shared/time/beijing'

export interface KioskItem {
  kind: 'activity' | 'shift'
  id: string
  title: string
  startsAt: string
  endsAt: string
}

const DAY = 86_400_000
const ms = (t: string) => Date.parse(t)

/** The hub's activities (published) and shifts (open) that have not ended, soonest first. */
export function hubItems(activities: readonly Activity[], shifts: readonly Shift[], hubId: string | null, now: Date): KioskItem[] {
  const items: KioskItem[] = [
    ...activities
      .filter((a) => a.status === 'published' && (!hubId || a.hubId === hubId) && ms(a.endsAt) >= now.getTime())
      .map((a) => ({ kind: 'activity' as const, id: a.id, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt })),
    ...shifts
      .filter((s) => s.status === 'open' && ms(s.endsAt) >= now.getTime())
      .map((s) => ({ kind: 'shift' as const, id: s.id, title: s.serviceTitle, startsAt: s.startsAt, endsAt: s.endsAt })),
  ]
  return items.sort((a, b) => ms(a.startsAt) - ms(b.startsAt) || a.title.localeCompare(b.title))
}

/** Today's (started or starting today, Beijing) and the rest of this Beijing week's. */
export function splitByDay(items: readonly KioskItem[], now: Date): { today: KioskItem[]; week: KioskItem[] } {
  const today = beijingDay(now)
  const weekEnd = ms(beijingWeekStart(now)) + 7 * DAY
  return {
    today: items.filter((i) => beijingDay(i.startsAt) <= today),
    week: items.filter((i) => beijingDay(i.startsAt) > today && ms(i.startsAt) < weekEnd),
  }
}

/** What one can check in to now: an activity inside its check-in window, a shift from 2 h before its start to its end. */
export function checkInTargets(activities: readonly Activity[], shifts: readonly Shift[], hubId: string | null, now: Date): KioskItem[] {
  const t = now.getTime()
  const open = new Set([
    ...activities.filter((a) => checkInWindow(a, now) === 'open').map((a) => a.id),
    ...shifts.filter((s) => t >= ms(s.startsAt) - SHIFT_CHECK_IN_OPENS_MINUTES * 60_000 && t <= ms(s.endsAt)).map((s) => s.id),
  ])
  return hubItems(activities, shifts, hubId, now).filter((i) => open.has(i.id))
}
