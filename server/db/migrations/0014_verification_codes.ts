import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// Codes sent by SMS (sign-up, sign-in by code, 忘记密码) and the one-time reset codes an admin issues.
// Only an HMAC of the code with a per-row random salt is stored. One live code per number and
// purpose (unique): a new code replaces the old one; a used, burned or expired code is deleted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verification_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issued_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('verification_codes_phone_purpose', ['phone', 'purpose'])
    .execute()
  await db.schema.createIndex('verification_codes_expires').on('verification_codes').column('expires_at').execute()
}
