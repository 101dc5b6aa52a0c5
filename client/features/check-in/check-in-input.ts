/**
 * What the organiser typed or scanned at the check-in desk: a member card's QR text (a handheld
 * scanner types it like a keyboard), a member number (KX…), or a phone number. Pure, so the kiosk
 * and the tests agree on it.
 */
import { CARD_PREFIX, parseCardQr } from '../../../shared/rules/card'

export type CheckInInput =
  | { kind: 'card'; card: string }
  | { kind: 'memberNo'; memberNo: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'unknown' }
  | { kind: 'empty' }

/** The identity arguments of `activity.checkIn` for a recognised input. */
export type CheckInIdentity = { card: string } | { memberNo: string } | { phone: string }

export function detectCheckInInput(raw: string): CheckInInput {
  const text = raw.trim()
  if (!text) return { kind: 'empty' }
  // card QR text is case-sensitive base64url: never change its case
  if (text.startsWith(`${CARD_PREFIX}.`)) return { kind: 'card', card: text }
  const compact = text.replace(/[\s-]/g, '')
  if (/^[A-Za-z]{2}\d{6,16}$/.test(compact)) return { kind: 'memberNo', memberNo: compact.toUpperCase() }
  // a scanner or a copied number may carry the country code
  const phone = compact.replace(/^(\+?86)(?=1\d{10}$)/, '')
  if (/^1[3-9]\d{9}$/.test(phone)) return { kind: 'phone', phone }
  return { kind: 'unknown' }
}

export function identityOf(input: CheckInInput): CheckInIdentity | null {
  switch (input.kind) {
    case 'card':
      return { card: input.card }
    case 'memberNo':
      return { memberNo: input.memberNo }
    case 'phone':
      return { phone: input.phone }
    default:
      return null
  }
}

/**
 * A key for "the same person" among check-ins this device queued: a card counts by its membership
 * (a reissued card is the same member), a member number and a phone by themselves. Walk-ins by name
 * alone have none (two people may share a name).
 */
export function identityKey(args: Partial<Record<'card' | 'memberNo' | 'phone', string>>): string | null {
  if (args.card) {
    const membership = parseCardQr(args.card)?.card.m
    return membership ? `m:${membership}` : `c:${args.card}`
  }
  if (args.memberNo) return `n:${args.memberNo.toUpperCase()}`
  if (args.phone) return `p:${args.phone}`
  return null
}
