/** Migration 0003 on a database that already holds organisations indexes them (no re-seed needed). */
import { expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { openSqlite } from '../../server/db/sqlite.dialect'
import { openPostgres, PostgresSchemaPlugin } from '../../server/db/postgres.dialect'
import { migrations } from '../../server/db/migrations/index'
import { searchOrgIds } from '../../server/db/search'
import type { DB } from '../../server/db/database'
import { makeBeijing, writeOrgRowOnly } from './fixtures'
import { onPostgres, TEST_SCHEMA_PREFIX } from './fixtures/database'

const before0003 = () => {
  const names = Object.keys(migrations)
  return names[names.indexOf('0003_search') - 1]!
}

/** Migrates up to just before 0003, writes Beijing's organisations, migrates to the latest. */
async function backfill(db: DB, migrator: Migrator) {
  expect((await migrator.migrateTo(before0003())).error).toBeUndefined()
  await makeBeijing(db, writeOrgRowOnly)
  expect((await migrator.migrateToLatest()).error).toBeUndefined()
  const hit = await searchOrgIds(db, { q: '海淀区科协', page: 1, pageSize: 5 })
  expect(hit.ids[0]).toBe('cast-110108')
  const short = await searchOrgIds(db, { q: '物理', page: 1, pageSize: 5 })
  expect(short.ids).toEqual(['society-2', 'society-3'])
}

// SQLite itself: an in-memory file and FTS5's integrity-check. The PostgreSQL counterpart is below.
it.skipIf(onPostgres)('backfills the search index for organisations inserted before it existed', async () => {
  const { db, raw } = openSqlite({ file: ':memory:' })
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  await backfill(db, migrator)
  const docs = raw.prepare('select count(*) from org_search_doc').pluck().get()
  expect(docs).toBe(raw.prepare('select count(*) from organizations').pluck().get())
  await sql`insert into org_search_fts(org_search_fts, rank) values ('integrity-check', 1)`.execute(db)
  raw.close()
})

it.runIf(onPostgres)('backfills the search index for organisations inserted before it existed (PostgreSQL)', async () => {
  // a schema of our own, migrated step by step (openTestDatabase migrates to the latest at once)
  const url = process.env.TEST_DATABASE_URL!
  const schema = `${TEST_SCHEMA_PREFIX}${process.pid}_${randomBytes(5).toString('hex')}`
  const admin = openPostgres({ url, max: 1 }).db
  await sql.raw(`create schema ${schema}`).execute(admin)
  const { db } = openPostgres({ url, schema, max: 2 })
  try {
    const migrator = new Migrator({
      db: db.withPlugin(new PostgresSchemaPlugin()),
      provider: { getMigrations: async () => migrations },
      migrationTableSchema: schema,
    })
    await backfill(db, migrator)
    const count = async (table: 'org_search_doc' | 'organizations') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect(await count('org_search_doc')).toBeGreaterThan(0)
    expect(await count('org_search_doc')).toBe(await count('organizations'))
    // every organisation's doc row carries its name (what the trigram index covers)
    const mismatched = await db
      .selectFrom('organizations as o')
      .leftJoin('org_search_doc as d', 'd.org_id', 'o.id')
      .select('o.id')
      .where((eb) => eb.or([eb('d.org_id', 'is', null), eb('d.name', '<>', eb.ref('o.name'))]))
      .execute()
    expect(mismatched).toEqual([])
  } finally {
    await db.destroy()
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(admin)
    await admin.destroy()
  }
})
