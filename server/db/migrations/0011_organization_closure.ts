import type { Kysely } from 'kysely'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// The organisation tree as a closure table (issue 9): one row per (ancestor, descendant) pair,
// itself at depth 0, so subtree and ancestor questions are joins, not recursive walks.
// Existing organisations are filled in one generation at a time with portable INSERT … SELECT.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organization_closure')
    .addColumn('ancestor_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('descendant_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    // (ancestor, descendant): a subtree is a range; "is X under Y" is one probe
    .addPrimaryKeyConstraint('organization_closure_pk', ['ancestor_id', 'descendant_id'])
    .execute()
  // the walk up: an organisation's ancestors, nearest first
  await db.schema.createIndex('organization_closure_descendant').on('organization_closure').columns(['descendant_id', 'depth']).execute()

  await db
    .insertInto('organization_closure')
    .columns(['ancestor_id', 'descendant_id', 'depth'])
    .expression(db.selectFrom('organizations').select(['id as ancestor_id', 'id as descendant_id', (eb) => eb.lit(0).as('depth')]))
    .execute()
  // Each pass adds every pair one step further up; a parent loop would repeat a pair and fail on the key.
  for (let depth = 0; ; depth++) {
    const [result] = await db
      .insertInto('organization_closure')
      .columns(['ancestor_id', 'descendant_id', 'depth'])
      .expression(
        db
          .selectFrom('organization_closure as c')
          .innerJoin('organizations as o', 'o.id', 'c.ancestor_id')
          .select(['o.parent_id as ancestor_id', 'c.descendant_id', (eb) => eb.lit(depth + 1).as('depth')])
          .where('c.depth', '=', depth)
          .where('o.parent_id', 'is not', null),
      )
      .execute()
    if (Number(result?.numInsertedOrUpdatedRows ?? 0) === 0) break
  }
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
