/** A browser an account logged in from before; `id` is the sha256 of the token in its cookie. */
export interface KnownBrowserTable {
  id: string
  user_id: string
  created_at: string
  last_used_at: string
}
