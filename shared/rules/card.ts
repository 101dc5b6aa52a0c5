/**
 * Member-card QR format and offline verification, shared by the server (signing), the member app
 * and the kiosk (verifying with cached public keys, no network). Uses WebCrypto (crypto.subtle),
 * which Node 20 and Chromium both implement for Ed25519.
 *
 * QR text: `SH1.<payload>.<signature>.<kid>`
 *   payload   base64url of the compact JSON in CardPayload
 *   signature base64url Ed25519 signature over the ASCII bytes of `SH1.<payload>.<kid>`
 *             (the key id is signed too, so a card cannot be re-pointed at another key)
 */
import { CardPayload } from '../schemas/card'

export const CARD_PREFIX = 'SH1'
export const CARD_ALGORITHM = 'Ed25519'

export type CardFailure = 'bad_format' | 'bad_signature' | 'unknown_key' | 'expired' | 'revoked'
export type CardCheck = { ok: true; reason: null; card: CardPayload } | { ok: false; reason: CardFailure; card: CardPayload | null }

export interface VerifyKey {
  kid: string
  jwk: JsonWebKey
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function base64UrlDecode(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4))
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}

export function encodeCardPayload(payload: CardPayload): string {
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify(payload)))
}

/** The bytes the server signs and a verifier checks. */
export function cardSigningInput(payload: string, kid: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${CARD_PREFIX}.${payload}.${kid}`)
}

export function formatCardQr(payload: string, signature: string, kid: string): string {
  return `${CARD_PREFIX}.${payload}.${signature}.${kid}`
}

interface ParsedCard {
  payload: string
  signature: Uint8Array<ArrayBuffer>
  kid: string
  card: CardPayload
}

/** Splits and decodes QR text; null when it is not a card of ours. */
export function parseCardQr(qrText: string): ParsedCard | null {
  if (qrText.length > 2000) return null
  const parts = qrText.trim().split('.')
  if (parts.length !== 4 || parts[0] !== CARD_PREFIX) return null
  const [, payload, sig, kid] = parts as [string, string, string, string]
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(kid)) return null
  const json = base64UrlDecode(payload)
  const signature = base64UrlDecode(sig)
  if (!json || !signature || signature.length !== 64) return null
  let decoded: unknown
  try {
    decoded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json))
  } catch {
    return null
  }
  const card = CardPayload.safeParse(decoded)
  if (!card.success) return null
  return { payload, signature: new Uint8Array(signature), kid, card: card.data }
}

/**
 * Checks a scanned card offline: format, known key, signature, revocation list, expiry — in that
 * order, so a forged card is never reported as merely "expired".
 */
export async function verifyCard(
  qrText: string,
  publicKeys: readonly VerifyKey[],
  now: Date,
  revoked: ReadonlySet<string> = new Set(),
): Promise<CardCheck> {
  const parsed = parseCardQr(qrText)
  if (!parsed) return { ok: false, reason: 'bad_format', card: null }
  const key = publicKeys.find((k) => k.kid === parsed.kid)
  if (!key) return { ok: false, reason: 'unknown_key', card: parsed.card }
  let valid: boolean
  try {
    const cryptoKey = await crypto.subtle.importKey('jwk', key.jwk, { name: CARD_ALGORITHM }, false, ['verify'])
    valid = await crypto.subtle.verify({ name: CARD_ALGORITHM }, cryptoKey, parsed.signature, cardSigningInput(parsed.payload, parsed.kid))
  } catch {
    valid = false
  }
  if (!valid) return { ok: false, reason: 'bad_signature', card: parsed.card }
  if (revoked.has(parsed.card.m)) return { ok: false, reason: 'revoked', card: parsed.card }
  if (now.getTime() >= parsed.card.u * 1000) return { ok: false, reason: 'expired', card: parsed.card }
  return { ok: true, reason: null, card: parsed.card }
}
