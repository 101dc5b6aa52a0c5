import type { Transaction } from 'kysely'
import type { Database } from '../db/database'

/**
 * A business answer from a mutator ("the activity is full", "no such region"). The push engine rolls
 * back the mutator's writes, commits the rejection as the mutation's result and moves on — a
 * rejection is a result, never a wedge. Anything else a mutator throws is a bug or an outage.
 *
 * `keep` writes what must stand although the mutation was refused (the audit entry of a refused
 * check-in): the engine runs it after the rollback, in the transaction that records the result.
 */
export class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly keep?: (trx: Transaction<Database>) => Promise<void>,
  ) {
    super(message)
    this.name = 'Rejection'
  }
}
