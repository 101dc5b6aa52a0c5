import type { Generated, Selectable } from 'kysely'
import type { SmsPurpose } from '../../shared/schemas/sms'

/** What a stored code is for: the SMS purposes, and the reset code an admin issued. */
export type CodePurpose = SmsPurpose | 'admin_reset'

/** A live verification code (migration 0014); the code itself is never stored, only its HMAC with `salt`. */
export interface VerificationCodeTable {
  id: string
  phone: string
  purpose: CodePurpose
  salt: string
  code_hash: string
  tries: Generated<number>
  /** the admin who issued an `admin_reset` code */
  issued_by: string | null
  created_at: string
  expires_at: string
}
export type VerificationCodeRow = Selectable<VerificationCodeTable>
