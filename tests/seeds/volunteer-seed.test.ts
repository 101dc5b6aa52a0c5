/** The demo volunteer seed: counts that agree with the rows, attendance that follows the rules, the demo leader's team, determinism. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../server/db/database'
import { DEMO_LEADER_PHONE, DEMO_TEAM_NAME, DEMO_TEAMS } from '../../seeds/volunteer'

import { SEED_NOW as NOW, SEED_TIMEOUT, first, rows, seeded } from './seeded'

const DAY = 86_400_000

describe('demo volunteer seed', () => {
  let ctx: Awaited<ReturnType<typeof seeded>>
  beforeAll(async () => {
    ctx = await seeded()
  }, SEED_TIMEOUT)
  const one = (sql: string, ...args: unknown[]) => first(ctx.db, sql, ...args)

  it('puts 300 active teams under the 科协 of the demo districts, 海淀 best covered, with unique names and a few proposals', async () => {
    expect(DEMO_TEAMS).toBe(300)
    expect(await one("select count(*) from volunteer_teams where status = 'active'")).toBe(300)
    expect(await one("select count(*) from volunteer_teams where status = 'pending'")).toBeGreaterThanOrEqual(3)
    expect(await one("select count(*) from volunteer_teams where status not in ('active', 'pending')")).toBe(0)
    expect(await one('select count(distinct name) from volunteer_teams')).toBe(await one('select count(*) from volunteer_teams'))
    expect(await one("select count(*) from volunteer_teams where name not like '%志愿服务队'")).toBe(0)
    // every team belongs to a real 科协 of its own place
    expect(
      await one(
        "select count(*) from volunteer_teams t join organizations o on o.id = t.org_id where o.kind != 'cast' or o.region_code != t.region_code",
      ),
    ).toBe(0)
    expect(await one("select count(*) from volunteer_teams where region_code like '110108%'")).toBeGreaterThan(80)
    expect(await one("select count(*) from volunteer_teams where length(region_code) = 9 and status = 'active'")).toBeGreaterThan(100)
    for (const county of ['110105', '310115', '330106', '510107'])
      expect(await one("select count(*) from volunteer_teams where region_code like ? || '%'", county), county).toBeGreaterThan(15)
    // skills come from the fixed list (8 bits)
    expect(await one('select count(*) from volunteer_teams where skills_mask <= 0 or skills_mask > 255')).toBe(0)
  })

  it('keeps member_count and places_taken equal to the rows, every active team led, waitlists only where full', async () => {
    expect(
      await one(`select count(*) from volunteer_teams t
            where member_count != (select count(*) from team_members m where m.team_id = t.id and m.status = 'active')`),
    ).toBe(0)
    expect(
      await one(`select count(*) from volunteer_teams t where status = 'active'
            and not exists (select 1 from team_members m where m.team_id = t.id and m.status = 'active' and m.role = 'leader')`),
    ).toBe(0)
    expect(
      await one(`select count(*) from shifts s
            where places_taken != (select count(*) from shift_signups u where u.shift_id = s.id and u.status = 'signed_up')`),
    ).toBe(0)
    expect(await one('select count(*) from shifts where slots < 3 or slots > 12')).toBe(0)
    expect(
      await one(`select count(*) from shifts s where places_taken < slots
            and exists (select 1 from shift_signups u where u.shift_id = s.id and u.status = 'waitlisted')`),
    ).toBe(0)
    expect(await one("select count(distinct shift_id) from shift_signups where status = 'waitlisted'")).toBeGreaterThan(5)
    expect(
      await one("select count(*) from shifts where starts_at > ? and places_taken < slots and status = 'open'", NOW.toISOString()),
    ).toBeGreaterThan(500)
  })

  it('signs up only active members of the team of the shift, never twice nor on two shifts at once', async () => {
    expect(
      await one(`select count(*) from shift_signups u where u.user_id is not null and not exists (
            select 1 from team_members m where m.team_id = u.team_id and m.user_id = u.user_id and m.status = 'active')`),
    ).toBe(0)
    expect(await one('select count(*) from shift_signups u join shifts s on s.id = u.shift_id where s.team_id != u.team_id')).toBe(0)
    expect(
      await one(`select count(*) from shift_signups a join shifts sa on sa.id = a.shift_id
            join shift_signups b on b.user_id = a.user_id and b.id != a.id join shifts sb on sb.id = b.shift_id
            where sa.starts_at < sb.ends_at and sb.starts_at < sa.ends_at`),
    ).toBe(0)
    expect(await one("select count(*) from shift_signups where user_id is null and source != 'walk_in'")).toBe(0)
  })

  it('spreads weekly shifts from four weeks ago to four weeks ahead, 1–3 services a team', async () => {
    const from = new Date(NOW.getTime() - 32 * DAY).toISOString()
    const to = new Date(NOW.getTime() + 36 * DAY).toISOString()
    expect(await one('select count(*) from shifts where starts_at < ? or starts_at > ?', from, to)).toBe(0)
    expect(await one('select count(*) from shifts where starts_at < ?', NOW.toISOString())).toBeGreaterThan(1000)
    expect(await one('select count(*) from shifts where starts_at > ?', NOW.toISOString())).toBeGreaterThan(1000)
    expect(
      await one(`select count(*) from volunteer_teams t where status = 'active'
            and (select count(*) from volunteer_services v where v.team_id = t.id) not between 1 and 3`),
    ).toBe(0)
    expect(
      await one(`select count(*) from volunteer_services where hub_id is null
            and venue_address not like '%新时代文明实践%' and venue_address not like '%党群服务中心'`),
    ).toBe(0)
    // the share moved to a hub (seeds/hubs.ts) has the hub's address
    expect(await one('select count(*) from volunteer_services v join hubs h on h.id = v.hub_id where v.venue_address != h.address')).toBe(0)
    // a series shares its service, its weekday and its time
    expect(
      await one('select count(*) from (select series_id from shifts group by series_id having count(distinct service_id) > 1) g'),
    ).toBe(0)
  })

  it('records attendance the way the desk would: no-shows without hours, approved hours by a leader of the team, some pending', async () => {
    const past = NOW.toISOString()
    expect(
      await one(
        'select count(*) from shift_signups u join shifts s on s.id = u.shift_id where s.starts_at > ? and u.checked_in_at is not null',
        past,
      ),
    ).toBe(0)
    expect(
      await one("select count(*) from shift_signups where no_show = 1 and (hours_status != 'none' or checked_in_at is not null)"),
    ).toBe(0)
    expect(await one('select count(*) from shift_signups where no_show = 1')).toBeGreaterThan(20)
    expect(await one("select count(*) from shift_signups where hours_status = 'pending'")).toBeGreaterThan(10)
    expect(
      await one(
        "select count(*) from shift_signups where hours_status = 'approved' and (credited_minutes is null or credited_minutes <= 0)",
      ),
    ).toBe(0)
    expect(
      await one(`select count(*) from shift_signups u where hours_status = 'approved' and not exists (
            select 1 from team_members m where m.team_id = u.team_id and m.user_id = u.approved_by and m.role in ('leader', 'co_leader'))`),
    ).toBe(0)
    expect(await one("select count(*) from shift_signups where hours_status = 'approved' and approved_at > ?", past)).toBe(0)
    expect(await one("select count(*) from shift_signups where source = 'walk_in' and checked_in_at is null")).toBe(0)
  })

  it('stamps every row with a distinct version within the counter; the seq of a sign-up is its version', async () => {
    const max = await one('select version from sync_state where id = 1')
    const versions = `select version from volunteer_teams union all select version from team_members
      union all select version from shifts union all select version from shift_signups`
    expect(await one(`select count(*) from (${versions}) v where version <= 0 or version > ?`, max)).toBe(0)
    expect(await one(`select count(distinct version) from (${versions}) v`)).toBe(await one(`select count(*) from (${versions}) v`))
    expect(await one('select count(*) from shift_signups where seq != version')).toBe(0)
  })

  it('gives the demo leader a team in 海淀 where 李思远 has approved hours and an upcoming shift', async () => {
    const team = await rows<{ id: string; org_id: string; status: string; role: string; member_status: string }>(
      ctx.db,
      `select t.id, t.org_id, t.status, m.role, m.status member_status from volunteer_teams t
          join team_members m on m.team_id = t.id join users u on u.id = m.user_id where u.phone = ?`,
      DEMO_LEADER_PHONE,
    )
    expect(team).toHaveLength(1)
    expect(team[0]).toMatchObject({ org_id: 'cast-110108', status: 'active', role: 'leader', member_status: 'active' })
    expect(await one('select name from volunteer_teams where id = ?', team[0]!.id)).toBe(DEMO_TEAM_NAME)
    expect(await one("select count(*) from team_members where team_id = ? and status = 'pending'", team[0]!.id)).toBeGreaterThan(0)
    expect(await one("select count(*) from shift_signups where team_id = ? and hours_status = 'pending'", team[0]!.id)).toBeGreaterThan(0)

    const li = "(select id from users where phone = '13800000006')"
    expect(await one(`select count(*) from team_members where team_id = ? and user_id = ${li} and status = 'active'`, team[0]!.id)).toBe(1)
    expect(
      await one(`select sum(credited_minutes) from shift_signups where user_id = ${li} and hours_status = 'approved'`),
    ).toBeGreaterThan(120)
    expect(
      await one(
        `select count(*) from shift_signups u join shifts s on s.id = u.shift_id
          where u.user_id = ${li} and u.status = 'signed_up' and s.starts_at > ?`,
        NOW.toISOString(),
      ),
    ).toBeGreaterThan(0)
  })

  it('leaves a team proposal for the 中关村街道 admin to decide', async () => {
    expect(
      await one(`select count(*) from volunteer_teams t join organization_closure c on c.descendant_id = t.org_id
            where t.status = 'pending' and c.ancestor_id = 'cast-110108011' and t.created_by is not null and t.member_count = 0`),
    ).toBeGreaterThan(0)
  })

  it(
    'is deterministic',
    async () => {
      const again = await seeded()
      // joined here rather than with group_concat (SQLite) / string_agg (PostgreSQL)
      const digest = async (db: DB) =>
        (
          await rows<{ x: string }>(
            db,
            `select id || name || member_count x from volunteer_teams
            union all select id || shift_id || coalesce(user_id, '') || status || hours_status || coalesce(cast(credited_minutes as text), '') from shift_signups
            order by 1`,
          )
        )
          .map((r) => r.x)
          .join('|')
      expect(await digest(again.db)).toBe(await digest(ctx.db))
    },
    SEED_TIMEOUT,
  )
})
