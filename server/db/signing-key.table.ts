/** Keys the server signs member cards with; the public half is served to kiosks. */
export interface SigningKeyTable {
  id: string
  algorithm: string
  public_key: string
  private_key: string
  created_at: string
  retired_at: string | null
}
