/**
 * The request timer: a request that sits in an open state (ordered, dispatched, accepted) past its
 * state's deadline (state_due_at, shared/rules/service-request.ts stateDueAt) is flagged to the level
 * above — overdue_at = now, escalated_org_id = the parent of the hub's organisation (itself at the
 * top) — with an 'escalated' event and a request_overdue notice to that organisation's active admins.
 * Each request in its own transaction, by a conditional update (overdue_at still null, status and
 * deadline as read), so a run that overlaps another, or a staff move in between, flags nothing twice.
 * With several instances (issue 15) main.ts runs it on one at a time (db/exclusive.ts), but even two
 * overlapping runs stay correct: the writers' lock orders their transactions and the second one's
 * conditional update finds overdue_at already set (tests/server/request-deadlines.test.ts).
 * The next status move clears the flags (server/domain/service-requests.ts moveRequest).
 * server/main.ts runs it at start and every 10 minutes; tests call it with their clock's time.
 */
import { OPEN_STATUSES } from '../../shared/rules/service-request'
import type { DB } from '../db/database'
import { nextVersion } from '../db/version'
import { addEvent, notifyAboutRequest, orgAdminIds } from './service-requests'
import { writeTransaction } from '../db/transaction'

/** How often server/main.ts runs escalateOverdueRequests. */
export const ESCALATION_INTERVAL_MS = 10 * 60_000

/** Flags every open request past its state's deadline; returns how many were flagged now. */
export async function escalateOverdueRequests(db: DB, now: Date): Promise<number> {
  const at = now.toISOString()
  const due = await db
    .selectFrom('service_requests as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.number', 'r.org_id', 'r.status', 'r.state_due_at', 'r.team_id', 'o.parent_id'])
    .where('r.status', 'in', [...OPEN_STATUSES])
    .where('r.state_due_at', 'is not', null)
    .where('r.state_due_at', '<', at)
    .where('r.overdue_at', 'is', null)
    .orderBy('r.state_due_at')
    .execute()
  let flagged = 0
  for (const r of due) {
    const escalatedOrgId = r.parent_id ?? r.org_id
    const done = await writeTransaction(db, async (trx) => {
      const res = await trx
        .updateTable('service_requests')
        .set({ overdue_at: at, escalated_org_id: escalatedOrgId, updated_at: at, version: await nextVersion(trx) })
        .where('id', '=', r.id)
        .where('overdue_at', 'is', null)
        .where('status', '=', r.status)
        .where('state_due_at', '=', r.state_due_at!)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) return false
      await addEvent(trx, { requestId: r.id, kind: 'escalated', at: now, actor: 'system', teamId: r.team_id })
      await notifyAboutRequest(trx, r, 'request_overdue', await orgAdminIds(trx, escalatedOrgId), now)
      return true
    })
    if (done) flagged++
  }
  return flagged
}
