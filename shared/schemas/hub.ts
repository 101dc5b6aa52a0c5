/**
 * Hubs (阵地): the 新时代文明实践中心 / 所 / 站 and 党群服务中心 of an area, registered by the admins of
 * the organisation that serves it. Activities and volunteer services can take place at a hub
 * (`activities.hub_id`, `volunteer_services.hub_id`); a kiosk tablet is enrolled to one hub with a
 * one-time code and then syncs that hub's data as a device (never as a person).
 */
import { z } from 'zod'
import { Uuid } from './common'
import { humanText } from './human-text'
import { OrgId } from './organization'
import { RegionCode } from './user'
import { pageQuery, countedPage } from './paging'

/** 新时代文明实践中心 (county), 实践所 (township/street), 实践站 (village/community), 党群服务中心. */
export const HUB_KINDS = ['practice_center', 'practice_institute', 'practice_station', 'party_mass_center'] as const
export const HubKind = z.enum(HUB_KINDS)
export type HubKind = z.infer<typeof HubKind>
export const HubStatus = z.enum(['active', 'closed'])
export type HubStatus = z.infer<typeof HubStatus>

/** A hub as everyone sees it (REST, the member door's hub page, and the kiosk's synced table 'hubs'). */
export const Hub = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: HubKind,
  name: z.string(),
  address: z.string(),
  /** GB/T 2260 code of where it stands (county or township) */
  regionCode: z.string(),
  /** the region's full name, e.g. 北京市 海淀区 中关村街道 */
  regionName: z.string(),
  /** free text as the hub writes it: 周一至周五 9:00–17:00 */
  openingHours: z.string(),
  status: HubStatus,
  updatedAt: z.string(),
  version: z.number().int(),
})
export type Hub = z.infer<typeof Hub>

const HubFields = {
  kind: HubKind,
  name: humanText({ label: 'name', min: 2, max: 60 }),
  address: humanText({ label: 'address', min: 2, max: 120 }),
  regionCode: RegionCode,
  openingHours: humanText({ label: 'opening hours', min: 2, max: 80 }),
}
/** POST /api/admin/hubs: the admin registers a hub for an organisation they administer; its region lies in the organisation's. */
export const HubCreateInput = z.object({ orgId: OrgId, ...HubFields }).strict()
export type HubCreateInput = z.infer<typeof HubCreateInput>
/** PATCH /api/admin/hubs/{id} */
export const HubPatch = z
  .object({ ...HubFields, status: HubStatus })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'give at least one field to change')
export type HubPatch = z.infer<typeof HubPatch>
export const HubIdParam = z.object({ id: Uuid })

/** GET /api/admin/hubs?orgId=… (the hubs of that organisation and every one below it) and GET /api/hubs?orgId|regionCode (active only). */
export const HubListQuery = z.object({
  ...pageQuery({ maxPageSize: 100, defaultPageSize: 20 }),
  orgId: OrgId.optional(),
  /** hubs standing in this region or below it */
  regionCode: RegionCode.optional(),
  q: z.string().trim().max(40).optional(),
})
export type HubListQuery = z.infer<typeof HubListQuery>
export const HubList = countedPage(Hub)
export type HubList = z.infer<typeof HubList>

/** What happens at a hub, for its page in the member door (GET /api/hubs/{id}). */
export const HubActivityItem = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  orgName: z.string(),
})
export const HubShiftItem = z.object({
  id: z.string(),
  serviceTitle: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  placesLeft: z.number().int(),
})
export const HubPage = z.object({
  hub: Hub,
  /** published activities at the hub that have not ended, soonest first (at most 50) */
  activities: z.array(HubActivityItem),
  /** open shifts of active teams at the hub that have not ended, soonest first (at most 50) */
  shifts: z.array(HubShiftItem),
})
export type HubPage = z.infer<typeof HubPage>

/** A kiosk enrolled to a hub, as the hub's admins see it. */
export const KioskDevice = z.object({
  id: z.string(),
  name: z.string(),
  /** the short number printed in the kiosk's request numbers (12 in 12-0007) */
  deviceNo: z.number().int(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type KioskDevice = z.infer<typeof KioskDevice>

/** GET /api/admin/hubs/{id}: the hub, its kiosks and how many unused enrolment codes are live. */
export const HubAdminView = z.object({ hub: Hub, devices: z.array(KioskDevice), liveCodes: z.number().int(), canManage: z.boolean() })
export type HubAdminView = z.infer<typeof HubAdminView>

/** Enrolment codes: 8 characters from an alphabet without look-alikes, shown as XXXX-XXXX; one use; 24 hours. */
export const ENROLMENT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const ENROLMENT_CODE_HOURS = 24
/** Upper case, without spaces or dashes: what is hashed and compared. */
export const normaliseEnrolmentCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '')
export const EnrolmentCode = z
  .string()
  .trim()
  .transform(normaliseEnrolmentCode)
  .pipe(z.string().regex(new RegExp(`^[${ENROLMENT_CODE_ALPHABET}]{8}$`), 'the enrolment code has 8 letters and digits, like ABCD-2345'))
/** POST /api/admin/hubs/{id}/enrolment-codes answers the code once (only its hash is stored). */
export const EnrolmentCodeIssued = z.object({ code: z.string(), expiresAt: z.string() })
export type EnrolmentCodeIssued = z.infer<typeof EnrolmentCodeIssued>

/** POST /api/kiosk/enrol (no session; rate-limited): the code becomes a device credential for the code's hub. */
export const KioskEnrolInput = z.object({ code: EnrolmentCode, name: humanText({ label: 'name', min: 1, max: 60 }) }).strict()
export type KioskEnrolInput = z.infer<typeof KioskEnrolInput>
