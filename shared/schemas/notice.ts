import { z } from 'zod'
import { Uuid } from './common'

/**
 * What happened to the person (消息), written by the server in the transaction of the change itself:
 * an application decided, a waitlist place given, an activity they are on changed or cancelled, a
 * registration awaiting approval decided. Synced to the person only (never to a device).
 */
export const NoticeKind = z.enum([
  'membership_approved',
  'membership_rejected',
  /** promoted from the waitlist to 已报名 */
  'waitlist_promoted',
  /** promoted from the waitlist to 待审核 (the activity needs approval) */
  'waitlist_promoted_approval',
  'registration_approved',
  'registration_rejected',
  /** its time or place changed: `startsAt` and `venueAddress` are the new ones */
  'activity_changed',
  'activity_cancelled',
  // volunteer services (subject: the team, team member, sign-up or swap; title: the team's name or the service's title)
  /** an admin approved a proposed team (to its creator) */
  'team_approved',
  /** an admin rejected a proposed team (to its creator), with the reason */
  'team_rejected',
  /** a leader approved a request to join */
  'team_member_approved',
  /** a leader declined a request to join, with the reason */
  'team_member_rejected',
  /** a leader removed the person, with the reason */
  'team_member_removed',
  /** an admin gave the person a role (leader, co-leader, member) */
  'team_role_changed',
  /** the head of a shift waitlist got a slot */
  'shift_promoted',
  /** a leader assigned the person to a shift */
  'shift_assigned',
  /** a leader cancelled a shift the person was on, with the reason */
  'shift_cancelled',
  /** a teammate asked the person to take their place */
  'swap_requested',
  /** a leader approved a swap (to both people) */
  'swap_approved',
  /** a leader rejected a swap (to both people) */
  'swap_rejected',
  /** a leader approved (or corrected) the hours of a shift */
  'hours_approved',
  // service requests (subject: the request; title: its number and category word, e.g. 12-0007)
  /** an admin dispatched a request to the person's team (to its leaders and co-leaders) */
  'request_dispatched',
  /** a team declined a request (to the admins of the hub's organisation), with the reason */
  'request_declined',
  /** a request sat past its state's deadline (to the admins of the level above) */
  'request_overdue',
  /** the resident rated a request the team did (to its leaders) */
  'request_rated',
])
export type NoticeKind = z.infer<typeof NoticeKind>

export const Notice = z.object({
  id: z.string(),
  kind: NoticeKind,
  /** the organisation it is about (membership notices) or that runs the activity */
  orgId: z.string().nullable(),
  activityId: z.string().nullable(),
  /** the membership, registration or activity the event happened to */
  subjectId: z.string(),
  /** the organisation's name or the activity's title when it happened */
  title: z.string(),
  /** a refusal's or cancellation's reason, as the organisation wrote it */
  reason: z.string().nullable(),
  startsAt: z.string().nullable(),
  venueAddress: z.string().nullable(),
  createdAt: z.string(),
  /** null while unread; '' when read on this device and not yet confirmed by the server */
  readAt: z.string().nullable(),
  version: z.number().int(),
})
export type Notice = z.infer<typeof Notice>

/** The most notices one `notice.markRead` marks (the client sends "all" in batches of this size). */
export const MAX_MARK_READ = 200

/** `notice.markRead`: these notices (one, or all the person saw unread) become read. */
export const NoticeMarkReadArgs = z.object({ noticeIds: z.array(Uuid).min(1).max(MAX_MARK_READ) }).strict()
export type NoticeMarkReadArgs = z.infer<typeof NoticeMarkReadArgs>
