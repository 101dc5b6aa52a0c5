/**
 * Member-card QR format and offline verification, shared by the server (signing), the member app
 * and the kiosk (verifying with cached public keys, no network). Uses WebCrypto (crypto.subtle),
 * which Node 20 and Chromium both implement for Ed25519.
 *
 * QR text: `SH1.<payload>.<signature>.<kid>` (the signed-QR format of shared/rules/signed-qr.ts),
 * the payload being the compact JSON in CardPayload.
 */
import { CardPayload } from '../schemas/card'
import {
  SIGNING_ALGORITHM,
  base64UrlDecode,
  base64UrlEncode,
  checkSignature,
  encodeJsonPayload,
  formatSignedQr,
  parseSignedQr,
  signingInput,
  type VerifyKey,
} from './signed-qr'

export { base64UrlDecode, base64UrlEncode, type VerifyKey }

export const CARD_PREFIX = 'SH1'
export const CARD_ALGORITHM = SIGNING_ALGORITHM

export type CardFailure = 'bad_format' | 'bad_signature' | 'unknown_key' | 'expired' | 'revoked'
export type CardCheck = { ok: true; reason: null; card: CardPayload } | { ok: false; reason: CardFailure; card: CardPayload | null }

export function encodeCardPayload(payload: CardPayload): string {
  return encodeJsonPayload(payload)
}

/** The bytes the server signs and a verifier checks. */
export function cardSigningInput(payload: string, kid: string): Uint8Array<ArrayBuffer> {
  return signingInput(CARD_PREFIX, payload, kid)
}

export function formatCardQr(payload: string, signature: string, kid: string): string {
  return formatSignedQr(CARD_PREFIX, payload, signature, kid)
}

interface ParsedCard {
  payload: string
  signature: Uint8Array<ArrayBuffer>
  kid: string
  card: CardPayload
}

/** Splits and decodes QR text; null when it is not a card of ours. */
export function parseCardQr(qrText: string): ParsedCard | null {
  const parsed = parseSignedQr(CARD_PREFIX, CardPayload, qrText)
  return parsed && { payload: parsed.payload, signature: parsed.signature, kid: parsed.kid, card: parsed.data }
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
  const parsed = parseSignedQr(CARD_PREFIX, CardPayload, qrText)
  if (!parsed) return { ok: false, reason: 'bad_format', card: null }
  const signature = await checkSignature(CARD_PREFIX, parsed, publicKeys)
  if (signature !== 'ok') return { ok: false, reason: signature, card: parsed.data }
  if (revoked.has(parsed.data.m)) return { ok: false, reason: 'revoked', card: parsed.data }
  if (now.getTime() >= parsed.data.u * 1000) return { ok: false, reason: 'expired', card: parsed.data }
  return { ok: true, reason: null, card: parsed.data }
}
