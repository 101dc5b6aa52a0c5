/**
 * The audit log: who did what, in which organisation, to whom, when. Written for admin actions,
 * exports and reads of personal data, account deletion, password changes and session ends.
 * Viewable by system admins (routes/audit.ts) and kept at least six months (PIPL; purgeAudit).
 *
 * `detail` is for ids, counts and codes; never phone numbers, passwords or free text a person typed.
 */
import type { Executor } from '../db/database'
import type { AuditLogRow } from '../db/audit.table'
import type { AuditEntry } from '../../shared/schemas/account'
import { pageOffset } from '../../shared/schemas/paging'
import { DomainError } from '../errors'

/** Action names in use; other features add theirs (dotted, lowercase: `membership.approve`). */
export type AuditAction = 'account.export' | 'account.delete' | 'password.change' | 'session.end' | 'session.end_others' | (string & {})

export interface AuditEvent {
  actorId: string | null
  action: AuditAction
  orgId?: string | null
  /** what the action was about: a user id, a membership id … */
  target?: string | null
  detail?: Record<string, unknown> | null
  /** defaults to now; pass the app clock's time where there is one */
  at?: Date
}

/** Appends one entry. Call it inside the transaction of the action it records, so both or neither land. */
export async function audit(db: Executor, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: event.actorId,
      action: event.action.slice(0, 64),
      org_id: event.orgId ?? null,
      target: event.target ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
      at: (event.at ?? new Date()).toISOString(),
    })
    .execute()
}

/** Six months, rounded up: PIPL practice and issue 6 ask for at least this. */
export const AUDIT_MIN_KEEP_DAYS = 180

/**
 * Deletes entries older than `keepDays` (never fewer than 180, whatever is asked). Returns the count.
 * Run from a maintenance job.
 */
export async function purgeAudit(db: Executor, now: Date, keepDays = AUDIT_MIN_KEEP_DAYS): Promise<number> {
  const days = Math.max(AUDIT_MIN_KEEP_DAYS, Number.isFinite(keepDays) ? keepDays : AUDIT_MIN_KEEP_DAYS)
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString()
  const res = await db.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst()
  return Number(res.numDeletedRows)
}

export interface AuditFilter {
  action?: string
  actor?: string
  org?: string
  page: number
  pageSize: number
}

/** One page of entries, newest first. */
export async function auditPage(db: Executor, f: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
  let q = db.selectFrom('audit_log')
  if (f.action) q = q.where('action', '=', f.action)
  if (f.actor) q = q.where('actor_id', '=', f.actor)
  if (f.org) q = q.where('org_id', '=', f.org)
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows = await q.selectAll().orderBy('id', 'desc').limit(f.pageSize).offset(pageOffset(f)).execute()
  return { items: rows.map(toAuditEntry), total: Number(total) }
}

/** Entries a person is the actor or the subject of (for their export). */
export async function auditAbout(db: Executor, userId: string): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => eb.or([eb('actor_id', '=', userId), eb('target', '=', userId)]))
    .orderBy('id')
    .execute()
  return rows.map(toAuditEntry)
}

function toAuditEntry(r: AuditLogRow): AuditEntry {
  return { id: r.id, actorId: r.actor_id, action: r.action, orgId: r.org_id, target: r.target, detail: parseDetail(r.detail), at: r.at }
}

/** Entries written by hand (or by an older version) may hold plain text: shown as it is. */
function parseDetail(text: string | null): unknown {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Runs an attempt whose refusals are audited too (a check-in desk's): a DomainError comes back with a
 * `keep` that writes `entry(code)`, which the push engine commits after rolling the attempt back.
 */
export async function auditingRefusals<T>(attempt: () => Promise<T>, entry: (code: string) => AuditEvent): Promise<T> {
  try {
    return await attempt()
  } catch (err) {
    if (!(err instanceof DomainError)) throw err
    throw new DomainError(err.code, err.message, { data: err.data, keep: (trx) => audit(trx, entry(err.code)) })
  }
}
