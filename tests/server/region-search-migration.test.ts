/** Migration 0016 on a database seeded before it: every region gets its pinyin keys, placeholders are marked, search works. */
import { expect, it } from 'vitest'
import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { openSqlite } from '../../server/db/sqlite.dialect'
import { migrations } from '../../server/db/migrations/index'
import { searchRegions } from '../../server/db/region.repository'

it('fills the keys of existing regions and marks their placeholders', async () => {
  const { db, raw } = openSqlite({ file: ':memory:' })
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const names = Object.keys(migrations)
  expect((await migrator.migrateTo(names[names.indexOf('0016_region_search') - 1]!)).error).toBeUndefined()
  // the regions table as it was: no pinyin, initials or placeholder columns
  for (const [code, name, level, parent, full] of [
    ['11', '北京市', 'province', null, '北京市'],
    ['1101', '市辖区', 'city', '11', '北京市'],
    ['110108', '海淀区', 'county', '1101', '北京市海淀区'],
    ['110108011', '中关村街道', 'township', '110108', '北京市海淀区中关村街道'],
  ] as const)
    await sql`insert into regions (code, name, level, parent_code, full_name) values (${code}, ${name}, ${level}, ${parent}, ${full})`.execute(
      db,
    )
  expect((await migrator.migrateToLatest()).error).toBeUndefined()
  const rows = await db.selectFrom('regions').select(['code', 'pinyin', 'initials', 'placeholder']).orderBy('code').execute()
  expect(rows).toEqual([
    { code: '11', pinyin: 'beijingshi', initials: 'bjs', placeholder: 0 },
    { code: '1101', pinyin: 'shixiaqu', initials: 'sxq', placeholder: 1 },
    { code: '110108', pinyin: 'haidianqu', initials: 'hdq', placeholder: 0 },
    { code: '110108011', pinyin: 'zhongguancunjiedao', initials: 'zgcjd', placeholder: 0 },
  ])
  const found = await searchRegions(db, { q: 'zgc', maxLevel: 'township', page: 1, pageSize: 20 })
  expect(found.items.map((p) => p.chain.map((c) => c.name).join(' '))).toEqual(['北京市 海淀区 中关村街道'])
  const indexes = raw.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'regions'").pluck().all()
  expect(indexes).toEqual(expect.arrayContaining(['regions_name', 'regions_pinyin', 'regions_initials']))
  raw.close()
})
