/**
 * What a feature gives the sync engine for each mutation name: the optimistic change and how to
 * read the server's answer. Features keep theirs in client/features/<feature>/mutators.ts and the
 * registry in client/features/sync/mutators.ts lists them; how an entry is shown to the person
 * (its words, where to edit it) is presentation: client/features/sync/presentation.ts.
 */
import type { z } from 'zod'
import type { Change } from '../../shared/schemas/sync'
import type { RowOf, TableName } from './tables'

/**
 * The replica as an optimistic change sees it, typed by client/lib/tables.ts. Every write is
 * recorded so it can be rolled back.
 */
export interface ReplicaWriter {
  get<T extends TableName>(table: T, id: string): Promise<RowOf<T> | undefined>
  list<T extends TableName>(table: T): Promise<Array<RowOf<T>>>
  put<T extends TableName>(row: RowOf<T>): Promise<void>
  delete(table: TableName, id: string): Promise<void>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds mutators of every argument type
export interface ClientMutator<A = any> {
  name: string
  /**
   * The optimistic change. It is re-run on top of fresh server state during a rebase, so it must
   * depend only on the replica and `args` (no clock, no randomness) and touch the replica only.
   */
  apply(replica: ReplicaWriter, args: A): Promise<void>
  /**
   * Turns an applied result's `data` into server-confirmed rows. Without it (or when it returns
   * null) the optimistic change itself is kept as confirmed until a pull brings the server's rows.
   */
  confirmed?(data: unknown): Change[] | null
}

export type MutatorRegistry = Record<string, ClientMutator>

/**
 * The server's stamps on a row an optimistic change creates: empty until the server's row arrives.
 * No clock here: an optimistic change is re-run by every rebase.
 */
export const UNSTAMPED = { createdAt: '', updatedAt: '', version: 0 } as const

/**
 * `confirmed` for a mutation whose result is the one row it wrote: that row, when the result
 * parses as the table's schema; null (keep the optimistic change) when it does not.
 */
export function confirmedRow(table: TableName, schema: z.ZodType<{ id: string }>) {
  return (data: unknown): Change[] | null => {
    const parsed = schema.safeParse(data)
    return parsed.success ? [{ table, id: parsed.data.id, op: 'upsert', row: parsed.data }] : null
  }
}
