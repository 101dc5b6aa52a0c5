import { createHash, randomBytes } from 'node:crypto'
import type { Executor } from './database'
import type { SessionRow } from './user.table'

/** The cookie carries a random token; the table keeps only its hash. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url')

export async function createSession(
  db: Executor,
  userId: string,
  now: Date,
  absoluteMs: number,
  userAgent: string | null,
): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString('base64url')
  const id = sessionIdOf(token)
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + absoluteMs).toISOString(),
      user_agent: userAgent?.slice(0, 200) ?? null,
    })
    .execute()
  return { token, id }
}

export function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function touchSession(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute()
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Ends every session of a person except (optionally) one. */
export async function deleteUserSessions(db: Executor, userId: string, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptId) q = q.where('id', '!=', exceptId)
  await q.execute()
}
