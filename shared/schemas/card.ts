import { z } from 'zod'

/**
 * The signed part of a member card, kept compact because it travels in a QR code:
 * n member number, m membership id, o organisation id, p the person's name,
 * u valid until and i issued at (both Unix seconds).
 */
export const CardPayload = z
  .object({
    n: z.string().min(1).max(32),
    m: z.string().uuid(),
    o: z.string().min(1).max(64),
    p: z.string().min(1).max(40),
    u: z.number().int().positive(),
    i: z.number().int().positive(),
  })
  .strict()
export type CardPayload = z.infer<typeof CardPayload>

/** A member card as the member app shows (and caches) it. `qr` is what the QR code carries. */
export const MemberCard = z.object({
  membershipId: z.string(),
  memberNo: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  validUntil: z.string(),
  issuedAt: z.string(),
  payload: z.string(),
  signature: z.string(),
  keyId: z.string(),
  qr: z.string(),
})
export type MemberCard = z.infer<typeof MemberCard>

export const MemberCardList = z.object({ cards: z.array(MemberCard) })

/** An Ed25519 public key in JWK form, as kiosks cache it. */
export const CardPublicKey = z.object({
  kid: z.string(),
  alg: z.literal('Ed25519'),
  jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
})
export type CardPublicKey = z.infer<typeof CardPublicKey>

export const CardPublicKeys = z.object({ keys: z.array(CardPublicKey) })

/** `GET /api/cards/revocations?since=`: memberships whose cards stopped being valid after `since`. */
export const RevocationQuery = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
})
export const Revocation = z.object({ membershipId: z.string(), status: z.string(), version: z.number().int() })
export const RevocationList = z.object({
  items: z.array(Revocation),
  /** pass back as `since` next time */
  cursor: z.number().int(),
  hasMore: z.boolean(),
})
export type RevocationList = z.infer<typeof RevocationList>
