/**
 * The development SMS inbox of a real server process (server/sms/sender.ts DevSmsSender): a JSON-lines
 * file in its data directory. Tests read codes here, as a person reads their phone.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SmsInboxEntry } from '../../server/sms/sender'

export const inboxFile = (dataDir: string) => join(dataDir, 'sms-inbox.jsonl')

export function inboxEntries(dataDir: string): SmsInboxEntry[] {
  const file = inboxFile(dataDir)
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SmsInboxEntry)
}

/** The latest code sent to `phone` (for `purpose`, if given); throws when none was sent. */
export function latestCode(dataDir: string, phone: string, purpose?: SmsInboxEntry['purpose']): string {
  const entry = inboxEntries(dataDir)
    .reverse()
    .find((e) => e.phone === phone && e.code && (!purpose || e.purpose === purpose))
  if (!entry?.code) throw new Error(`no ${purpose ?? ''} code was sent to ${phone}`)
  return entry.code
}

/** Asks the server at `url` for a register code for `body.phone` and returns `body` with the code (what the app does in two steps). */
export async function withRegisterCode<T extends { phone: string }>(url: string, dataDir: string, body: T): Promise<T & { code: string }> {
  const res = await fetch(`${url}/api/auth/sms-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: body.phone, purpose: 'register' }),
  })
  if (res.status !== 200) throw new Error(`asking a register code for ${body.phone}: HTTP ${res.status} ${await res.text()}`)
  return { ...body, code: latestCode(dataDir, body.phone, 'register') }
}
