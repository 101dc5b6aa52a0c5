/**
 * Who a recognised desk input is, as far as this device can tell on its own: a member number or a
 * phone is taken as typed (only the server holds the list); a card is verified with the saved keys,
 * so a forged, expired or revoked card is refused before anything is queued. A card signed with a
 * key this device has not seen yet goes to the server, with a note saying so.
 */
import { verifyCard, type CardFailure, type VerifyKey } from '../../../shared/rules/card'
import { identityOf, type CheckInIdentity, type CheckInInput } from './check-in-input'

export type Identified =
  | { ok: true; identity: CheckInIdentity; note: 'unknown_key' | 'keys_missing' | null }
  | { ok: false; card: Exclude<CardFailure, 'unknown_key'> }

export async function identify(
  found: Extract<CheckInInput, { kind: 'card' | 'memberNo' | 'phone' }>,
  keys: VerifyKey[],
  now: Date,
): Promise<Identified> {
  const identity = identityOf(found)!
  if (found.kind !== 'card') return { ok: true, identity, note: null }
  const check = await verifyCard(found.card, keys, now)
  if (check.ok) return { ok: true, identity, note: null }
  if (check.reason !== 'unknown_key') return { ok: false, card: check.reason }
  return { ok: true, identity, note: keys.length ? 'unknown_key' : 'keys_missing' }
}
