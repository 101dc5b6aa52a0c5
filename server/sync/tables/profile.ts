import type { Me } from '../../../shared/schemas/user'
import type { Executor } from '../../db/database'
import type { SyncedTable } from './types'

/** The person's own users row in the public shape (`Me`): phone unmasked, no password hash. */
function profileQuery(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('regions', 'regions.code', 'users.region_code')
    .select([
      'users.id', 'users.phone', 'users.name', 'users.region_code', 'regions.full_name as region_name', 'users.discipline',
      'users.employer', 'users.title', 'users.bio', 'users.system_role', 'users.created_at', 'users.version',
    ])
}
type ProfileSelect = Awaited<ReturnType<ReturnType<typeof profileQuery>['executeTakeFirstOrThrow']>>

function toProfile(row: ProfileSelect): Me {
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    regionCode: row.region_code,
    regionName: row.region_name,
    discipline: row.discipline,
    employer: row.employer,
    title: row.title,
    bio: row.bio,
    systemRole: row.system_role === 'system_admin' ? 'system_admin' : 'member',
    createdAt: row.created_at,
    version: row.version,
  }
}

export async function readProfileRow(db: Executor, userId: string): Promise<Me> {
  return toProfile(await profileQuery(db).where('users.id', '=', userId).executeTakeFirstOrThrow())
}

export const profileTable: SyncedTable = {
  name: 'profile',
  tombstoneScope: 'user',
  async changes(db, scope, { after, upTo, limit }) {
    let q = profileQuery(db).where('users.id', '=', scope.userId).where('users.version', '>', after)
    if (upTo !== undefined) q = q.where('users.version', '<=', upTo)
    const rows = await q.limit(limit ?? 1).execute()
    return rows.map((r) => ({ table: 'profile', id: r.id, op: 'upsert' as const, row: toProfile(r), version: r.version }))
  },
}
