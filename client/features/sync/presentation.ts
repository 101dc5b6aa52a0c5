/**
 * How an outbox entry is shown to the person: its words and where to edit it after a refusal.
 * Presentation, so it lives with the sync screens, not in the engine (client/lib/); each feature's
 * mutators.ts gives it beside the optimistic change.
 */
import type { ClientMutator } from '../../lib/mutators'
import type { MutationArgs, MutationDef } from '../../../shared/mutations/define'

/** Human words for an outbox entry: an i18n key and its parameters. */
export interface MutationDescription {
  key: string
  params?: Record<string, string | number>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds mutators of every argument type
export interface PresentedMutator<A = any> extends ClientMutator<A> {
  describe(args: A): MutationDescription
  /** Where the person edits a rejected entry's args before retrying (a route path), if anywhere. */
  editPath?(entryId: string): string
}

/** The client side of the shared mutation `def`: named by it, its `args` typed by the definition's schema. */
export function presentedMutator<D extends MutationDef>(
  def: D,
  mutator: Omit<PresentedMutator<MutationArgs<D>>, 'name'>,
): PresentedMutator<MutationArgs<D>> {
  return { name: def.name, ...mutator }
}
