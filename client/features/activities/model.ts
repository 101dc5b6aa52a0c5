/**
 * Pure activity logic for the member screens: Beijing-time formatting (shared/time/beijing.ts), the day list, 我的活动's
 * buckets and the notices a person should see (promoted from the waitlist, approved, cancelled by
 * the organiser, moved). No IndexedDB and no Vue here, so it is unit-tested directly.
 */
import type { Activity, CheckIn, Registration } from '../../../shared/schemas/activity'
import { LIVE_REGISTRATION, creditedHours } from '../../../shared/rules/activity'
import { beijingDay, formatBeijing } from '../../../shared/time/beijing'

/** "12月1日 周二" / "Tue, Dec 1" */
export function formatDay(iso: string, locale: string): string {
  return formatBeijing(iso, locale, { month: 'short', day: 'numeric', weekday: 'short' })
}

export function formatTime(iso: string, locale: string): string {
  return formatBeijing(iso, locale, { hour: '2-digit', minute: '2-digit', hour12: false })
}

/** "12月1日 周二 14:00" */
export function formatInstant(iso: string, locale: string): string {
  return `${formatDay(iso, locale)} ${formatTime(iso, locale)}`
}

/** "12月1日 周二 14:00–16:00", or both dates when it spans days. */
export function formatRange(startsAt: string, endsAt: string, locale: string): string {
  const sameDay = beijingDay(startsAt) === beijingDay(endsAt)
  const start = `${formatDay(startsAt, locale)} ${formatTime(startsAt, locale)}`
  return sameDay ? `${start}–${formatTime(endsAt, locale)}` : `${start} – ${formatDay(endsAt, locale)} ${formatTime(endsAt, locale)}`
}

/** Activities grouped by the Beijing day they start on, in order. */
export function groupByDay<A extends Pick<Activity, 'startsAt'>>(items: A[]): Array<{ day: string; items: A[] }> {
  const groups: Array<{ day: string; items: A[] }> = []
  for (const item of items) {
    const day = beijingDay(item.startsAt)
    const last = groups.at(-1)
    if (last && last.day === day) last.items.push(item)
    else groups.push({ day, items: [item] })
  }
  return groups
}

export type MyRegistration = Registration & { syncing: boolean }

/** The registration that matters for an activity: a live one, else the latest. */
export function registrationFor(regs: MyRegistration[], activityId: string): MyRegistration | null {
  const mine = regs.filter((r) => r.activityId === activityId)
  const live = mine.find((r) => LIVE_REGISTRATION.includes(r.status))
  if (live) return live
  return mine.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1)).at(-1) ?? null
}

export interface MyActivityEntry<A> {
  activity: A
  registration: MyRegistration | null
  checkedInAt: string | null
}
export interface MyActivityBuckets<A> {
  upcoming: MyActivityEntry<A>[]
  waitlisted: MyActivityEntry<A>[]
  attended: MyActivityEntry<A>[]
  cancelled: MyActivityEntry<A>[]
  attendedHours: number
}

/**
 * 我的活动 from the replica (so it works offline and includes registrations not yet synced):
 * attended (checked in, with hours), cancelled (by the person, the organiser, or declined),
 * waitlisted, upcoming (a place held, not yet over). A registration whose activity ended without a
 * check-in is history and shown nowhere, as on the server.
 */
export function bucketMyActivities<
  A extends Pick<Activity, 'id' | 'startsAt' | 'endsAt' | 'status' | 'creditHours'> & { checkInOpensMinutesBefore?: number },
>(
  activities: Map<string, A>,
  regs: MyRegistration[],
  checkIns: Array<Pick<CheckIn, 'activityId' | 'userId' | 'at'>>,
  userId: string,
  now: Date,
): MyActivityBuckets<A> {
  const out: MyActivityBuckets<A> = { upcoming: [], waitlisted: [], attended: [], cancelled: [], attendedHours: 0 }
  const checkedIn = new Map(checkIns.filter((c) => c.userId === userId && c.at).map((c) => [c.activityId, c.at]))
  const ids = new Set([...regs.map((r) => r.activityId), ...checkedIn.keys()])
  for (const id of ids) {
    const activity = activities.get(id)
    if (!activity) continue
    const registration = registrationFor(regs, id)
    const at = checkedIn.get(id) ?? null
    const entry = { activity, registration, checkedInAt: at }
    if (at) out.attended.push(entry)
    else if (!registration) continue
    else if (activity.status === 'cancelled' || registration.status === 'cancelled' || registration.status === 'rejected')
      out.cancelled.push(entry)
    else if (registration.status === 'waitlisted') out.waitlisted.push(entry)
    else if (new Date(activity.endsAt).getTime() >= now.getTime()) out.upcoming.push(entry)
  }
  const byStart = (a: MyActivityEntry<A>, b: MyActivityEntry<A>) => (a.activity.startsAt < b.activity.startsAt ? -1 : 1)
  out.upcoming.sort(byStart)
  out.waitlisted.sort(byStart)
  out.attended.sort((a, b) => -byStart(a, b))
  out.cancelled.sort((a, b) => -byStart(a, b))
  // credit hours only for a check-in inside the check-in window, as on the server
  out.attendedHours = out.attended.reduce((sum, e) => sum + creditedHours(e.activity, e.checkedInAt), 0)
  return out
}

/** What the person last saw of their registrations and the activities behind them. */
export interface SeenState {
  registrations: Record<string, Registration['status']>
  activities: Record<string, { status: Activity['status']; startsAt: string; venueAddress: string }>
}
export type NoticeKind = 'promoted' | 'promotedApproval' | 'approved' | 'rejected' | 'cancelled' | 'changed'
export interface ActivityNotice {
  key: string
  kind: NoticeKind
  activityId: string
  title: string
  /** the organiser's reason, for a cancellation */
  reason?: string | null
}

/**
 * Changes worth telling the person, comparing the replica with what they last saw. Rows still
 * waiting in the outbox are the person's own guesses and never make a notice. Returns the notices
 * and the seen state with every row seen for the first time added (a baseline makes no notice).
 */
export function diffNotices(
  seen: SeenState,
  regs: MyRegistration[],
  activities: Map<string, Pick<Activity, 'id' | 'title' | 'status' | 'startsAt' | 'venueAddress'> & { cancelReason?: string | null }>,
): { notices: ActivityNotice[]; baseline: SeenState } {
  const notices: ActivityNotice[] = []
  const baseline: SeenState = { registrations: { ...seen.registrations }, activities: { ...seen.activities } }
  for (const r of regs) {
    if (r.syncing || r.version === 0) continue
    const before = seen.registrations[r.id]
    const activity = activities.get(r.activityId)
    if (before === undefined) {
      baseline.registrations[r.id] = r.status
    } else if (before !== r.status && activity) {
      const kind: NoticeKind | null =
        before === 'waitlisted' && r.status === 'registered'
          ? 'promoted'
          : before === 'waitlisted' && r.status === 'pending_approval'
            ? 'promotedApproval'
            : before === 'pending_approval' && r.status === 'registered'
              ? 'approved'
              : r.status === 'rejected'
                ? 'rejected'
                : null
      if (kind) notices.push({ key: `r:${r.id}:${r.status}`, kind, activityId: r.activityId, title: activity.title })
    }
    if (!activity || !LIVE_REGISTRATION.includes(r.status)) continue
    const a = seen.activities[activity.id]
    if (!a) {
      baseline.activities[activity.id] = { status: activity.status, startsAt: activity.startsAt, venueAddress: activity.venueAddress }
    } else if (a.status === 'published' && activity.status === 'cancelled') {
      notices.push({
        key: `a:${activity.id}:cancelled`,
        kind: 'cancelled',
        activityId: activity.id,
        title: activity.title,
        reason: activity.cancelReason ?? null,
      })
    } else if (activity.status === 'published' && (a.startsAt !== activity.startsAt || a.venueAddress !== activity.venueAddress)) {
      notices.push({
        key: `a:${activity.id}:${activity.startsAt}:${activity.venueAddress}`,
        kind: 'changed',
        activityId: activity.id,
        title: activity.title,
      })
    }
  }
  return { notices, baseline }
}

/** Marks a notice as seen: the current state of its row becomes what the person saw. */
export function acknowledge(
  seen: SeenState,
  notice: ActivityNotice,
  regs: MyRegistration[],
  activities: Map<string, Pick<Activity, 'id' | 'status' | 'startsAt' | 'venueAddress'>>,
): SeenState {
  const next: SeenState = { registrations: { ...seen.registrations }, activities: { ...seen.activities } }
  for (const r of regs) if (r.activityId === notice.activityId && !r.syncing) next.registrations[r.id] = r.status
  const a = activities.get(notice.activityId)
  if (a) next.activities[a.id] = { status: a.status, startsAt: a.startsAt, venueAddress: a.venueAddress }
  return next
}
