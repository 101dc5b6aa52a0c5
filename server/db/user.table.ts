import type { Generated, Insertable, Selectable } from 'kysely'

export interface UserTable {
  id: string
  phone: string
  name: string
  password_hash: string
  region_code: string | null
  discipline: string | null
  /** Free-text profile fields a person keeps up to date (employer, title, bio). */
  employer: string | null
  title: string | null
  bio: string | null
  system_role: 'member' | 'system_admin'
  privacy_consent_at: string
  created_at: string
  updated_at: string
  version: Generated<number>
}
export type UserRow = Selectable<UserTable>
export type NewUser = Insertable<UserTable>

export interface SessionTable {
  /** sha256 of the token that sits in the cookie; the token itself is never stored */
  id: string
  user_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
  user_agent: string | null
}
export type SessionRow = Selectable<SessionTable>

/** Fixed-window counters for rate limits, in the database so several instances share them. */
export interface RateLimitTable {
  key: string
  window_start: number
  count: number
}
