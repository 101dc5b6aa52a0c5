import type { Executor } from './database'
import type { NewUser, UserRow } from './user.table'
import { nextVersion } from './version'

export function findUserByPhone(db: Executor, phone: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst()
}

export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * The profile columns of an account that has told us nothing: a new member before they fill in their
 * profile, and a deleted account once its profile is erased. Both hold the plain member role.
 */
export const BLANK_PROFILE = {
  region_code: null,
  discipline: null,
  employer: null,
  title: null,
  bio: null,
  system_role: 'member',
} as const satisfies Partial<NewUser>

export async function insertUser(db: Executor, user: Omit<NewUser, 'version'>): Promise<void> {
  const version = await nextVersion(db)
  await db
    .insertInto('users')
    .values({ ...user, version })
    .execute()
}

export async function updateUser(
  db: Executor,
  id: string,
  patch: Partial<Omit<UserRow, 'id' | 'version' | 'created_at'>>,
  now: Date,
): Promise<void> {
  const version = await nextVersion(db)
  await db
    .updateTable('users')
    .set({ ...patch, updated_at: now.toISOString(), version })
    .where('id', '=', id)
    .execute()
}
