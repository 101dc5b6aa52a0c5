/**
 * Browsers an account logged in from before (see migration 0008). The cookie holds a 256-bit random
 * token; only its sha256 is stored. Knowing a browser never logs anyone in: it only exempts that
 * account's logins from this browser from the per-address limit (server/routes/auth.ts).
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Executor } from './database'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
/** unused this long, a browser is forgotten (the cookie lives as long) */
export const KNOWN_BROWSER_TTL_MS = 365 * 86_400_000

export async function rememberBrowser(db: Executor, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const at = now.toISOString()
  await db
    .insertInto('known_browsers')
    .values({ id: hashToken(token), user_id: userId, created_at: at, last_used_at: at })
    .execute()
  return token
}

/** The known-browser id when `token` belongs to `userId`'s browser, else null. */
export async function knownBrowserId(
  db: Executor,
  token: string | undefined,
  userId: string | undefined,
  now: Date,
): Promise<string | null> {
  if (!token || !userId) return null
  const id = hashToken(token)
  const since = new Date(now.getTime() - KNOWN_BROWSER_TTL_MS).toISOString()
  const row = await db
    .selectFrom('known_browsers')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('last_used_at', '>', since)
    .executeTakeFirst()
  return row?.id ?? null
}

export async function touchBrowser(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('known_browsers').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute()
}

export async function purgeKnownBrowsers(db: Executor, now: Date): Promise<number> {
  const since = new Date(now.getTime() - KNOWN_BROWSER_TTL_MS).toISOString()
  const res = await db.deleteFrom('known_browsers').where('last_used_at', '<=', since).executeTakeFirst()
  return Number(res.numDeletedRows)
}
