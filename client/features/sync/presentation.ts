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

/**
 * Refusals that the same entry sent again later can overcome (a window not open yet, a cap freed by
 * another decision, a membership still to come). Any other refusal stays whatever is resent: the
 * outbox offers to remove it, not to retry it.
 */
export const RETRY_CAN_FIX: readonly string[] = [
  'registration_not_open',
  'check_in_not_open',
  'members_only',
  'too_many_pending',
  'too_many_memberships',
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds mutators of every argument type
export interface PresentedMutator<A = any> extends ClientMutator<A> {
  /** `display`: the names captured when the entry was made (OutboxEntry.display), if any */
  describe(args: A, display?: Record<string, string>): MutationDescription
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

/**
 * The words for an entry about one named thing: `key` with the name captured in `display[param]`,
 * else `<key>Unnamed` (an entry made before names were kept): never the thing's id.
 */
export function named(key: string, param: string, display: Record<string, string> | undefined): MutationDescription {
  const name = display?.[param]
  return name ? { key, params: { [param]: name } } : { key: `${key}Unnamed` }
}
