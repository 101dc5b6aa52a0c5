/**
 * Who is pulling and what they may see. Resolved once per pull, inside the pull's transaction.
 *
 * A member sees their own rows and the public rows of their organisations and their region's 科协
 * chain. A device (a kiosk) sees only the public rows of the one organisation it is bound to, and
 * never a person's rows: each synced table says what it gives a device (tables/types.ts
 * `deviceChanges`); a table that says nothing gives a device nothing. A kiosk enrolled to a hub sees that hub's
 * rows (the hub, its activities and shifts).
 */
import type { Executor } from '../db/database'
import type { Actor } from './actor'

export interface MemberScope {
  kind: 'member'
  userId: string
  /** the person's users.version now: their region's 科协 chain rides on it (a region change resends it) */
  profileVersion: number
  /** organisation ids of the 科协 chain over the person's region: national → province → … → township */
  castChain: string[]
  /** the server clock when the pull began (time windows such as "shifts of the last 60 days") */
  now: Date
}
export interface DeviceScope {
  kind: 'device'
  deviceId: string
  /** the organisation the device is bound to; fixed when it was issued, so its scope never changes */
  orgId: string
  /** the hub a kiosk was enrolled to (fixed at enrolment); null for an organisation-bound device */
  hubId: string | null
}
export type SyncScope = MemberScope | DeviceScope

/** GB/T 2260 codes nest by prefix (2, 4, 6, 9 digits); every level has a 科协 'cast-<code>'. */
export function castChainOf(regionCode: string | null): string[] {
  const chain = ['cast-national']
  if (!regionCode) return chain
  for (const len of [2, 4, 6, 9]) if (regionCode.length >= len) chain.push(`cast-${regionCode.slice(0, len)}`)
  return chain
}

export async function resolveScope(db: Executor, actor: Actor, now: Date = new Date()): Promise<SyncScope> {
  if (actor.kind === 'device') return { kind: 'device', deviceId: actor.device.id, orgId: actor.device.orgId, hubId: actor.device.hubId }
  const fresh = await db.selectFrom('users').select(['region_code', 'version']).where('id', '=', actor.user.id).executeTakeFirstOrThrow()
  return { kind: 'member', userId: actor.user.id, profileVersion: fresh.version, castChain: castChainOf(fresh.region_code), now }
}
