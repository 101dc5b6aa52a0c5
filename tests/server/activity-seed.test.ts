/** The demo activities seed: spread, kinds, capacity consistency, determinism, and what a demo member sees near them. */
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { defaultConfig } from '../../server/deps'
import { DEMO_HUB_ACTIVITIES, DEMO_HUB_NAME } from '../../seeds/hubs'

import { SEED_NOW as NOW, SEED_TIMEOUT, seeded, first, rows } from '../seeds/seeded'

describe('demo activities seed', () => {
  let ctx: Awaited<ReturnType<typeof seeded>>
  beforeAll(async () => {
    ctx = await seeded()
  }, SEED_TIMEOUT)
  const all = <T>(sql: string) => rows<T>(ctx.db, sql)
  const one = (sql: string) => first(ctx.db, sql)

  it('spreads ~300 activities over the next 60 days, five districts, societies, every kind', async () => {
    // plus a few at the demo hub around the seed time, one under way (seeds/hubs.ts)
    expect(await one('select count(*) from activities')).toBe(300 + DEMO_HUB_ACTIVITIES)
    const demoHub = `(select id from hubs where name = '${DEMO_HUB_NAME}')`
    expect(
      await one(
        `select count(*) from activities where (starts_at <= '${NOW.toISOString()}' or starts_at > '2027-01-28T00:00:00Z') and hub_id is distinct from ${demoHub}`,
      ),
    ).toBe(0)
    for (const code of ['110108', '110105', '310115', '330106', '510107']) {
      expect(await one(`select count(*) from activities where region_code like '${code}%'`), code).toBeGreaterThan(20)
    }
    expect(await one("select count(*) from activities where org_id like 'society-%'")).toBeGreaterThan(10)
    expect(await one('select count(distinct kind) from activities')).toBe(5)
    // check-in opens 30 min to 2 h before, by kind
    expect(await one('select count(distinct check_in_opens_minutes_before) from activities')).toBe(3)
    expect(await one('select count(*) from activities where check_in_opens_minutes_before not between 30 and 120')).toBe(0)
  })

  it('keeps capacity: places_taken matches registrations, waitlists only where full, some nearly full', async () => {
    const rows = await all<{ capacity: number; places_taken: number; held: number; waiting: number }>(`
      select a.capacity, a.places_taken,
        (select count(*) from registrations r where r.activity_id = a.id and r.status in ('registered', 'pending_approval')) held,
        (select count(*) from registrations r where r.activity_id = a.id and r.status = 'waitlisted') waiting
      from activities a`)
    for (const r of rows) {
      expect(r.places_taken).toBe(r.held)
      expect(r.held).toBeLessThanOrEqual(r.capacity)
      if (r.waiting > 0) expect(r.held).toBe(r.capacity)
    }
    expect(rows.filter((r) => r.waiting > 0).length).toBeGreaterThan(3)
    expect(rows.filter((r) => r.capacity - r.held === 1).length).toBeGreaterThan(3)
    expect(
      await one(
        "select count(*) from (select activity_id, user_id from registrations where status in ('registered','waitlisted','pending_approval') group by 1, 2 having count(*) > 1) g",
      ),
    ).toBe(0)
  })

  it(
    'is deterministic',
    async () => {
      const again = await seeded()
      const ids = async (db: typeof ctx.db) =>
        (await rows<{ id: string }>(db, 'select id from activities order by id')).map((r) => r.id).join()
      expect(await ids(again.db)).toBe(await ids(ctx.db))
    },
    SEED_TIMEOUT,
  )

  it('shows 李思远 (中关村) activities near them', async () => {
    const app = createApp({ db: ctx.db, clock: { now: () => NOW }, config: { ...defaultConfig, scryptN: 1024 } })
    const res = await app.request('/api/activities?near=1&region=110108011&pageSize=50')
    const body = (await res.json()) as { items: Array<{ regionCode: string | null; placesLeft: number }> }
    expect(res.status).toBe(200)
    expect(body.items.length).toBeGreaterThan(10)
    for (const i of body.items)
      expect(i.regionCode === null || '110108011'.startsWith(i.regionCode) || i.regionCode.startsWith('110108011')).toBe(true)
  })
})
