/**
 * Signed QR texts `<PREFIX>.<payload>.<signature>.<kid>`, shared by the member card (`SH1`,
 * shared/rules/card.ts) and the volunteer service certificate (`SHV1`,
 * shared/rules/volunteer-certificate.ts). The server signs with the card signing keys
 * (server/domain/cards.ts); the app and the kiosk verify offline with the public keys they cache
 * from `GET /api/cards/keys`. WebCrypto Ed25519 (Node 20 and Chromium).
 *
 *   payload   base64url of compact JSON, checked against the kind's zod schema
 *   signature base64url Ed25519 signature over the ASCII bytes of `<PREFIX>.<payload>.<kid>`
 *             (the key id is signed too, so a text cannot be re-pointed at another key)
 */
import type { ZodType } from 'zod'

export const SIGNING_ALGORITHM = 'Ed25519'

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

/** The payload part: base64url of the compact JSON. */
export function encodeJsonPayload(payload: unknown): string {
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify(payload)))
}

/** The bytes the server signs and a verifier checks. */
export function signingInput(prefix: string, payload: string, kid: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${prefix}.${payload}.${kid}`)
}

export function formatSignedQr(prefix: string, payload: string, signature: string, kid: string): string {
  return `${prefix}.${payload}.${signature}.${kid}`
}

export interface ParsedQr<T> {
  payload: string
  signature: Uint8Array<ArrayBuffer>
  kid: string
  data: T
}

/** Splits and decodes a signed QR text of this prefix; null when it is not one of ours. */
export function parseSignedQr<T>(prefix: string, schema: ZodType<T>, qrText: string): ParsedQr<T> | null {
  if (qrText.length > 2000) return null
  const parts = qrText.trim().split('.')
  if (parts.length !== 4 || parts[0] !== prefix) return null
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
  const data = schema.safeParse(decoded)
  if (!data.success) return null
  return { payload, signature: new Uint8Array(signature), kid, data: data.data }
}

/** Is the parsed text signed by the key it names? `unknown_key` when no such key is published. */
export async function checkSignature(
  prefix: string,
  parsed: ParsedQr<unknown>,
  publicKeys: readonly VerifyKey[],
): Promise<'ok' | 'unknown_key' | 'bad_signature'> {
  const key = publicKeys.find((k) => k.kid === parsed.kid)
  if (!key) return 'unknown_key'
  try {
    const cryptoKey = await crypto.subtle.importKey('jwk', key.jwk, { name: SIGNING_ALGORITHM }, false, ['verify'])
    const valid = await crypto.subtle.verify(
      { name: SIGNING_ALGORITHM },
      cryptoKey,
      parsed.signature,
      signingInput(prefix, parsed.payload, parsed.kid),
    )
    return valid ? 'ok' : 'bad_signature'
  } catch {
    return 'bad_signature'
  }
}
