/**
 * Notices (消息): what happened to a person, written by the service that made it happen, in the
 * same transaction — so a notice exists exactly when its change committed, once (a replayed push
 * answers its recorded result and runs nothing; a second decision is refused as not pending). The
 * person who acted is never told of their own act. Each row is stamped with a sync version and
 * reaches only its person (server/sync/tables/notices.ts); `notice.markRead` marks them read.
 */
import { randomUUID } from 'node:crypto'
import { LIVE_REGISTRATION } from '../../shared/rules/activity'
import type { Notice, NoticeKind } from '../../shared/schemas/notice'
import type { Executor } from '../db/database'
import type { ActivityRow, RegistrationRow } from '../db/activity.table'
import type { MembershipRow } from '../db/membership.table'
import type { NoticeRow } from '../db/notice.table'
import { nextVersion } from '../db/version'
import { DomainError } from '../errors'
import type { DomainContext } from './context'
import type { AccountEraser } from './account-delete'
import type { ExportSection } from './account-export'

export interface NoticeInput {
  userId: string
  kind: NoticeKind
  orgId: string | null
  activityId: string | null
  subjectId: string
  title: string
  reason?: string | null
  startsAt?: string | null
  venueAddress?: string | null
}

/** Writes one notice for one person, in the caller's transaction (volunteer services call it directly). */
export async function notify(trx: Executor, n: NoticeInput, now: Date): Promise<void> {
  await trx
    .insertInto('notices')
    .values({
      id: randomUUID(),
      user_id: n.userId,
      kind: n.kind,
      org_id: n.orgId,
      activity_id: n.activityId,
      subject_id: n.subjectId,
      title: n.title,
      reason: n.reason ?? null,
      starts_at: n.startsAt ?? null,
      venue_address: n.venueAddress ?? null,
      created_at: now.toISOString(),
      read_at: null,
      version: await nextVersion(trx),
    })
    .execute()
}

/** An admin approved or refused an application: the applicant hears it, with the reason given. */
export function notifyMembershipDecision(trx: Executor, m: MembershipRow, orgName: string, now: Date): Promise<void> {
  return notify(
    trx,
    {
      userId: m.user_id,
      kind: m.status === 'active' ? 'membership_approved' : 'membership_rejected',
      orgId: m.org_id,
      activityId: null,
      subjectId: m.id,
      title: orgName,
      reason: m.status === 'active' ? null : m.reason,
    },
    now,
  )
}

const aboutActivity = (a: ActivityRow, reg: RegistrationRow) => ({
  userId: reg.user_id,
  orgId: a.org_id,
  activityId: a.id,
  subjectId: reg.id,
  title: a.title,
})

/** The waitlist's head got a place (registered, or awaiting approval where the activity needs it). */
export function notifyPromotion(trx: Executor, reg: RegistrationRow, activity: ActivityRow, now: Date): Promise<void> {
  const kind = reg.status === 'pending_approval' ? 'waitlist_promoted_approval' : 'waitlist_promoted'
  return notify(trx, { ...aboutActivity(activity, reg), kind }, now)
}

/** An organiser approved or refused a registration awaiting approval. */
export function notifyRegistrationDecision(trx: Executor, reg: RegistrationRow, activity: ActivityRow, now: Date): Promise<void> {
  const kind = reg.status === 'rejected' ? 'registration_rejected' : 'registration_approved'
  return notify(trx, { ...aboutActivity(activity, reg), kind }, now)
}

/** Did an edit move the activity in time or place (what its registrants must hear of)? */
export const movedInTimeOrPlace = (before: ActivityRow, after: ActivityRow) =>
  before.starts_at !== after.starts_at || before.ends_at !== after.ends_at || before.venue_address !== after.venue_address

/**
 * Everyone still on the activity (registered, waitlisted or awaiting approval) hears that it moved
 * (its new time and place) or was cancelled (with the reason), except the person who did it.
 */
export async function notifyRegistrants(
  trx: Executor,
  activity: ActivityRow,
  kind: Extract<NoticeKind, 'activity_changed' | 'activity_cancelled'>,
  actorId: string,
  now: Date,
): Promise<number> {
  const regs = await trx
    .selectFrom('registrations')
    .select('user_id')
    .where('activity_id', '=', activity.id)
    .where('status', 'in', LIVE_REGISTRATION)
    .where('user_id', '!=', actorId)
    .orderBy('seq')
    .execute()
  const detail =
    kind === 'activity_cancelled'
      ? { reason: activity.cancel_reason }
      : { startsAt: activity.starts_at, venueAddress: activity.venue_address }
  for (const r of regs) {
    await notify(
      trx,
      {
        userId: r.user_id,
        kind,
        orgId: activity.org_id,
        activityId: activity.id,
        subjectId: activity.id,
        title: activity.title,
        ...detail,
      },
      now,
    )
  }
  return regs.length
}

export function toNotice(r: NoticeRow): Notice {
  return {
    id: r.id,
    kind: r.kind,
    orgId: r.org_id,
    activityId: r.activity_id,
    subjectId: r.subject_id,
    title: r.title,
    reason: r.reason,
    startsAt: r.starts_at,
    venueAddress: r.venue_address,
    createdAt: r.created_at,
    readAt: r.read_at,
    version: r.version,
  }
}

/**
 * The person read these notices: the unread ones get the time (one new version for the batch);
 * ones already read keep theirs. A notice that is not theirs answers like a missing one.
 */
export async function markNoticesRead({ trx, user, clock }: DomainContext, noticeIds: string[]): Promise<Notice[]> {
  const ids = [...new Set(noticeIds)]
  const mine = await trx.selectFrom('notices').select(['id', 'read_at']).where('id', 'in', ids).where('user_id', '=', user.id).execute()
  if (mine.length !== ids.length) throw new DomainError('not_found', 'no such notice')
  const unread = mine.filter((n) => n.read_at === null).map((n) => n.id)
  if (unread.length) {
    await trx
      .updateTable('notices')
      .set({ read_at: clock.now().toISOString(), version: await nextVersion(trx) })
      .where('id', 'in', unread)
      .execute()
  }
  const rows = await trx.selectFrom('notices').selectAll().where('id', 'in', ids).orderBy('version').execute()
  return rows.map(toNotice)
}

/** The person's notices in their data export. */
export const noticeExportSection: ExportSection = {
  name: 'notices',
  async collect(db, userId) {
    const rows = await db.selectFrom('notices').selectAll().where('user_id', '=', userId).orderBy('version').execute()
    return rows.map((r) => {
      const { version: _v, ...notice } = toNotice(r)
      return notice
    })
  },
}

/** Notices say what happened to the person: nothing to keep once the account is gone. */
export const noticeEraser: AccountEraser = async (trx, user) => {
  const res = await trx.deleteFrom('notices').where('user_id', '=', user.id).executeTakeFirst()
  return { removed: [{ what: 'notices', count: Number(res.numDeletedRows) }] }
}
