/**
 * The public sync protocol (see DESIGN.md "Offline sync").
 *
 * Push: the client sends its outbox in order; the server answers one result per mutation, in order.
 *   A mutation id seen before (per client) is answered with its first result and changes nothing.
 *   A business rejection is a result (status "rejected", 200 for the batch) — never a wedge.
 * Pull: changes to rows this caller may see, since a cursor (a server version, never a device clock),
 *   in pages. `reset: true` means the cursor is older than the tombstones kept: flush the outbox,
 *   drop the replica and pull from zero.
 */
import { z } from 'zod'

/**
 * Bumped when the change format or a mutation's meaning changes incompatibly. A client whose replica
 * was built for another version drops it (outbox kept) and pulls from zero (client/lib/sync-steps.ts).
 * 2: activity `hours` renamed `creditHours` (migration 0013); an old replica row would read as none.
 */
export const SYNC_SCHEMA_VERSION = 2

export const ClientMutation = z.object({
  id: z.string().uuid(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  /** device time, for display only: never used to order or as a cursor */
  createdAt: z.string().max(40),
})
export type ClientMutation = z.infer<typeof ClientMutation>

export const PushRequest = z.object({
  clientId: z.string().uuid(),
  /** the client's SYNC_SCHEMA_VERSION (0 = a client from before versioning: always outdated) */
  schemaVersion: z.number().int().min(0),
  mutations: z.array(ClientMutation).max(100),
})
export type PushRequest = z.infer<typeof PushRequest>

export const MutationResult = z.object({
  id: z.string(),
  status: z.enum(['applied', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
  data: z.unknown().optional(),
})
export type MutationResult = z.infer<typeof MutationResult>

export const PushResponse = z.object({
  /** one per processed mutation, in order; may be shorter than the batch when `retry` is set */
  results: z.array(MutationResult),
  /**
   * Set when the server stopped before mutation `id` (nothing of it was applied or recorded):
   * `retry_later` after an unexpected failure, `rate_limited` when the account's mutation budget is
   * spent (shared/rules/sync-budget.ts). That mutation and every one after it stay pending in the
   * outbox; retry with backoff.
   */
  retry: z.object({ id: z.string(), code: z.enum(['retry_later', 'rate_limited']), message: z.string() }).optional(),
})
export type PushResponse = z.infer<typeof PushResponse>

export const PullQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  schemaVersion: z.coerce.number().int().min(0).optional(),
  clientId: z.string().uuid().optional(),
})
export type PullQuery = z.infer<typeof PullQuery>

export const Change = z.object({
  table: z.string(),
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  row: z.record(z.string(), z.unknown()).optional(),
})
export type Change = z.infer<typeof Change>

export const PullResponse = z.object({
  changes: z.array(Change),
  cursor: z.number().int(),
  hasMore: z.boolean(),
  reset: z.boolean().optional(),
  /**
   * With `clientId`: results of this client's mutations processed after the request cursor, up to
   * the new cursor. A client must settle its outbox from them before storing the new cursor: a
   * later pull with that cursor lets the server forget those results (a push whose answer was lost
   * is then answered here, not by pushing it again).
   */
  results: z.array(MutationResult).optional(),
})
export type PullResponse = z.infer<typeof PullResponse>
