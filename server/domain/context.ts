import type { Transaction } from 'kysely'
import type { Database } from '../db/database'
import type { UserRow } from '../db/database.types'
import type { Clock } from '../deps'

/**
 * What a feature's service function (server/domain/<feature>.ts) works with: the open transaction
 * (all its writes and the audit entry commit together), who acts, and the clock. A route opens the
 * transaction and passes `{ trx, user, clock }`; a server mutator's context already is one. Refusals
 * are DomainErrors, so the same function answers a status over REST and `rejected` over sync.
 */
export interface DomainContext {
  trx: Transaction<Database>
  user: UserRow
  clock: Clock
}
