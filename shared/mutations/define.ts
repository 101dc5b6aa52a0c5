import type { z } from 'zod'

/**
 * One definition per mutation, imported by both sides: its public name and its argument schema.
 * Pure rules the client can run optimistically live in shared/rules/<feature>.ts; the server's
 * authoritative apply lives in server/sync/mutators/<feature>.ts and validates `args` again.
 */
export interface MutationDef<N extends string = string, S extends z.ZodType = z.ZodType> {
  name: N
  args: S
}

export function defineMutation<N extends string, S extends z.ZodType>(name: N, args: S): MutationDef<N, S> {
  return { name, args }
}
export type MutationArgs<M extends MutationDef> = z.infer<M['args']>
