/**
 * Push: apply a client's outbox exactly once, in order.
 *
 * For each mutation, in its own transaction:
 * 1. A result recorded for (clientId, mutation id) is answered again; nothing changes.
 * 2. An unknown name, a mutation not allowed for the actor (a device runs only those marked for
 *    devices) or arguments the shared schema refuses → rejected ('unknown_mutation',
 *    'not_for_devices', 'invalid_args'), recorded like any result: the same id always gets the same answer, and the
 *    mutations after it go on.
 * 3. The server mutator runs inside a savepoint. A `DomainError` (server/errors.ts) — thrown by the
 *    mutator or by any domain function it calls, e.g. an authorisation check — rolls its writes back
 *    to the savepoint (then writes only what it asks to keep, e.g. an audit entry) and becomes the
 *    `rejected` result with its code, message and data; otherwise the mutator's data is the result.
 * 4. The result is recorded, stamped with a fresh version, in the same transaction as the writes:
 *    apply and record commit together or not at all.
 * Any other error is a bug or an outage: the transaction rolls back, nothing is recorded, the batch
 * stops there and the answer says `retry` — that mutation and the ones after it stay in the outbox
 * (they may depend on it), and a later retry can still apply it exactly once.
 *
 * Sharing the server (server/sync/fairness.ts): the mutations of all pushes take turns, one at a
 * time, and the event loop turns after each, so other requests are served in between; pushes of
 * one sync client run one after another (never interleaved); and each mutation spends one unit of
 * the account's budget — with none left, the batch stops like an outage does, with `retry` code
 * `rate_limited` (the client backs off and sends the rest later; nothing is refused for good).
 */
import type { MutationResult, PushRequest, PushResponse } from '../../shared/schemas/sync'
import type { ErrorCode } from '../../shared/schemas/error-codes'
import { isRegionCodeIssue } from '../../shared/schemas/user'
import type { ControlledTransaction } from 'kysely'
import type { DB, Database } from '../db/database'
import { actorKey, type Actor } from './actor'
import { nextVersion } from '../db/version'
import { startWriteTransaction } from '../db/transaction'
import type { Clock } from '../deps'
import { describeZodError } from '../openapi'
import { claimClient } from './clients'
import { serverMutators } from './mutators/index'
import { applierFor, type ServerMutator } from './mutators/define'
import { findResult, recordResult } from './records'
import { DomainError } from '../errors'
import type { MutationBudget } from './budget'
import { yieldToEventLoop } from './fairness'

type Turn = <T>(task: () => Promise<T>) => Promise<T>
/** Without a shared turnstile (tests calling push directly): at least yield after each mutation. */
const ownTurn: Turn = async (task) => {
  const result = await task()
  await yieldToEventLoop()
  return result
}

type ClientMutation = PushRequest['mutations'][number]
interface PushDeps {
  db: DB
  clock: Clock
  /** the registry (its defs are the shared ones — checked in tests/server/sync-engine.test.ts); tests may pass fakes */
  mutators?: ReadonlyMap<string, ServerMutator>
  /** the per-actor (account or device) mutation budget; none in tests that do not exercise it */
  budget?: MutationBudget
  /** runs one client's pushes one after another (server/sync/fairness.ts keyedQueue) */
  serialise?: <T>(clientId: string, task: () => Promise<T>) => Promise<T>
  /** one mutation at a time across all pushes, the event loop turning between (fairness.ts turnstile) */
  turn?: Turn
}

const rejected = (id: string, code: ErrorCode, message: string, data?: unknown): MutationResult =>
  data === undefined ? { id, status: 'rejected', code, message } : { id, status: 'rejected', code, message, data }

/** Steps 2–3 inside the open transaction; returns the result to record. */
async function decide(
  trx: ControlledTransaction<Database>,
  deps: PushDeps,
  actor: Actor,
  clientId: string,
  m: ClientMutation,
): Promise<MutationResult> {
  // a Map, not an object: a mutation named "constructor" or "__proto__" is simply unknown
  const mutator = (deps.mutators ?? serverMutators).get(m.name)
  if (!mutator) return rejected(m.id, 'unknown_mutation', `this server does not know the mutation "${m.name}"`)
  // a device runs only the mutations allowed for devices, through their own apply (define.ts)
  const apply = applierFor(mutator, actor)
  if (!apply) return rejected(m.id, 'not_for_devices', `a device may not run "${m.name}"; a member must sign in for it`)
  const args = mutator.def.args.safeParse(m.args)
  if (!args.success)
    return rejected(m.id, args.error.issues.some(isRegionCodeIssue) ? 'invalid_region' : 'invalid_args', describeZodError(args.error))
  const sp = await trx.savepoint('mutation').execute()
  try {
    const data = await apply({ trx: sp, clock: deps.clock, clientId }, args.data)
    await sp.releaseSavepoint('mutation').execute()
    return data === undefined ? { id: m.id, status: 'applied' } : { id: m.id, status: 'applied', data }
  } catch (err) {
    if (!(err instanceof DomainError)) throw err
    await sp.rollbackToSavepoint('mutation').execute()
    if (err.keep) await err.keep(trx)
    return rejected(m.id, err.code, err.message, err.data)
  }
}

async function processOne(deps: PushDeps, actor: Actor, clientId: string, m: ClientMutation): Promise<MutationResult> {
  const trx = await startWriteTransaction(deps.db)
  try {
    const seen = await findResult(trx, clientId, m.id)
    if (seen) {
      await trx.commit().execute()
      return seen
    }
    // JSON round trip: the first answer is byte-for-byte what a replay will read back
    const result = JSON.parse(JSON.stringify(await decide(trx, deps, actor, clientId, m))) as MutationResult
    await recordResult(trx, { clientId, actor, name: m.name, result, version: await nextVersion(trx), now: deps.clock.now() })
    await trx.commit().execute()
    return result
  } catch (err) {
    if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute()
    // A concurrent duplicate (another instance, same mutation) recorded it first: answer that.
    const raced = await findResult(deps.db, clientId, m.id).catch(() => undefined)
    if (raced) return raced
    throw err
  }
}

/** `actor`: the person or the device pushing (actor.ts); the client id must be theirs. */
export async function push(deps: PushDeps, actor: Actor, req: PushRequest): Promise<PushResponse> {
  return deps.serialise ? deps.serialise(req.clientId, () => pushNow(deps, actor, req)) : pushNow(deps, actor, req)
}

async function pushNow(deps: PushDeps, actor: Actor, req: PushRequest): Promise<PushResponse> {
  await claimClient(deps.db, req.clientId, actor, deps.clock.now())
  const results: MutationResult[] = []
  for (const m of req.mutations) {
    if (deps.budget && !(await deps.budget.take(actorKey(actor)))) {
      return {
        results,
        retry: { id: m.id, code: 'rate_limited', message: 'too many changes in a short time; the rest will be sent a little later' },
      }
    }
    try {
      results.push(await (deps.turn ?? ownTurn)(() => processOne(deps, actor, req.clientId, m)))
    } catch (err) {
      console.error('sync push: unexpected failure, batch stopped for retry', { clientId: req.clientId, mutation: m.id, name: m.name }, err)
      return {
        results,
        retry: { id: m.id, code: 'retry_later', message: 'the server could not process this change now; it will be sent again' },
      }
    }
  }
  return { results }
}
