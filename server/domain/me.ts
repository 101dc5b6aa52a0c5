import type { Executor } from '../db/database'
import type { Me } from '../../shared/schemas/user'
import { notFound } from '../errors'

/** The person's own users row in the public shape (`Me`): phone unmasked, no password hash. */
export function profileQuery(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('regions', 'regions.code', 'users.region_code')
    .select([
      'users.id',
      'users.phone',
      'users.name',
      'users.region_code',
      'regions.full_name as region_name',
      'users.discipline',
      'users.employer',
      'users.title',
      'users.bio',
      'users.system_role',
      'users.created_at',
      'users.version',
    ])
}
type ProfileSelect = Awaited<ReturnType<ReturnType<typeof profileQuery>['executeTakeFirstOrThrow']>>

export function toProfile(row: ProfileSelect): Me {
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

/** The person's own view of their account (REST answers, the sync profile row, the export). */
export async function toMe(db: Executor, userId: string): Promise<Me> {
  const row = await profileQuery(db).where('users.id', '=', userId).executeTakeFirst()
  if (!row) throw notFound('user')
  return toProfile(row)
}
