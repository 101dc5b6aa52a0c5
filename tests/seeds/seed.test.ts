import { beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../server/db/database'
import { createApp } from '../../server/app'
import { defaultConfig, systemClock } from '../../server/deps'
import { seedIfEmpty, type SeedResult } from '../../seeds/index'
import { readSocieties } from '../../seeds/societies'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo'

import { SEED_NOW as NOW, SEED_TIMEOUT, first, rows, seeded } from './seeded'

describe('seed of a fresh database', () => {
  let ctx: Awaited<ReturnType<typeof seeded>>
  beforeAll(async () => {
    ctx = await seeded()
  }, SEED_TIMEOUT)
  const count = (sql: string, ...args: unknown[]) => first(ctx.db, sql, ...args)

  it('holds every real division and one 科协 per division plus the national one', async () => {
    const levels = Object.fromEntries(
      (await rows<{ level: string; n: number }>(ctx.db, 'select level, count(*) n from regions group by level')).map((r) => [r.level, r.n]),
    )
    expect(levels).toEqual({ province: 31, city: 342, county: 2978, township: 41352 })
    expect(await count("select count(*) from organizations where kind = 'cast'")).toBe(31 + 342 + 2978 + 41352 + 1)
    expect(await count("select count(*) from regions r left join organizations o on o.id = 'cast-' || r.code where o.id is null")).toBe(0)
  })

  it('names associations as people name them and links them in the real hierarchy', async () => {
    const [haidian] = await rows<Record<string, string>>(ctx.db, "select * from organizations where id = 'cast-110108'")
    expect(haidian).toMatchObject({
      name: '北京市海淀区科学技术协会',
      short_name: '海淀区科协',
      level: 'county',
      parent_id: 'cast-1101',
      region_code: '110108',
    })
    expect(await count("select count(*) from organizations where name = '杭州市西湖区科学技术协会' and parent_id = 'cast-3301'")).toBe(1)
    expect(await count("select count(*) from organizations where name = '浙江省科学技术协会' and parent_id = 'cast-national'")).toBe(1)
    expect(await count("select count(*) from regions where code = '110108' and full_name = '北京市海淀区'")).toBe(1)
    // Every organisation but the national one reaches 中国科协 by walking parents, without cycles.
    const orphans = await count(`
      with recursive up(id, parent_id, depth) as (
        select id, parent_id, 0 from organizations
        union all
        select up.id, o.parent_id, depth + 1 from up join organizations o on o.id = up.parent_id where depth < 6
      )
      select count(*) from organizations o where o.id != 'cast-national'
        and not exists (select 1 from up where up.id = o.id and up.parent_id = 'cast-national')`)
    expect(orphans).toBe(0)
  })

  it('marks a deterministic share of township 科协 as established', async () => {
    const established = await count("select count(*) from organizations where level = 'township' and status = 'established'")
    const share = established / 41352
    expect(share).toBeGreaterThan(0.3)
    expect(share).toBeLessThan(0.4)
    expect(await count("select count(*) from organizations where level in ('province','city','county') and status != 'established'")).toBe(
      0,
    )
  })

  it('seeds every national society from the reference list and every other kind', async () => {
    expect(await count("select count(*) from organizations where kind = 'society' and discipline is not null")).toBe(readSocieties().length)
    expect(await count("select count(*) from organizations where kind = 'society' and name = '中国计算机学会'")).toBe(1)
    for (const kind of ['enterprise', 'park', 'campus', 'agritech', 'community', 'party_school']) {
      expect(await count('select count(*) from organizations where kind = ?', kind), kind).toBeGreaterThanOrEqual(3)
    }
  })

  it('stamps every synced row with a distinct version within the counter', async () => {
    const max = await count('select version from sync_state where id = 1')
    expect(await count('select count(*) from organizations where version <= 0 or version > ?', max)).toBe(0)
    expect(await count('select count(distinct version) from organizations')).toBe(await count('select count(*) from organizations'))
  })

  it('lets every printed demo login log in', async () => {
    const app = createApp({ db: ctx.db, clock: systemClock, config: { ...defaultConfig, scryptN: 1024 } })
    // the people, then the demo kiosk's enrolment code (seeds/hubs.ts; tests/seeds/hubs-seed.test.ts)
    const people = ctx.result.logins.filter((l) => l.role !== 'kiosk code')
    expect(people.map((l) => l.phone)).toEqual(DEMO_ACCOUNTS.map((a) => a.phone))
    expect(ctx.result.logins.map((l) => l.role)).toEqual([...DEMO_ACCOUNTS.map((a) => a.role), 'kiosk code'])
    for (const login of people) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: login.phone, password: DEMO_PASSWORD }),
      })
      expect(res.status, login.role).toBe(200)
    }
    expect(
      await count(
        "select count(*) from memberships m join users u on u.id = m.user_id where u.phone = '13800000004' and m.role = 'admin' and m.status = 'active' and m.org_id = 'cast-110108'",
      ),
    ).toBe(1)
    expect(await count("select count(*) from memberships where status = 'active' and member_no is null")).toBe(0)
  })

  it('is a no-op the second time', async () => {
    const before = await count('select count(*) from organizations')
    const again: SeedResult = await seedIfEmpty(ctx.db, { now: NOW, scryptN: 1024 })
    expect(again.created).toBe(false)
    expect(await count('select count(*) from organizations')).toBe(before)
  })

  it(
    'is deterministic: two fresh databases agree',
    async () => {
      const other = await seeded()
      // joined here rather than with group_concat (SQLite) / string_agg (PostgreSQL)
      const digest = async (db: DB) =>
        (await rows<{ x: string }>(db, 'select id || name || status || join_policy x from organizations order by id'))
          .map((r) => r.x)
          .join('|')
      expect(await digest(other.db)).toBe(await digest(ctx.db))
      const people = async (db: DB) =>
        (await rows<{ x: string }>(db, 'select id || phone || name x from users order by phone')).map((r) => r.x).join('|')
      expect(await people(other.db)).toBe(await people(ctx.db))
    },
    SEED_TIMEOUT,
  )

  it('fills the closure table through the organisation writer: every pair a parent walk finds, nothing else', async () => {
    // The reference: a recursive walk up parent_id from every organisation (itself at depth 0).
    const walk = `with recursive up(descendant_id, ancestor_id, depth) as (
        select id, id, 0 from organizations
        union all
        select up.descendant_id, o.parent_id, up.depth + 1 from up join organizations o on o.id = up.ancestor_id where o.parent_id is not null)
      select ancestor_id, descendant_id, depth from up`
    const pairs = await count(`select count(*) from (${walk}) w`)
    expect(pairs).toBeGreaterThan(200_000)
    expect(await count('select count(*) from organization_closure')).toBe(pairs)
    expect(await count(`select count(*) from (${walk} except select ancestor_id, descendant_id, depth from organization_closure) w`)).toBe(
      0,
    )
    // 中关村街道科协: itself, 海淀, 北京 (市辖区), 北京, 中国科协
    expect(await count("select count(*) from organization_closure where descendant_id = 'cast-110108011'")).toBe(5)
  })
})
