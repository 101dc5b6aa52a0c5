/**
 * iCalendar (RFC 5545) for one activity and for a person's feed: CRLF line ends, lines folded at 75
 * octets (never inside a UTF-8 character), TEXT values escaped, times in UTC ("…Z"). No phone
 * numbers or other personal data: a feed URL can end up in a shared calendar.
 */
import { BEIJING_TIME_ZONE } from '../../shared/time/beijing'

export interface IcsEvent {
  uid: string
  title: string
  description: string
  location: string
  startsAt: string
  endsAt: string
  /** when the event last changed (DTSTAMP / LAST-MODIFIED) */
  updatedAt: string
  cancelled: boolean
  /** sequence number for updates (the row version) */
  sequence: number
  url?: string
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines in TEXT. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/** 2026-12-01T06:30:00.000Z → 20261201T063000Z */
export function icsUtc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF + one space. */
export function foldLine(line: string): string {
  const enc = new TextEncoder()
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const n = enc.encode(ch).length
    // the first line holds 75 octets; continuation lines 74 (their leading space counts)
    const limit = parts.length === 0 ? 75 : 74
    if (octets + n > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += n
  }
  parts.push(current)
  return parts.join('\r\n ')
}

function eventLines(e: IcsEvent, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${icsUtc(stamp)}`,
    `LAST-MODIFIED:${icsUtc(e.updatedAt)}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTART:${icsUtc(e.startsAt)}`,
    `DTEND:${icsUtc(e.endsAt)}`,
    `SUMMARY:${escapeText(e.title)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `LOCATION:${escapeText(e.location)}`,
    ...(e.url ? [`URL:${e.url}`] : []),
    `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ]
}

/** A whole VCALENDAR; `name` titles a feed (X-WR-CALNAME, understood by the common calendar apps). */
export function renderCalendar(events: IcsEvent[], opts: { now: Date; name?: string }): string {
  const stamp = opts.now.toISOString()
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Scientists Home//Activities//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(opts.name ? [`X-WR-CALNAME:${escapeText(opts.name)}`] : []),
    // times stay in UTC; the common calendar apps show a subscribed calendar in this zone by default
    `X-WR-TIMEZONE:${BEIJING_TIME_ZONE}`,
    ...events.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ]
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
