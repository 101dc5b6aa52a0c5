/**
 * Activities (活动), registrations (报名, with the 候补 waitlist) and check-ins (签到): the entity
 * shapes the API and the sync engine hand out, the REST inputs, and the sync mutation arguments.
 */
import { z } from 'zod'
import { IsoDateTime, Phone, PersonName, Uuid } from './common'
import { OrgId } from './organization'
import { humanText } from './human-text'
import { RegionCode } from './user'
import { openPage, pageQuery } from './paging'

export const ActivityKind = z.enum(['academic', 'popularization', 'training', 'party_class', 'other'])
export type ActivityKind = z.infer<typeof ActivityKind>
export const ActivityAudience = z.enum(['members', 'public'])
export type ActivityAudience = z.infer<typeof ActivityAudience>
export const ActivityStatus = z.enum(['published', 'cancelled'])
export type ActivityStatus = z.infer<typeof ActivityStatus>
export const RegistrationStatus = z.enum(['registered', 'waitlisted', 'pending_approval', 'cancelled', 'rejected'])
export type RegistrationStatus = z.infer<typeof RegistrationStatus>
export const CheckInMethod = z.enum(['card', 'member_no', 'phone', 'walk_in'])
export type CheckInMethod = z.infer<typeof CheckInMethod>

/** Check-in opens this many minutes before the start unless the organiser sets otherwise (the column's default too). */
export const DEFAULT_CHECK_IN_OPENS_MINUTES = 120
/** 0 (at the start) to 24 hours before it: a desk that opens earlier is open for a different event. */
export const CheckInOpensMinutesBefore = z
  .number()
  .int('minutes are a whole number')
  .min(0, 'check-in opens at the start at the latest')
  .max(1440, 'check-in opens at most 24 hours (1440 minutes) before the start')

/** An activity as everyone sees it (API and the synced 'activities' table). */
export const Activity = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: ActivityKind,
  title: z.string(),
  description: z.string(),
  venueAddress: z.string(),
  hubId: z.string().nullable(),
  regionCode: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  capacity: z.number().int(),
  /** places held (registered + awaiting approval); placesLeft = capacity − placesTaken */
  placesTaken: z.number().int(),
  placesLeft: z.number().int(),
  requiresApproval: z.boolean(),
  audience: ActivityAudience,
  status: ActivityStatus,
  /** the organiser's reason when cancelled */
  cancelReason: z.string().nullable(),
  /** credit hours (学时) for attending; volunteer service hours and course 学时 are other fields */
  creditHours: z.number(),
  /**
   * check-in is accepted from this many minutes before the start until the end; a row synced before
   * the field existed reads as the default (migration 0007 gave every old activity that value)
   */
  checkInOpensMinutesBefore: z.number().int().default(DEFAULT_CHECK_IN_OPENS_MINUTES),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type Activity = z.infer<typeof Activity>

/** A person's own registration (synced table 'registrations'). */
export const Registration = z.object({
  id: z.string(),
  activityId: z.string(),
  status: RegistrationStatus,
  /** 1-based place in the waitlist while waitlisted, else null */
  waitlistPosition: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type Registration = z.infer<typeof Registration>

/** The activity page: plus the organiser's name, the waitlist length and the caller's own registration. */
export const ActivityDetail = Activity.extend({
  orgName: z.string(),
  waitlistCount: z.number().int(),
  myRegistration: Registration.nullable(),
  /**
   * For a members-only activity: may the caller register (an active member of the organiser or of an
   * organisation below it)? null for a guest and for activities open to everyone.
   */
  callerIsMember: z.boolean().nullable().default(null),
})
export type ActivityDetail = z.infer<typeof ActivityDetail>

/** A check-in as its subject sees it (synced table 'check_ins') and as the organiser's mutation returns it. */
export const CheckIn = z.object({
  id: z.string(),
  activityId: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  method: CheckInMethod,
  at: z.string(),
  version: z.number().int(),
})
export type CheckIn = z.infer<typeof CheckIn>

const Title = humanText({ label: 'title', min: 2, max: 80 })
const Description = humanText({ label: 'description', min: 0, max: 4000, multiline: true })
const Venue = humanText({ label: 'venue address', min: 2, max: 200 })

// No defaults here: PATCH is a partial of these, and a default would overwrite an unsent field.
const ActivityFields = z.object({
  orgId: OrgId,
  kind: ActivityKind,
  title: Title,
  description: Description,
  venueAddress: Venue,
  /** defaults to the organiser's region; national when neither */
  regionCode: RegionCode.nullable().optional(),
  /** the hub (阵地) it takes place at: active, inside the organiser's region; null: none */
  hubId: Uuid.nullable().optional(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  registrationOpensAt: IsoDateTime,
  registrationClosesAt: IsoDateTime,
  capacity: z.number().int().min(1, 'capacity is at least 1').max(100_000, 'capacity is at most 100000'),
  requiresApproval: z.boolean(),
  audience: ActivityAudience,
  creditHours: z.number().min(0).max(100),
  checkInOpensMinutesBefore: CheckInOpensMinutesBefore,
})

/** `POST /api/activities` — the time rules (order of the four instants) are checked by shared/rules/activity.ts. */
export const ActivityInput = ActivityFields.extend({
  description: Description.default(''),
  requiresApproval: z.boolean().default(false),
  audience: ActivityAudience.default('public'),
  creditHours: z.number().min(0).max(100).default(0),
  checkInOpensMinutesBefore: CheckInOpensMinutesBefore.default(DEFAULT_CHECK_IN_OPENS_MINUTES),
}).strict()
export type ActivityInput = z.infer<typeof ActivityInput>

/** `PATCH /api/activities/:id` — any field but the organiser. */
export const ActivityPatch = ActivityFields.omit({ orgId: true })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
export type ActivityPatch = z.infer<typeof ActivityPatch>

export const ActivityIdParam = z.object({ id: Uuid })
export const RegistrationDecisionParam = z.object({ id: Uuid, registrationId: Uuid })
/** A registration as the organiser sees it after a decision (no phone). */
export const RegistrationDecision = z.object({ registration: Registration, promoted: z.number().int(), activity: Activity })
export const ActivityCancelInput = z.object({ reason: humanText({ label: 'reason', min: 0, max: 200 }).optional() }).strict()

const Flag = z.enum(['0', '1']).transform((v) => v === '1')

/** `GET /api/activities` — discovery. */
export const ActivityListQuery = z.object({
  /** 1: in the caller's region, its parents and national (anonymous callers pass `region`) */
  near: Flag.optional(),
  region: RegionCode.optional(),
  org: OrgId.optional(),
  kind: ActivityKind.optional(),
  /** activities still running at or after this instant (default: now) */
  from: IsoDateTime.optional(),
  /** activities starting before this instant */
  to: IsoDateTime.optional(),
  ...pageQuery({ maxPageSize: 100, defaultPageSize: 20 }),
})
export type ActivityListQuery = z.infer<typeof ActivityListQuery>

export const ActivityListItem = Activity.extend({ orgName: z.string() })
export type ActivityListItem = z.infer<typeof ActivityListItem>
export const ActivityPage = openPage(ActivityListItem)

/** `GET /api/admin/activities`: the activities the caller organises (published and cancelled). */
export const OrganiserActivityQuery = z.object({
  status: ActivityStatus.optional(),
  /** activities still running at or after this instant (default: 30 days ago) */
  from: IsoDateTime.optional(),
  ...pageQuery({ maxPageSize: 100, defaultPageSize: 50 }),
})
export const OrganiserActivityItem = ActivityListItem.extend({
  waitlistCount: z.number().int(),
  /** registrations awaiting the organiser's approval */
  approvalCount: z.number().int().default(0),
})
export type OrganiserActivityItem = z.infer<typeof OrganiserActivityItem>
export const OrganiserActivityPage = openPage(OrganiserActivityItem)

/** One line of the organiser's attendance list: phones masked. */
export const AttendanceItem = z.object({
  /** the registration the organiser approves or rejects; null for a check-in without one (walk-in) */
  registrationId: z.string().nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  memberNo: z.string().nullable(),
  /** every active member number of the person (any of them checks them in): the check-in desk's offline list */
  memberNos: z.array(z.string()).default([]),
  registrationStatus: RegistrationStatus.nullable(),
  registeredAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  method: CheckInMethod.nullable(),
})
export type AttendanceItem = z.infer<typeof AttendanceItem>
export const Attendance = z.object({
  activityId: z.string(),
  title: z.string(),
  registered: z.number().int(),
  waitlisted: z.number().int(),
  checkedIn: z.number().int(),
  items: z.array(AttendanceItem),
})
/** The languages an export is written in; without `lang` the request's Accept-Language decides, else Chinese. */
export const ExportLanguage = z.enum(['zh-CN', 'en'])
export type ExportLanguage = z.infer<typeof ExportLanguage>

export const AttendanceCsvQuery = z.object({
  /** full phone numbers: only for system admins (an explicit right); the export is audited either way */
  phones: z.enum(['masked', 'full']).default('masked'),
  lang: ExportLanguage.optional(),
})

/** `GET /api/me/activities` */
export const MyActivityItem = z.object({
  activity: ActivityListItem,
  registration: Registration.nullable(),
  checkedInAt: z.string().nullable(),
})
export const MyActivities = z.object({
  upcoming: z.array(MyActivityItem),
  waitlisted: z.array(MyActivityItem),
  attended: z.array(MyActivityItem),
  cancelled: z.array(MyActivityItem),
  attendedHours: z.number(),
})
export type MyActivities = z.infer<typeof MyActivities>

export const CalendarToken = z.object({ token: z.string(), path: z.string() })
export const CalendarFeedQuery = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'token is not a calendar token') })

/** `activity.register` */
export const ActivityRegisterArgs = z.object({ registrationId: Uuid, activityId: Uuid }).strict()
export type ActivityRegisterArgs = z.infer<typeof ActivityRegisterArgs>
/** `activity.cancel` */
export const ActivityCancelArgs = z.object({ registrationId: Uuid }).strict()
export type ActivityCancelArgs = z.infer<typeof ActivityCancelArgs>
/** `activity.checkIn`: one way to identify the person (card QR, member number or phone), or a walk-in name alone. */
export const ActivityCheckInArgs = z
  .object({
    checkInId: Uuid,
    activityId: Uuid,
    card: z.string().min(10).max(2000).optional(),
    memberNo: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}\d{6,16}$/, 'member number looks like KX202600000001')
      .optional(),
    phone: Phone.optional(),
    /**
     * a walk-in's name; with a phone or number that is not on the activity's list, the person is
     * recorded as a walk-in by this name (and nobody's name is looked up)
     */
    name: PersonName.optional(),
  })
  .strict()
  .refine((a) => [a.card, a.memberNo, a.phone].filter((v) => v !== undefined).length <= 1, 'give one of card, memberNo or phone')
  .refine(
    (a) => a.card !== undefined || a.memberNo !== undefined || a.phone !== undefined || a.name !== undefined,
    'give a card, memberNo, phone or a walk-in name',
  )
export type ActivityCheckInArgs = z.infer<typeof ActivityCheckInArgs>
