import type { Kysely } from 'kysely'
import type { DB } from '../database'
import { indexRegions } from '../region.repository'

// Frozen in time: never edit after it has shipped; add a new migration instead.
// The region picker (issue 12): each region's pinyin and initials, searched by prefix through an
// index (name, pinyin, initials), and the placeholder levels (市辖区, 县 …) marked so the picker
// can show their children in their stead. A database seeded before this gets its keys here; a
// fresh one is migrated empty and its seed computes them (seeds/index.ts) with the same function.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('regions').addColumn('pinyin', 'text').execute()
  await db.schema.alterTable('regions').addColumn('initials', 'text').execute()
  await db.schema
    .alterTable('regions')
    .addColumn('placeholder', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('regions_name').on('regions').column('name').execute()
  await db.schema.createIndex('regions_pinyin').on('regions').column('pinyin').execute()
  await db.schema.createIndex('regions_initials').on('regions').column('initials').execute()
  // the columns above are the ones RegionTable declares from this migration on
  await indexRegions(db as unknown as DB)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations')
}
