/**
 * STUB (member-client branch only): the hours-server engineer writes the real
 * shared/rules/volunteer-certificate.ts in parallel; on merge, delete this file and keep theirs.
 * It verifies a service certificate's QR `SHV1.<payload>.<signature>.<kid>` offline with the card
 * signing keys, by analogy with shared/rules/card.ts (the signed bytes `SHV1.<payload>.<kid>`).
 */
import { CertificatePayload } from '../schemas/volunteer'
import { base64UrlDecode, CARD_ALGORITHM, type VerifyKey } from './card'

export const CERTIFICATE_PREFIX = 'SHV1'
export type CertificateFailure = 'bad_format' | 'bad_signature' | 'unknown_key'
export type CertificateCheck =
  | { ok: true; reason: null; certificate: CertificatePayload }
  | { ok: false; reason: CertificateFailure; certificate: CertificatePayload | null }

export async function verifyCertificate(qr: string, keys: readonly VerifyKey[], _now: Date): Promise<CertificateCheck> {
  const parts = qr.trim().split('.')
  if (qr.length > 2000 || parts.length !== 4 || parts[0] !== CERTIFICATE_PREFIX)
    return { ok: false, reason: 'bad_format', certificate: null }
  const [, payload, sig, kid] = parts as [string, string, string, string]
  const json = base64UrlDecode(payload)
  const signature = base64UrlDecode(sig)
  if (!json || !signature) return { ok: false, reason: 'bad_format', certificate: null }
  let parsed: ReturnType<typeof CertificatePayload.safeParse>
  try {
    parsed = CertificatePayload.safeParse(JSON.parse(new TextDecoder().decode(json)))
  } catch {
    return { ok: false, reason: 'bad_format', certificate: null }
  }
  if (!parsed.success) return { ok: false, reason: 'bad_format', certificate: null }
  const key = keys.find((k) => k.kid === kid)
  if (!key) return { ok: false, reason: 'unknown_key', certificate: parsed.data }
  let valid: boolean
  try {
    const cryptoKey = await crypto.subtle.importKey('jwk', key.jwk, { name: CARD_ALGORITHM }, false, ['verify'])
    const input = new TextEncoder().encode(`${CERTIFICATE_PREFIX}.${payload}.${kid}`)
    valid = await crypto.subtle.verify({ name: CARD_ALGORITHM }, cryptoKey, new Uint8Array(signature), input)
  } catch {
    valid = false
  }
  return valid ? { ok: true, reason: null, certificate: parsed.data } : { ok: false, reason: 'bad_signature', certificate: parsed.data }
}
