/**
 * The volunteer service certificate's QR (服务证明): `SHV1.<payload>.<signature>.<kid>`, the signed-QR
 * format of the member card (shared/rules/signed-qr.ts) with its own prefix, so a card never passes
 * for a certificate nor the other way round. The payload is CertificatePayload (name, approved
 * minutes, records, first and last day, id, issued at). Verified offline with the card keys the app
 * already caches (`GET /api/cards/keys`). A certificate does not expire: it states what was approved
 * when it was issued (`i`).
 */
import { CertificatePayload } from '../schemas/volunteer'
import { checkSignature, parseSignedQr, type VerifyKey } from './signed-qr'

export const CERTIFICATE_PREFIX = 'SHV1'

export type CertificateFailure = 'bad_format' | 'bad_signature' | 'unknown_key'
export type CertificateCheck =
  | { ok: true; reason: null; certificate: CertificatePayload }
  | { ok: false; reason: CertificateFailure; certificate: CertificatePayload | null }

/** Checks a scanned certificate offline: format, known key, signature. */
export async function verifyCertificate(qrText: string, publicKeys: readonly VerifyKey[]): Promise<CertificateCheck> {
  const parsed = parseSignedQr(CERTIFICATE_PREFIX, CertificatePayload, qrText)
  if (!parsed) return { ok: false, reason: 'bad_format', certificate: null }
  const signature = await checkSignature(CERTIFICATE_PREFIX, parsed, publicKeys)
  if (signature !== 'ok') return { ok: false, reason: signature, certificate: parsed.data }
  return { ok: true, reason: null, certificate: parsed.data }
}
