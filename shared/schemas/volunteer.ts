/**
 * Science volunteer services (科技志愿服务): teams (科技志愿服务队) with leaders (队长), co-leaders and
 * members; services (志愿服务项目) with shifts (班次) that have slots and required skills; sign-ups
 * (with the FIFO waitlist of shared/rules/capacity.ts), attendance and the volunteer hours (服务时长)
 * a leader approves. The entity shapes the API and the sync engine hand out, the REST inputs and the
 * sync mutation arguments.
 */
import { z } from 'zod'
import { IsoDateTime, Phone, PersonName, Uuid } from './common'
import { OrgId } from './organization'
import { humanText } from './human-text'
import { RegionCode } from './user'
import { countedPage, openPage, pageQuery } from './paging'

/**
 * The fixed list of volunteer skills. Stored as a bit mask (bit i = VOLUNTEER_SKILLS[i]), so
 * "shifts matching my skills" is one `&` in SQL on SQLite and PostgreSQL alike: append only, never
 * reorder.
 */
export const VOLUNTEER_SKILLS = [
  'health', // 医疗健康
  'agriculture', // 农业技术
  'science_explainer', // 科普讲解
  'first_aid', // 应急救护
  'it', // 信息技术
  'education', // 教育辅导
  'environment', // 生态环保
  'elder_care', // 助老服务
] as const
export const VolunteerSkill = z.enum(VOLUNTEER_SKILLS)
export type VolunteerSkill = z.infer<typeof VolunteerSkill>
export const Skills = z.array(VolunteerSkill).max(VOLUNTEER_SKILLS.length)

export function skillsToMask(skills: readonly VolunteerSkill[]): number {
  let mask = 0
  for (const s of skills) mask |= 1 << VOLUNTEER_SKILLS.indexOf(s)
  return mask
}
export function maskToSkills(mask: number): VolunteerSkill[] {
  return VOLUNTEER_SKILLS.filter((_, i) => (mask & (1 << i)) !== 0)
}

/** pending: proposed by a member, waiting for an admin of its organisation; rejected; active; closed by an admin. */
export const TeamStatus = z.enum(['pending', 'active', 'rejected', 'closed'])
export type TeamStatus = z.infer<typeof TeamStatus>
export const TeamRole = z.enum(['leader', 'co_leader', 'member'])
export type TeamRole = z.infer<typeof TeamRole>
/** pending: asked to join, waiting for a leader; removed: by a leader; left: by themselves. */
export const TeamMemberStatus = z.enum(['pending', 'active', 'rejected', 'removed', 'left'])
export type TeamMemberStatus = z.infer<typeof TeamMemberStatus>
export const ServiceStatus = z.enum(['active', 'cancelled'])
export type ServiceStatus = z.infer<typeof ServiceStatus>
export const ShiftStatus = z.enum(['open', 'cancelled'])
export type ShiftStatus = z.infer<typeof ShiftStatus>
/** signed_up holds a slot; waitlisted waits (FIFO by the server's seq); removed: by a leader or given away in a swap. */
export const SignupStatus = z.enum(['signed_up', 'waitlisted', 'cancelled', 'removed'])
export type SignupStatus = z.infer<typeof SignupStatus>
/** How the person got onto the shift. */
export const SignupSource = z.enum(['self', 'assigned', 'walk_in', 'swap'])
export type SignupSource = z.infer<typeof SignupSource>
/** none: nothing to approve yet (or a no-show); pending: computed, waiting for the leader; approved: counts. */
export const HoursStatus = z.enum(['none', 'pending', 'approved'])
export type HoursStatus = z.infer<typeof HoursStatus>
/** requested → accepted (by the teammate) → approved (by a leader); or declined / rejected / withdrawn. */
export const SwapStatus = z.enum(['requested', 'accepted', 'approved', 'declined', 'rejected', 'withdrawn'])
export type SwapStatus = z.infer<typeof SwapStatus>

/** Hours count only when the person attended at least this share of the shift, unless the team says otherwise. */
export const DEFAULT_MIN_ATTENDANCE_PERCENT = 60
/** A volunteer may cancel up to this many hours before the start, unless the team says otherwise. */
export const DEFAULT_CANCEL_CUTOFF_HOURS = 24
/** The most weekly occurrences one "repeat weekly" creates (half a year). */
export const MAX_WEEKLY_REPEATS = 26

/** A team as everyone sees it (synced table 'volunteer_teams', and discovery). */
export const VolunteerTeam = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  description: z.string(),
  regionCode: z.string().nullable(),
  skills: Skills,
  status: TeamStatus,
  /** hours count only when at least this share (percent) of the shift was attended */
  minAttendancePercent: z.number().int(),
  /** a volunteer may cancel a shift up to this many hours before it starts */
  cancelCutoffHours: z.number().int(),
  /** active members */
  memberCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type VolunteerTeam = z.infer<typeof VolunteerTeam>

/** A person's own place on a team (synced table 'team_members'). */
export const TeamMember = z.object({
  id: z.string(),
  teamId: z.string(),
  role: TeamRole,
  status: TeamMemberStatus,
  skills: Skills,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type TeamMember = z.infer<typeof TeamMember>

/** A shift with its service's title and place (synced table 'shifts'). */
export const Shift = z.object({
  id: z.string(),
  serviceId: z.string(),
  teamId: z.string(),
  serviceTitle: z.string(),
  venueAddress: z.string(),
  regionCode: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  slots: z.number().int(),
  placesTaken: z.number().int(),
  placesLeft: z.number().int(),
  requiredSkills: Skills,
  /** the weekly series it belongs to (created together), else null */
  seriesId: z.string().nullable(),
  status: ShiftStatus,
  /** a leader's reason when cancelled */
  cancelReason: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type Shift = z.infer<typeof Shift>

/** A person's own sign-up for a shift, with its attendance and hours (synced table 'shift_signups'). */
export const ShiftSignup = z.object({
  id: z.string(),
  shiftId: z.string(),
  status: SignupStatus,
  source: SignupSource,
  /** 1-based place in the waitlist while waitlisted (when the row last changed), else null */
  waitlistPosition: z.number().int().nullable(),
  /** the day-before "I will come" */
  confirmedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  noShow: z.boolean(),
  hoursStatus: HoursStatus,
  /** minutes that count (computed, or a leader's correction); null before check-in */
  creditedMinutes: z.number().int().nullable(),
  /** the leader's reason when they corrected the computed minutes */
  correctionReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type ShiftSignup = z.infer<typeof ShiftSignup>

/** A swap request the person made or was asked to take (synced table 'shift_swaps'). */
export const ShiftSwap = z.object({
  id: z.string(),
  shiftId: z.string(),
  fromSignupId: z.string(),
  fromName: z.string(),
  toName: z.string(),
  /** true on the teammate's copy: they are the one asked */
  askedOfMe: z.boolean(),
  status: SwapStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type ShiftSwap = z.infer<typeof ShiftSwap>

// ---------- REST inputs and answers ----------

const TeamName = humanText({ label: 'team name', min: 2, max: 60 })
const Description = humanText({ label: 'description', min: 0, max: 2000, multiline: true })
const ServiceTitle = humanText({ label: 'service title', min: 2, max: 80 })
const Venue = humanText({ label: 'venue address', min: 2, max: 200 })
const Reason = humanText({ label: 'reason', min: 2, max: 200 })
export const MinAttendancePercent = z.number().int().min(0).max(100)
export const CancelCutoffHours = z.number().int().min(0).max(168)

/**
 * `POST /api/teams`: an admin of `orgId` (or above) creates an active team and may name its leader;
 * any active member of the organisation proposes one (status pending) and becomes its leader when an
 * admin approves it.
 */
export const TeamInput = z
  .object({
    orgId: OrgId,
    name: TeamName,
    description: Description.default(''),
    regionCode: RegionCode.nullable().optional(),
    skills: Skills.default([]),
    minAttendancePercent: MinAttendancePercent.default(DEFAULT_MIN_ATTENDANCE_PERCENT),
    cancelCutoffHours: CancelCutoffHours.default(DEFAULT_CANCEL_CUTOFF_HOURS),
  })
  .strict()
export type TeamInput = z.infer<typeof TeamInput>
/** `PATCH /api/lead/teams/{id}`: a leader edits the team and its rules for counting hours. */
export const TeamPatch = z
  .object({
    name: TeamName,
    description: Description,
    regionCode: RegionCode.nullable(),
    skills: Skills,
    minAttendancePercent: MinAttendancePercent,
    cancelCutoffHours: CancelCutoffHours,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
export type TeamPatch = z.infer<typeof TeamPatch>

export const TeamIdParam = z.object({ id: Uuid })
export const TeamMemberParam = z.object({ id: Uuid, memberId: Uuid })

/** `GET /api/teams`: discovery (near the caller or a region, by skill, by name). */
export const TeamListQuery = z.object({
  near: z
    .enum(['0', '1'])
    .transform((v) => v === '1')
    .optional(),
  region: RegionCode.optional(),
  org: OrgId.optional(),
  skill: VolunteerSkill.optional(),
  q: z.string().trim().min(1).max(40).optional(),
  ...pageQuery({ maxPageSize: 100, defaultPageSize: 20 }),
})
export const TeamPage = openPage(VolunteerTeam)
/** `GET /api/teams/{id}`: plus the caller's own place on it and who leads it (names only). */
export const TeamDetail = VolunteerTeam.extend({
  leaders: z.array(z.object({ name: z.string(), role: TeamRole })),
  myMembership: TeamMember.nullable(),
  /** may the caller lead it (leader, co-leader, or an admin of its organisation)? */
  canLead: z.boolean(),
})
export type TeamDetail = z.infer<typeof TeamDetail>

/** One line of a leader's roster: phones masked. */
export const RosterItem = z.object({
  memberId: z.string(),
  userId: z.string(),
  name: z.string(),
  phone: z.string(),
  role: TeamRole,
  status: TeamMemberStatus,
  skills: Skills,
  joinedAt: z.string(),
  /** approved hours on this team */
  approvedMinutes: z.number().int(),
  noShows: z.number().int(),
})
export type RosterItem = z.infer<typeof RosterItem>
export const Roster = z.object({ teamId: z.string(), items: z.array(RosterItem) })
/** `POST /api/lead/teams/{id}/members/{memberId}/decision` */
export const MemberDecisionInput = z.object({ decision: z.enum(['approve', 'reject', 'remove']), reason: Reason.optional() }).strict()
/** `POST /api/admin/teams/{id}/members/{memberId}/role`: an admin of the team's organisation gives a role. */
export const TeamRoleInput = z.object({ role: TeamRole }).strict()
/** `POST /api/admin/teams/{id}/decision`: an admin approves or rejects a proposed team, or closes one. */
export const TeamDecisionInput = z.object({ decision: z.enum(['approve', 'reject', 'close']), reason: Reason.optional() }).strict()
/** A team's invitation link carries this code; joining with it skips the leader's approval. */
export const InviteCode = z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, 'not an invitation code')
export const TeamInvite = z.object({ code: z.string(), path: z.string() })

/** `POST /api/lead/teams/{id}/services` */
export const ServiceInput = z
  .object({
    title: ServiceTitle,
    description: Description.default(''),
    venueAddress: Venue,
    /** defaults to the team's region */
    regionCode: RegionCode.nullable().optional(),
    /** the hub (阵地) it takes place at: active, inside the team's organisation's region; null: none */
    hubId: Uuid.nullable().optional(),
  })
  .strict()
export type ServiceInput = z.infer<typeof ServiceInput>
export const ServicePatch = z
  .object({ title: ServiceTitle, description: Description, venueAddress: Venue, regionCode: RegionCode.nullable(), hubId: Uuid.nullable() })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
export const VolunteerService = z.object({
  id: z.string(),
  teamId: z.string(),
  title: z.string(),
  description: z.string(),
  venueAddress: z.string(),
  regionCode: z.string().nullable(),
  /** the hub it takes place at, if any */
  hubId: z.string().nullable(),
  status: ServiceStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type VolunteerService = z.infer<typeof VolunteerService>
export const ServiceIdParam = z.object({ id: Uuid })

/** `POST /api/lead/services/{id}/shifts`: one shift, or the same shift every week `repeatWeeks` times in all. */
export const ShiftInput = z
  .object({
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    slots: z.number().int().min(1).max(1000),
    requiredSkills: Skills.default([]),
    /** 1 = this shift only; n = this one and the n − 1 following weeks */
    repeatWeeks: z.number().int().min(1).max(MAX_WEEKLY_REPEATS).default(1),
  })
  .strict()
export type ShiftInput = z.infer<typeof ShiftInput>
/** `PATCH /api/lead/shifts/{id}` (`series: true` = this one and the later ones of its series) */
export const ShiftPatch = z
  .object({
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    slots: z.number().int().min(1).max(1000),
    requiredSkills: Skills,
    series: z.boolean(),
  })
  .partial()
  .strict()
export const ShiftCancelInput = z.object({ reason: Reason.optional(), series: z.boolean().default(false) }).strict()
export const ShiftIdParam = z.object({ id: Uuid })

/** `GET /api/lead/teams/{id}/week?start=` : the team's shifts of one week (Monday 00:00 Beijing time on). */
export const WeekQuery = z.object({ start: IsoDateTime.optional() })
export const WeekShift = Shift.extend({
  /** the people on it: signed up (confirmed or not) and waiting */
  people: z.array(
    z.object({
      signupId: z.string(),
      name: z.string(),
      status: SignupStatus,
      confirmed: z.boolean(),
      checkedIn: z.boolean(),
    }),
  ),
  waitlistCount: z.number().int(),
  /** required skills nobody signed up has */
  missingSkills: Skills,
})
export type WeekShift = z.infer<typeof WeekShift>
export const TeamWeek = z.object({ teamId: z.string(), start: z.string(), end: z.string(), shifts: z.array(WeekShift) })
export type TeamWeek = z.infer<typeof TeamWeek>

/** A warning before a leader assigns someone (the assignment is allowed anyway once acknowledged). */
export const AssignmentWarning = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('overlap'), shiftId: z.string(), serviceTitle: z.string(), startsAt: z.string(), endsAt: z.string() }),
  z.object({ kind: z.literal('missing_skills'), skills: Skills }),
  z.object({ kind: z.literal('full') }),
])
export type AssignmentWarning = z.infer<typeof AssignmentWarning>
/** `POST /api/lead/shifts/{id}/assignments` (`check: true` only answers the warnings, writes nothing) */
export const AssignInput = z.object({ memberId: Uuid, check: z.boolean().default(false), acknowledge: z.boolean().default(false) }).strict()
export const AssignResult = z.object({ warnings: z.array(AssignmentWarning), signupId: z.string().nullable() })

/** `GET /api/shifts/open`: shifts with free slots near the caller (or a region), optionally matching skills. */
export const OpenShiftQuery = z.object({
  near: z
    .enum(['0', '1'])
    .transform((v) => v === '1')
    .optional(),
  region: RegionCode.optional(),
  /** comma-separated skills; a shift matches when it requires none or one of them */
  skills: z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(Skills)
    .optional(),
  from: IsoDateTime.optional(),
  ...pageQuery({ maxPageSize: 100, defaultPageSize: 20 }),
})
export const OpenShift = Shift.extend({ teamName: z.string(), orgName: z.string() })
export type OpenShift = z.infer<typeof OpenShift>
export const OpenShiftPage = openPage(OpenShift)

/** One person's line on a shift's desk (the leader's list, kept offline for check-in): phones masked. */
export const ShiftRosterItem = z.object({
  signupId: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  memberNos: z.array(z.string()),
  status: SignupStatus,
  source: SignupSource,
  confirmedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  noShow: z.boolean(),
  hoursStatus: HoursStatus,
  /** what the rule computes from the attendance (null before check-in) */
  computedMinutes: z.number().int().nullable(),
  creditedMinutes: z.number().int().nullable(),
  correctionReason: z.string().nullable(),
})
export type ShiftRosterItem = z.infer<typeof ShiftRosterItem>
export const ShiftRoster = z.object({
  shift: Shift,
  teamName: z.string(),
  minAttendancePercent: z.number().int(),
  items: z.array(ShiftRosterItem),
})
export type ShiftRoster = z.infer<typeof ShiftRoster>

/** `POST /api/lead/shifts/{id}/no-shows`: people signed up who did not come (after the start). */
export const NoShowInput = z.object({ signupIds: z.array(Uuid).min(1).max(1000) }).strict()
/** `POST /api/lead/teams/{id}/hours/approve`: approve the computed (or corrected) minutes of these sign-ups. */
export const HoursApproveInput = z.object({ signupIds: z.array(Uuid).min(1).max(1000) }).strict()
/** `POST /api/lead/signups/{id}/hours`: a correction, always with a reason (audited). */
export const HoursCorrectionInput = z
  .object({
    minutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    reason: Reason,
  })
  .strict()
export const SignupIdParam = z.object({ id: Uuid })
/** `GET /api/lead/teams/{id}/hours?status=pending`: sign-ups whose hours wait for approval (or all of a period). */
export const HoursQuery = z.object({
  status: HoursStatus.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  ...pageQuery({ maxPageSize: 500, defaultPageSize: 100 }),
})
export const HoursItem = ShiftRosterItem.extend({
  shiftId: z.string(),
  serviceTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
})
export type HoursItem = z.infer<typeof HoursItem>
export const HoursPage = countedPage(HoursItem)
/** `GET /api/lead/teams/{id}/no-shows`: who missed shifts (last 90 days). */
export const NoShowBoard = z.object({
  items: z.array(
    z.object({ userId: z.string(), name: z.string(), noShows: z.number().int(), lastNoShowAt: z.string(), signedUp: z.number().int() }),
  ),
})
/** `GET /api/lead/teams/{id}/records.csv?from&to&lang` (national volunteer-record fields, no ID-card numbers) */
export const RecordsCsvQuery = z.object({
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
})
/** `GET /api/lead/teams/{id}/swaps`: swap requests waiting for a leader (accepted by the teammate). */
export const SwapDecisionInput = z.object({ decision: z.enum(['approve', 'reject']) }).strict()
export const SwapIdParam = z.object({ id: Uuid })
export const LeaderSwap = z.object({
  id: z.string(),
  shiftId: z.string(),
  serviceTitle: z.string(),
  startsAt: z.string(),
  fromName: z.string(),
  toName: z.string(),
  status: SwapStatus,
  /** the teammate already has an overlapping shift */
  warnings: z.array(AssignmentWarning),
  createdAt: z.string(),
})
export type LeaderSwap = z.infer<typeof LeaderSwap>
export const LeaderSwaps = z.object({ items: z.array(LeaderSwap) })
/** `GET /api/lead/teams`: the teams the caller leads (or administers). */
export const LedTeams = z.object({
  items: z.array(VolunteerTeam.extend({ myRole: TeamRole.nullable(), pendingMembers: z.number().int() })),
})
/** `GET /api/admin/teams?status=`: teams of the organisations the caller administers (and below), proposals first. */
export const AdminTeamQuery = z.object({
  status: TeamStatus.optional(),
  ...pageQuery({ maxPageSize: 200, defaultPageSize: 50 }),
})
/** What an admin sees of a team: plus who proposed it and the reason of a rejection or closing. */
export const AdminTeam = VolunteerTeam.extend({ createdByName: z.string().nullable(), decisionReason: z.string().nullable() })
export type AdminTeam = z.infer<typeof AdminTeam>
export const AdminTeamPage = openPage(AdminTeam)
/** `GET /api/teams/{id}/teammates`: active members' names, for a swap (only to active members). */
export const Teammates = z.object({ items: z.array(z.object({ userId: z.string(), name: z.string(), skills: Skills })) })

/**
 * The signed part of a service certificate (服务证明), compact for its QR: p the person's name, h the
 * approved minutes, r the number of records, f / l the first and last service day (YYYY-MM-DD
 * Beijing), c the certificate id, i issued at (Unix seconds). QR `SHV1.<payload>.<signature>.<kid>`.
 */
export const CertificatePayload = z
  .object({
    p: z.string().min(1).max(40),
    h: z.number().int().min(0),
    r: z.number().int().min(0),
    f: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    l: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    c: z.string().uuid(),
    i: z.number().int().positive(),
  })
  .strict()
export type CertificatePayload = z.infer<typeof CertificatePayload>
/** `GET /api/me/volunteer/certificate`: the printable record and its QR (cached by the app for offline). */
export const VolunteerCertificate = z.object({
  holder: z.string(),
  approvedMinutes: z.number().int(),
  records: z.array(
    z.object({
      teamName: z.string(),
      orgName: z.string(),
      serviceTitle: z.string(),
      venueAddress: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      minutes: z.number().int(),
      /** who recorded and certifies it (谁记录谁证明): the team and the leader who approved */
      certifiedBy: z.string(),
    }),
  ),
  issuedAt: z.string(),
  certificateId: z.string(),
  qr: z.string(),
})
export type VolunteerCertificate = z.infer<typeof VolunteerCertificate>

// ---------- sync mutation arguments ----------

/** `team.join`: ask to join (or join at once with the team's invitation code). */
export const TeamJoinArgs = z
  .object({ memberId: Uuid, teamId: Uuid, skills: Skills.default([]), inviteCode: InviteCode.optional() })
  .strict()
export type TeamJoinArgs = z.infer<typeof TeamJoinArgs>
/** `team.leave`: leave a team (or withdraw the request). */
export const TeamLeaveArgs = z.object({ memberId: Uuid }).strict()
export type TeamLeaveArgs = z.infer<typeof TeamLeaveArgs>
/** `team.setSkills`: the person's own skills on a team. */
export const TeamSetSkillsArgs = z.object({ memberId: Uuid, skills: Skills }).strict()
export type TeamSetSkillsArgs = z.infer<typeof TeamSetSkillsArgs>
/** `shift.signUp`: a slot, or the end of the waitlist. */
export const ShiftSignUpArgs = z.object({ signupId: Uuid, shiftId: Uuid }).strict()
export type ShiftSignUpArgs = z.infer<typeof ShiftSignUpArgs>
/** `shift.cancel`: one's own sign-up, before the team's cut-off; the slot goes to the head of the waitlist. */
export const ShiftCancelArgs = z.object({ signupId: Uuid }).strict()
export type ShiftCancelArgs = z.infer<typeof ShiftCancelArgs>
/** `shift.confirm`: "I will come" (the day-before prompt). */
export const ShiftConfirmArgs = z.object({ signupId: Uuid }).strict()
export type ShiftConfirmArgs = z.infer<typeof ShiftConfirmArgs>
/** `shift.swapRequest`: ask an active teammate to take one's place on a shift (a leader approves). */
export const ShiftSwapRequestArgs = z.object({ swapId: Uuid, signupId: Uuid, toUserId: z.string().min(1).max(64) }).strict()
export type ShiftSwapRequestArgs = z.infer<typeof ShiftSwapRequestArgs>
/** `shift.swapRespond`: the teammate accepts or declines; the requester may withdraw. */
export const ShiftSwapRespondArgs = z.object({ swapId: Uuid, answer: z.enum(['accept', 'decline', 'withdraw']) }).strict()
export type ShiftSwapRespondArgs = z.infer<typeof ShiftSwapRespondArgs>
/**
 * `shift.attend`: a leader's desk checks a person in or out (card QR, member number or phone), or
 * adds a walk-in (a name alone, or a person not on the shift).
 */
export const ShiftAttendArgs = z
  .object({
    attendId: Uuid,
    shiftId: Uuid,
    direction: z.enum(['in', 'out']),
    card: z.string().min(10).max(2000).optional(),
    memberNo: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}\d{6,16}$/, 'member number looks like KX202600000001')
      .optional(),
    phone: Phone.optional(),
    signupId: Uuid.optional(),
    name: PersonName.optional(),
  })
  .strict()
  .refine(
    (a) => [a.card, a.memberNo, a.phone, a.signupId].filter((v) => v !== undefined).length <= 1,
    'give one of card, memberNo, phone or signupId',
  )
  .refine(
    (a) => a.card !== undefined || a.memberNo !== undefined || a.phone !== undefined || a.signupId !== undefined || a.name !== undefined,
    'give a card, memberNo, phone, signupId or a walk-in name',
  )
export type ShiftAttendArgs = z.infer<typeof ShiftAttendArgs>
