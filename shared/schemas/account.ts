/**
 * A person's own account machinery: their sessions, the export of all their data, and deleting
 * the account. Audit log entries (read by system admins) live here too.
 */
import { z } from 'zod'
import { Me } from './user'
import { countedPage, pageQuery } from './paging'

/** Sessions are shown by a prefix of their id (a hash of the cookie token, never the token). */
export const SessionIdPrefix = z.string().regex(/^[A-Za-z0-9_-]{12}$/, 'session id is 12 characters')
export const SessionIdParam = z.object({ id: SessionIdPrefix })

export const SessionInfo = z.object({
  id: SessionIdPrefix,
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  /** the session this request came with */
  current: z.boolean(),
})
export type SessionInfo = z.infer<typeof SessionInfo>

export const SessionList = z.object({ items: z.array(SessionInfo) })
export type SessionList = z.infer<typeof SessionList>

export const EndedSessions = z.object({ ended: z.number().int().min(0) })
export type EndedSessions = z.infer<typeof EndedSessions>

export const DeleteAccountInput = z.object({ password: z.string().min(1).max(128) }).strict()
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>

/** What deleting an account kept (anonymised) and why: the answer states it, as PIPL asks. */
export const KeptRecord = z.object({ what: z.string(), count: z.number().int().min(0), why: z.string() })
export const DeleteAccountResult = z.object({
  deleted: z.literal(true),
  removed: z.array(z.object({ what: z.string(), count: z.number().int().min(0) })),
  kept: z.array(KeptRecord),
})
export type DeleteAccountResult = z.infer<typeof DeleteAccountResult>

export const AuditEntry = z.object({
  id: z.number().int(),
  actorId: z.string().nullable(),
  action: z.string(),
  orgId: z.string().nullable(),
  target: z.string().nullable(),
  detail: z.unknown().nullable(),
  at: z.string(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** `GET /api/admin/audit` filters; every one optional. */
export const AuditQuery = z
  .object({
    action: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[a-z_.]+$/, 'action is like account.export')
      .optional(),
    actor: z.string().trim().min(1).max(64).optional(),
    org: z.string().trim().min(1).max(64).optional(),
    ...pageQuery({ maxPageSize: 200, defaultPageSize: 50, maxPage: 10_000 }),
  })
  .strict()
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditPage = countedPage(AuditEntry)
export type AuditPage = z.infer<typeof AuditPage>

/** `GET /api/me/export`: everything the server holds about the person, by section. */
export const AccountExport = z.object({
  format: z.literal('scientists-home-export/1'),
  exportedAt: z.string(),
  profile: Me.extend({ privacyConsentAt: z.string() }),
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
})
export type AccountExport = z.infer<typeof AccountExport>
