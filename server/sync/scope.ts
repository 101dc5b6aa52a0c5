/**
 * Who is pulling and what they may see. Resolved once per pull, inside the pull's transaction.
 *
 * Extension point for kiosks (a later issue): add `{ kind: 'kiosk'; deviceId; hubId }` to SyncScope,
 * resolve it here from the device's credentials instead of a person's session, and give every entry
 * in tables.ts a branch for it (a table a kiosk must not see returns no rows for that kind).
 */
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'

export interface MemberScope {
  kind: 'member'
  userId: string
  /** the person's users.version now: their region's 科协 chain rides on it (a region change resends it) */
  profileVersion: number
  /** organisation ids of the 科协 chain over the person's region: national → province → … → township */
  castChain: string[]
}
export type SyncScope = MemberScope

/** GB/T 2260 codes nest by prefix (2, 4, 6, 9 digits); every level has a 科协 'cast-<code>'. */
export function castChainOf(regionCode: string | null): string[] {
  const chain = ['cast-national']
  if (!regionCode) return chain
  for (const len of [2, 4, 6, 9]) if (regionCode.length >= len) chain.push(`cast-${regionCode.slice(0, len)}`)
  return chain
}

export async function resolveScope(db: Executor, user: UserRow): Promise<SyncScope> {
  const fresh = await db.selectFrom('users').select(['region_code', 'version']).where('id', '=', user.id).executeTakeFirstOrThrow()
  return { kind: 'member', userId: user.id, profileVersion: fresh.version, castChain: castChainOf(fresh.region_code) }
}
