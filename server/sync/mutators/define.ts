import type { Transaction } from 'kysely'
import type { z } from 'zod'
import type { MutationDef } from '../../../shared/mutations/define'
import type { DomainContext } from '../../domain/context'
import type { DeviceSelf } from '../../../shared/schemas/device'
import type { Database } from '../../db/database'
import type { Clock } from '../../deps'
import type { Actor } from '../actor'

/** What a server mutator may use: a domain context (the open transaction, its only way to the database; who; when) and its sync client. */
export interface MutatorContext extends DomainContext {
  clientId: string
}

/** The same for a mutation a device runs: the device (bound to one organisation) instead of a person. */
export interface DeviceMutatorContext {
  trx: Transaction<Database>
  device: DeviceSelf
  clock: Clock
  clientId: string
}

/**
 * The authoritative apply of one shared mutation. `apply` gets arguments already validated by the
 * shared schema, writes through `ctx.trx` only (stamping every changed row with nextVersion), throws
 * `DomainError` (server/errors.ts) for business answers — itself or from a service function it calls
 * (server/domain/<feature>.ts) — and returns the data the client gets back (JSON), if any.
 * `applyAsDevice` marks the mutation as allowed for devices and is what a device runs; without it
 * the mutation is for members only and push rejects a device's with 'not_for_devices'.
 */
export interface ServerMutator<D extends MutationDef = MutationDef> {
  def: D
  apply(ctx: MutatorContext, args: z.infer<D['args']>): Promise<unknown>
  applyAsDevice?(ctx: DeviceMutatorContext, args: z.infer<D['args']>): Promise<unknown>
}

export function defineServerMutator<D extends MutationDef>(
  def: D,
  apply: (ctx: MutatorContext, args: z.infer<D['args']>) => Promise<unknown>,
  applyAsDevice?: (ctx: DeviceMutatorContext, args: z.infer<D['args']>) => Promise<unknown>,
): ServerMutator<D> {
  return applyAsDevice ? { def, apply, applyAsDevice } : { def, apply }
}

/**
 * How `actor` runs `mutator`: a member through `apply`, a device through `applyAsDevice`; undefined
 * when the mutation is not allowed for devices.
 */
export function applierFor(mutator: ServerMutator, actor: Actor) {
  type Shared = Omit<MutatorContext, 'user'>
  if (actor.kind === 'member') return (ctx: Shared, args: unknown) => mutator.apply({ ...ctx, user: actor.user }, args)
  const asDevice = mutator.applyAsDevice
  return asDevice && ((ctx: Shared, args: unknown) => asDevice.call(mutator, { ...ctx, device: actor.device }, args))
}
