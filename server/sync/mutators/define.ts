import type { z } from 'zod'
import type { MutationDef } from '../../../shared/mutations/define'
import type { DomainContext } from '../../domain/context'

/** What a server mutator may use: a domain context (the open transaction, its only way to the database; who; when) and its sync client. */
export interface MutatorContext extends DomainContext {
  clientId: string
}

/**
 * The authoritative apply of one shared mutation. `apply` gets arguments already validated by the
 * shared schema, writes through `ctx.trx` only (stamping every changed row with nextVersion), throws
 * `DomainError` (server/errors.ts) for business answers — itself or from a service function it calls
 * (server/domain/<feature>.ts) — and returns the data the client gets back (JSON), if any.
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
