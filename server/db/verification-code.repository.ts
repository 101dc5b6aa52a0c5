/**
 * Live verification codes (migration 0014). A code is stored as HMAC-SHA256(salt, code): the database
 * and its backups never hold a usable code. A six-digit code's HMAC can be reversed by trying all
 * million codes with the salt at hand, so the real protection is the short life, the five tries and
 * single use (SECURITY.md "SMS codes"); an admin's ten-character code is out of reach of that.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Executor } from './database'
import type { CodePurpose, VerificationCodeRow } from './verification-code.table'

const codeHash = (code: string, salt: string) => createHmac('sha256', Buffer.from(salt, 'base64')).update(code).digest()

/** Stores `code` as the one live code of this number and purpose (an older one is replaced). */
export async function storeCode(
  db: Executor,
  v: { phone: string; purpose: CodePurpose; code: string; now: Date; ttlMs: number; issuedBy?: string | null },
): Promise<{ expiresAt: string }> {
  const salt = randomBytes(16).toString('base64')
  const expiresAt = new Date(v.now.getTime() + v.ttlMs).toISOString()
  const row = {
    id: randomUUID(),
    phone: v.phone,
    purpose: v.purpose,
    salt,
    code_hash: codeHash(v.code, salt).toString('base64'),
    issued_by: v.issuedBy ?? null,
    created_at: v.now.toISOString(),
    expires_at: expiresAt,
  }
  await db
    .insertInto('verification_codes')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['phone', 'purpose']).doUpdateSet({
        id: row.id,
        salt: row.salt,
        code_hash: row.code_hash,
        tries: 0,
        issued_by: row.issued_by,
        created_at: row.created_at,
        expires_at: row.expires_at,
      }),
    )
    .execute()
  return { expiresAt }
}

/**
 * The live code of `phone` for one of `purposes` that `code` matches, or null. A miss counts one try
 * against every live code of those purposes, and a code that reached `maxTries` is deleted (burned).
 * A match is not used up here: `useCode` does that once the rest of the request is accepted.
 */
export async function matchCode(
  db: Executor,
  v: { phone: string; purposes: readonly CodePurpose[]; code: string; now: Date; maxTries: number },
): Promise<VerificationCodeRow | null> {
  const rows = await db
    .selectFrom('verification_codes')
    .selectAll()
    .where('phone', '=', v.phone)
    .where('purpose', 'in', v.purposes)
    .where('expires_at', '>', v.now.toISOString())
    .execute()
  const match = rows.find((r) => {
    const expected = Buffer.from(r.code_hash, 'base64')
    const got = codeHash(v.code, r.salt)
    return got.length === expected.length && timingSafeEqual(got, expected)
  })
  if (match) return match
  if (rows.length) {
    const ids = rows.map((r) => r.id)
    await db
      .updateTable('verification_codes')
      .set((eb) => ({ tries: eb('tries', '+', 1) }))
      .where('id', 'in', ids)
      .execute()
    await db.deleteFrom('verification_codes').where('id', 'in', ids).where('tries', '>=', v.maxTries).execute()
  }
  return null
}

/** Uses a matched code up; false when another request used (or replaced) it first. */
export async function useCode(db: Executor, id: string): Promise<boolean> {
  const res = await db.deleteFrom('verification_codes').where('id', '=', id).executeTakeFirst()
  return Number(res.numDeletedRows) === 1
}

/** Deletes expired codes; returns how many. */
export async function purgeExpiredCodes(db: Executor, now: Date): Promise<number> {
  const res = await db.deleteFrom('verification_codes').where('expires_at', '<=', now.toISOString()).executeTakeFirst()
  return Number(res.numDeletedRows)
}

/** Every code of a number (an account being deleted). */
export async function deleteCodesOf(db: Executor, phone: string): Promise<void> {
  await db.deleteFrom('verification_codes').where('phone', '=', phone).execute()
}
