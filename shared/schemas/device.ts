import { z } from 'zod'
import { OrgId } from './organization'
import { humanText } from './human-text'

/** A device credential as its admins see it (never the token, except once at creation). */
export const DeviceInfo = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type DeviceInfo = z.infer<typeof DeviceInfo>

export const DeviceCreateInput = z.object({ orgId: OrgId, name: humanText({ label: 'name', max: 60 }) }).strict()
export type DeviceCreateInput = z.infer<typeof DeviceCreateInput>

/** The token appears here once; the device keeps it and sends `Authorization: Device <token>`. */
export const DeviceCreated = DeviceInfo.extend({ token: z.string() })
export const DeviceListQuery = z.object({ orgId: OrgId })
export const DeviceList = z.object({ items: z.array(DeviceInfo) })
export const DeviceIdParam = z.object({ id: z.string().uuid() })

/**
 * What a device learns about itself: the organisation it serves and, for a kiosk enrolled with a code
 * (issue 14), its hub and its short number (the 12 of request number 12-0007).
 */
export const DeviceSelf = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  hubId: z.string().nullable(),
  hubName: z.string().nullable(),
  deviceNo: z.number().int().nullable(),
})
export type DeviceSelf = z.infer<typeof DeviceSelf>
