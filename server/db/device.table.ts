import type { Generated, Selectable } from 'kysely'

/** A device credential (kiosk tablet) bound to an organisation; revocable by its admins. */
export interface DeviceTable {
  id: string
  org_id: string
  name: string
  /** sha256 of the token the device sends; the token is shown once, at creation */
  token_hash: string
  created_by: string
  created_at: string
  last_seen_at: string | null
  revoked_at: string | null
  revoked_by: string | null
  /** the hub a kiosk was enrolled to (migration 0018); null for an organisation-bound device of 0004 */
  hub_id: Generated<string | null>
  /** the kiosk's short number in its request numbers; null for organisation-bound devices */
  device_no: Generated<number | null>
}
export type DeviceRow = Selectable<DeviceTable>
