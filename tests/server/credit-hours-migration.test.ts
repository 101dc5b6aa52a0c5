/** Migration 0013 on a database that already holds activities: every `hours` value stays, as `credit_hours`. */
import { expect, it } from 'vitest'
import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { openSqlite } from '../../server/db/sqlite.dialect'
import { migrations } from '../../server/db/migrations/index'
import { toActivity } from '../../server/db/activity.repository'
import { makeBeijing } from './fixtures'
import { onPostgres } from './fixtures/database'

// About upgrading an older SQLite file in place (an in-memory SQLite and its pragma_table_info, on either
// project): a PostgreSQL database starts at the latest migration (or from migrate:pg), never crosses 0013.
it.skipIf(onPostgres)('keeps the hours of existing activities as creditHours', async () => {
  const { db, raw } = openSqlite({ file: ':memory:' })
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const names = Object.keys(migrations)
  const before = names[names.indexOf('0013_credit_hours') - 1]!
  expect((await migrator.migrateTo(before)).error).toBeUndefined()
  await makeBeijing(db)
  const t = '2026-12-10T06:00:00.000Z'
  for (const [id, hours] of [
    ['a1', 2],
    ['a2', 1.5],
    ['a3', 0],
  ] as const) {
    await sql`insert into activities (id, org_id, kind, title, description, venue_address, starts_at, ends_at,
      registration_opens_at, registration_closes_at, capacity, audience, status, hours, created_at, updated_at)
      values (${id}, 'cast-110108', 'academic', ${'活动' + id}, '', '某地', ${t}, ${t}, ${t}, ${t}, 10, 'public', 'published', ${hours}, ${t}, ${t})`.execute(
      db,
    )
  }
  expect((await migrator.migrateToLatest()).error).toBeUndefined()
  const rows = await db.selectFrom('activities').selectAll().orderBy('id').execute()
  expect(rows.map((r) => toActivity(r).creditHours)).toEqual([2, 1.5, 0])
  const columns = raw.prepare('select name from pragma_table_info(?)').pluck().all('activities')
  expect(columns).toContain('credit_hours')
  expect(columns).not.toContain('hours')
  raw.close()
})
