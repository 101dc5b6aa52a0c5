/**
 * The organisation tree: the one writer of organisations, and the questions the closure table
 * (migration 0011) answers with joins — subtrees, "is X under Y", subtree counts. Plain kysely,
 * the same SQL on SQLite and PostgreSQL.
 *
 * Nothing moves an organisation today (parent_id never changes after insert). A move, when one is
 * needed, belongs here: in one transaction, delete the subtree's pairs with its old ancestors and
 * insert the cross product of the new parent's ancestors with the subtree.
 */
import type { SelectQueryBuilder } from 'kysely'
import type { Database, Executor } from './database'
import type { NewOrganization, NewOrganizationClosure } from './organization.table'

// Rows per statement: 14 columns × 1,000 and 3 × 5,000 stay well under SQLite's 32,766 and
// PostgreSQL's 65,535 bound parameters.
const ORG_CHUNK = 1_000
const CLOSURE_CHUNK = 5_000

const chunks = <T>(rows: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size))

interface Ancestor {
  ancestor_id: string
  depth: number
}

/**
 * Writes organisations and their closure rows (itself at depth 0, its parent at 1, … the root) in
 * the caller's transaction. Rows come parent first: a parent is stored already or earlier in `rows`.
 * The closure is built in memory from the stored parents' chains, so a whole seed (~45,000
 * organisations, ~220,000 pairs) is a few dozen multi-row inserts.
 */
export async function insertOrganizations(db: Executor, rows: readonly NewOrganization[]): Promise<void> {
  const chains = await storedChains(db, rows)
  const closure: NewOrganizationClosure[] = []
  for (const r of rows) {
    const parent = r.parent_id ? chains.get(r.parent_id) : []
    if (!parent) throw new Error(`organisation ${r.id}: parent ${r.parent_id} is neither stored nor earlier in this batch`)
    const chain = [{ ancestor_id: r.id, depth: 0 }, ...parent.map((a) => ({ ancestor_id: a.ancestor_id, depth: a.depth + 1 }))]
    chains.set(r.id, chain)
    for (const a of chain) closure.push({ ...a, descendant_id: r.id })
  }
  for (const chunk of chunks(rows, ORG_CHUNK)) await db.insertInto('organizations').values(chunk).execute()
  for (const chunk of chunks(closure, CLOSURE_CHUNK)) await db.insertInto('organization_closure').values(chunk).execute()
}

export function insertOrganization(db: Executor, row: NewOrganization): Promise<void> {
  return insertOrganizations(db, [row])
}

/** The stored ancestor chains (self included) of the parents `rows` name outside the batch. */
async function storedChains(db: Executor, rows: readonly NewOrganization[]): Promise<Map<string, Ancestor[]>> {
  const inBatch = new Set(rows.map((r) => r.id))
  const outside = [...new Set(rows.flatMap((r) => (r.parent_id && !inBatch.has(r.parent_id) ? [r.parent_id] : [])))]
  const chains = new Map<string, Ancestor[]>()
  for (const ids of chunks(outside, CLOSURE_CHUNK)) {
    const found = await db
      .selectFrom('organization_closure')
      .select(['ancestor_id', 'descendant_id', 'depth'])
      .where('descendant_id', 'in', ids)
      .execute()
    for (const f of found) chains.set(f.descendant_id, [...(chains.get(f.descendant_id) ?? []), f])
  }
  return chains
}

/**
 * Of the organisations `start` names (a query selecting `org_id`), those at or below one of
 * `roots`, as a subquery of `org_id`s. It joins from each starting organisation (usually few:
 * pending applications, upcoming activities) to its closure rows, one key probe per root, rather
 * than listing a root's subtree, which may be every organisation (a national admin's).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any starting query that selects org_id
export function orgIdsUnderRoots(db: Executor, start: SelectQueryBuilder<Database, any, { org_id: string }>, roots: readonly string[]) {
  return db
    .selectFrom(start.as('s'))
    .innerJoin('organization_closure as c', 'c.descendant_id', 's.org_id')
    .select('s.org_id')
    .where('c.ancestor_id', 'in', roots.length ? [...roots] : [''])
}

/** The ids of every organisation at or below one of `roots` (a subquery; overlapping roots may repeat an id). */
export function subtreeIds(db: Executor, roots: readonly string[]) {
  return db
    .selectFrom('organization_closure')
    .select('descendant_id as id')
    .where('ancestor_id', 'in', roots.length ? [...roots] : [''])
}

export interface SubtreeCounts {
  /** organisations below the root (the root itself not counted) */
  total: number
  /** by level (national … township); organisations without a level (enterprises, parks, …) under 'none' */
  byLevel: Record<string, number>
  /** by kind (cast, society, enterprise, …) */
  byKind: Record<string, number>
  /** township 科协 below the root: established, and the blind spots (盲区白地) not yet established */
  townships: { established: number; notEstablished: number }
}

/**
 * Counts of the organisations below `rootId` for dashboards: one query over the closure table's
 * primary key (ancestor_id first) joined to organisations by id, grouped, folded here.
 */
export async function subtreeCounts(db: Executor, rootId: string): Promise<SubtreeCounts> {
  const groups = await db
    .selectFrom('organization_closure as c')
    .innerJoin('organizations as o', 'o.id', 'c.descendant_id')
    .select(['o.kind', 'o.level', 'o.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.ancestor_id', '=', rootId)
    .where('c.depth', '>', 0)
    .groupBy(['o.kind', 'o.level', 'o.status'])
    .execute()
  const counts: SubtreeCounts = { total: 0, byLevel: {}, byKind: {}, townships: { established: 0, notEstablished: 0 } }
  for (const g of groups) {
    const n = Number(g.n)
    const level = g.level ?? 'none'
    counts.total += n
    counts.byLevel[level] = (counts.byLevel[level] ?? 0) + n
    counts.byKind[g.kind] = (counts.byKind[g.kind] ?? 0) + n
    if (g.kind === 'cast' && level === 'township') {
      if (g.status === 'established') counts.townships.established += n
      else counts.townships.notEstablished += n
    }
  }
  return counts
}
