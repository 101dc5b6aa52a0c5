/** Migration 0003 on a database that already holds organisations indexes them (no re-seed needed). */
import { expect, it } from 'vitest'
import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { openSqlite } from '../../server/db/sqlite.dialect'
import { migrations } from '../../server/db/migrations/index'
import { searchOrgIds } from '../../server/db/search'
import { makeBeijing, writeOrgRowOnly } from './fixtures'

it('backfills the search index for organisations inserted before it existed', async () => {
  const { db, raw } = openSqlite({ file: ':memory:' })
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const names = Object.keys(migrations)
  const before = names[names.indexOf('0003_search') - 1]!
  expect((await migrator.migrateTo(before)).error).toBeUndefined()
  await makeBeijing(db, writeOrgRowOnly)
  expect((await migrator.migrateToLatest()).error).toBeUndefined()
  const hit = await searchOrgIds(db, { q: '海淀区科协', page: 1, pageSize: 5 })
  expect(hit.ids[0]).toBe('cast-110108')
  const short = await searchOrgIds(db, { q: '物理', page: 1, pageSize: 5 })
  expect(short.ids).toEqual(['society-2', 'society-3'])
  const docs = raw.prepare('select count(*) from org_search_doc').pluck().get()
  expect(docs).toBe(raw.prepare('select count(*) from organizations').pluck().get())
  await sql`insert into org_search_fts(org_search_fts, rank) values ('integrity-check', 1)`.execute(db)
  raw.close()
})
