import type { Transaction } from 'kysely'
import type { z } from 'zod'
import type { MutationDef } from '../../../shared/mutations/define'
import type { Database } from '../../db/database'
import type { UserRow } from '../../db/database.types'
import type { Clock } from '../../deps'

/** What a server mutator may use: the open transaction (its only way to the database), who, when. */
export interface MutatorContext {
  trx: Transaction<Database>
  user: UserRow
  clock: Clock
  clientId: string
}

/**
 * The authoritative apply of one shared mutation. `apply` gets arguments already validated by the
 * shared schema, writes through `ctx.trx` only (stamping every changed row with nextVersion), throws
 * `DomainError` (server/errors.ts) for business answers — itself or from any domain function it calls — and returns the data the client gets back (JSON), if any.
 */
export interface ServerMutator<D extends MutationDef = MutationDef> {
  def: D
  apply(ctx: MutatorContext, args: z.infer<D['args']>): Promise<unknown>
}

export function defineServerMutator<D extends MutationDef>(
  def: D,
  apply: (ctx: MutatorContext, args: z.infer<D['args']>) => Promise<unknown>,
): ServerMutator<D> {
  return { def, apply }
}
