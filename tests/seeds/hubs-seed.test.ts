/**
 * The demo hubs seed (issue 14): hubs of every kind run by the 科协 of their place, a share of the
 * activities and services moved to them, the demo hub ready for a kiosk at the seed time, service
 * requests in every state with their timelines, the demo enrolment code, determinism.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../server/db/database'
import { createApp } from '../../server/app'
import { defaultConfig } from '../../server/deps'
import { tokenHash } from '../../server/middleware/access'
import { ENROLMENT_CODE_ALPHABET, normaliseEnrolmentCode } from '../../shared/schemas/hub'
import { REQUEST_STATUSES, type RequestStatus } from '../../shared/schemas/service-request'
import { stateDueAt } from '../../shared/rules/service-request'
import {
  AT_HUB_PERCENT,
  DEMO_HUB_ACTIVITIES,
  DEMO_HUB_NAME,
  DEMO_KIOSK_CODE,
  DEMO_KIOSK_CODE_DAYS,
  DEMO_REQUEST_DEVICE_NO,
} from '../../seeds/hubs'
import { DEMO_ACTIVITIES } from '../../seeds/activities'
import { DEMO_TEAM_NAME } from '../../seeds/volunteer'

import { SEED_NOW as NOW, SEED_TIMEOUT, first, rows, seeded } from './seeded'

const DAY = 86_400_000
const COUNTIES = ['110108', '110105', '310115', '330106', '510107']

describe('demo hubs seed', () => {
  let ctx: Awaited<ReturnType<typeof seeded>>
  let demoHubId: string
  beforeAll(async () => {
    ctx = await seeded()
    demoHubId = (await first(ctx.db, 'select id from hubs where name = ?', DEMO_HUB_NAME)) as unknown as string
  }, SEED_TIMEOUT)
  const one = (sql: string, ...args: unknown[]) => first(ctx.db, sql, ...args)
  const all = <T>(sql: string, ...args: unknown[]) => rows<T>(ctx.db, sql, ...args)

  it('gives each demo county a 实践中心 and each established township a 实践所, run by the 科协 of its place', async () => {
    for (const county of COUNTIES) {
      const name = await one('select name from regions where code = ?', county)
      expect(
        await one("select count(*) from hubs where kind = 'practice_center' and region_code = ? and org_id = ?", county, `cast-${county}`),
      ).toBe(1)
      expect(await one("select name from hubs where kind = 'practice_center' and region_code = ?", county)).toBe(
        `${name}新时代文明实践中心`,
      )
      expect(
        await one(
          `select count(*) from organizations o where o.parent_id = ? and o.level = 'township' and o.status = 'established'
            and not exists (select 1 from hubs h where h.kind = 'practice_institute' and h.org_id = o.id and h.region_code = o.region_code
              and h.name = (select r.name from regions r where r.code = o.region_code) || '新时代文明实践所')`,
          `cast-${county}`,
        ),
        county,
      ).toBe(0)
    }
    expect(await one("select count(*) from hubs where kind = 'practice_institute'")).toBe(
      await one(
        `select count(*) from organizations where level = 'township' and status = 'established'
          and (${COUNTIES.map((c) => `region_code like '${c}%'`).join(' or ')})`,
      ),
    )
    expect(await one("select count(*) from hubs where kind = 'party_mass_center'")).toBeGreaterThan(COUNTIES.length)
    expect(await one("select count(*) from hubs where kind = 'practice_station'")).toBeGreaterThan(3)
    expect(await one("select count(*) from hubs where status = 'closed'")).toBe(1)
    expect(await one("select count(*) from hubs where status not in ('active', 'closed')")).toBe(0)
  })

  it('puts every hub inside its organisation’s region, at an address in 区 + 路 + 号 style, with opening hours', async () => {
    expect(await one('select count(*) from hubs')).toBeGreaterThan(60)
    expect(
      await one(`select count(*) from hubs h join organizations o on o.id = h.org_id
            where o.kind != 'cast' or o.region_code is null or substr(h.region_code, 1, length(o.region_code)) != o.region_code`),
    ).toBe(0)
    expect(await one('select count(*) from hubs h left join regions r on r.code = h.region_code where r.code is null')).toBe(0)
    for (const h of await all<{ address: string; region_code: string; opening_hours: string }>('select * from hubs')) {
      const county = (await one('select full_name from regions where code = ?', h.region_code.slice(0, 6))) as unknown as string
      expect(h.address.startsWith(county), h.address).toBe(true)
      expect(h.address).toMatch(/^.+[区县市].+(路|街|大道|段)\d+号$/)
      expect(h.opening_hours.length).toBeGreaterThan(4)
    }
  })

  it(`moves about ${AT_HUB_PERCENT}% of the upcoming activities and services to a hub of their own region`, async () => {
    const seededAtHub = await one('select count(*) from activities where hub_id is not null and hub_id != ?', demoHubId)
    const total = await one('select count(*) from activities')
    expect(total).toBe(DEMO_ACTIVITIES + DEMO_HUB_ACTIVITIES)
    expect(seededAtHub / DEMO_ACTIVITIES).toBeGreaterThan(0.3)
    expect(seededAtHub / DEMO_ACTIVITIES).toBeLessThan(0.5)
    const services = await one('select count(*) from volunteer_services where hub_id is not null')
    expect(services / (await one('select count(*) from volunteer_services'))).toBeGreaterThan(0.25)
    expect(services / (await one('select count(*) from volunteer_services'))).toBeLessThan(0.5)
    // at an active hub of its own region, the venue being the hub's address
    for (const table of ['activities', 'volunteer_services'])
      expect(
        await one(`select count(*) from ${table} x join hubs h on h.id = x.hub_id
              where h.status != 'active' or h.region_code != x.region_code or x.venue_address != h.address`),
        table,
      ).toBe(0)
    expect(
      await one('select count(*) from activities a left join hubs h on h.id = a.hub_id where a.hub_id is not null and h.id is null'),
    ).toBe(0)
    expect(
      await one('select count(*) from shifts s join volunteer_services v on v.id = s.service_id where s.region_code != v.region_code'),
    ).toBe(0)
    // the demo team works at 中关村街道's hubs
    expect(
      await one(
        `select count(*) from volunteer_services v join volunteer_teams t on t.id = v.team_id join hubs h on h.id = v.hub_id
          where t.name = ? and h.region_code = '110108011'`,
        DEMO_TEAM_NAME,
      ),
    ).toBe(2)
  })

  it('makes the demo hub’s kiosk home busy at the seed time: an activity and a shift under way, more this week', async () => {
    const [hub] = await rows<Record<string, string>>(ctx.db, 'select * from hubs where id = ?', demoHubId)
    expect(hub).toMatchObject({ org_id: 'cast-110108011', region_code: '110108011', kind: 'practice_institute', status: 'active' })
    const at = NOW.toISOString()
    const weekEnd = new Date(NOW.getTime() + 7 * DAY).toISOString()
    expect(
      await one(
        "select count(*) from activities where hub_id = ? and status = 'published' and starts_at <= ? and ends_at > ? and places_taken > 0",
        demoHubId,
        at,
        at,
      ),
    ).toBeGreaterThan(0)
    expect(
      await one('select count(*) from activities where hub_id = ? and starts_at > ? and starts_at < ?', demoHubId, at, weekEnd),
    ).toBeGreaterThan(1)
    // registrations agree with places_taken on the hub's activities
    expect(
      await one(
        `select count(*) from activities a where a.hub_id = ? and a.places_taken !=
            (select count(*) from registrations r where r.activity_id = a.id and r.status = 'registered')`,
        demoHubId,
      ),
    ).toBe(0)
    expect(
      await one(
        `select count(*) from shifts s join volunteer_services v on v.id = s.service_id join volunteer_teams t on t.id = s.team_id
          where v.hub_id = ? and t.name = ? and s.status = 'open' and s.starts_at <= ? and s.ends_at > ?`,
        demoHubId,
        DEMO_TEAM_NAME,
        at,
        at,
      ),
    ).toBeGreaterThan(0)
  })

  it('lets the 中关村街道 admin (and the 海淀 admin above) manage the demo hub', async () => {
    const adminOf = async (phone: string, orgId: string) =>
      await one(
        `select count(*) from memberships m join users u on u.id = m.user_id
          where u.phone = ? and m.org_id = ? and m.role = 'admin' and m.status = 'active'`,
        phone,
        orgId,
      )
    expect(await adminOf('13800000005', 'cast-110108011')).toBe(1)
    expect(await adminOf('13800000004', 'cast-110108')).toBe(1)
    expect(
      await one("select count(*) from organization_closure where ancestor_id = 'cast-110108' and descendant_id = ?", 'cast-110108011'),
    ).toBe(1)
  })

  it('seeds service requests for the demo hub in every state, with their timelines and deadlines', async () => {
    type Req = Record<string, string | number | null>
    const requests = await all<Req>('select * from service_requests order by number')
    const statuses = requests.map((r) => r.status as RequestStatus)
    expect(new Set(statuses)).toEqual(new Set(REQUEST_STATUSES))
    expect(statuses.filter((s) => s === 'ordered')).toHaveLength(2)
    const demoTeam = (await one('select id from volunteer_teams where name = ?', DEMO_TEAM_NAME)) as unknown as string
    for (const r of requests) {
      expect(r).toMatchObject({ hub_id: demoHubId, org_id: 'cast-110108011', region_code: '110108011', device_id: null })
      expect(r.number).toMatch(new RegExp(`^${DEMO_REQUEST_DEVICE_NO}-\\d{4}$`))
      expect(r.contact_phone).toMatch(/^139\d{8}$/)
      const events = await all<{ kind: string; actor: string; note: string | null }>(
        'select * from service_request_events where request_id = ? order by seq',
        r.id,
      )
      expect(events[0], String(r.number)).toMatchObject({ kind: 'ordered', actor: 'kiosk' })
      const moves = events.filter((e) => e.kind !== 'escalated')
      const last = moves[moves.length - 1]!.kind
      expect(last === r.status || (last === 'declined' && r.status === 'ordered'), `${r.number}: ${last} → ${r.status}`).toBe(true)
      expect(events.some((e) => e.note?.match(/1\d{10}/))).toBe(false)
      const due = stateDueAt(
        r.status as RequestStatus,
        new Date(r.state_entered_at as string),
        r.complete_by ? new Date(r.complete_by as string) : null,
      )
      expect(r.state_due_at, String(r.number)).toBe(due ? due.toISOString() : null)
      if (['dispatched', 'accepted', 'done', 'rated'].includes(r.status as string)) expect(r.team_id).toBe(demoTeam)
    }
    // one of the waiting ones is overdue and flagged to 海淀区科协
    const overdue = requests.filter((r) => r.overdue_at !== null)
    expect(overdue).toHaveLength(1)
    expect(overdue[0]).toMatchObject({ status: 'ordered', escalated_org_id: 'cast-110108' })
    expect(String(overdue[0]!.state_due_at) < NOW.toISOString()).toBe(true)
    expect(await one("select count(*) from service_request_events where kind = 'escalated' and actor = 'system'")).toBe(1)
    expect(
      await one(
        "select count(*) from service_requests where status in ('ordered', 'dispatched', 'accepted') and overdue_at is null and state_due_at < ?",
        NOW.toISOString(),
      ),
    ).toBe(0)
    const rated = requests.find((r) => r.status === 'rated')!
    expect(rated.rating).toBeGreaterThanOrEqual(1)
    expect(rated.rated_at).not.toBeNull()
    expect(requests.find((r) => r.status === 'closed')!.close_reason).toBeTruthy()
    expect(requests.find((r) => r.status === 'done')!.report).toBeTruthy()
    // the numbers come from a reserved range no kiosk holds
    expect(await one('select count(*) from devices where device_no = ?', DEMO_REQUEST_DEVICE_NO)).toBe(0)
  })

  it('tells the demo leader and the admins what the loop would have told them, the current steps unread', async () => {
    const unread = async (phone: string, kind: string) =>
      (
        await all<{ title: string }>(
          `select n.title from notices n join users u on u.id = n.user_id join service_requests r on r.id = n.subject_id
          where u.phone = ? and n.kind = ? and n.read_at is null order by n.title`,
          phone,
          kind,
        )
      ).map((n) => n.title)
    expect(await unread('13800000009', 'request_dispatched')).toEqual(['9001-0003'])
    expect(await unread('13800000009', 'request_rated')).toEqual(['9001-0006'])
    expect(await unread('13800000004', 'request_overdue')).toEqual(['9001-0002'])
    expect(
      await one("select count(*) from notices where kind like 'request_%' and subject_id not in (select id from service_requests)"),
    ).toBe(0)
    expect(await one("select count(*) from notices where kind = 'request_declined' and reason is not null")).toBeGreaterThan(0)
    // no phone number in a notice (matched here: GLOB is SQLite's, `~` PostgreSQL's)
    const texts = await all<{ t: string }>("select coalesce(reason, '') || title t from notices where kind like 'request_%'")
    expect(texts.filter((r) => /1\d{10}/.test(r.t))).toEqual([])
  })

  it('stamps hubs, requests and the moved rows with distinct versions within the counter', async () => {
    const max = await one('select version from sync_state where id = 1')
    const versions = `select version from hubs union all select version from service_requests union all select version from activities
      union all select version from shifts union all select version from shift_signups union all select version from registrations union all select version from notices`
    expect(await one(`select count(*) from (${versions}) v where version <= 0 or version > ?`, max)).toBe(0)
    expect(await one(`select count(distinct version) from (${versions}) v`)).toBe(await one(`select count(*) from (${versions}) v`))
  })

  it('prints a demo kiosk code for the demo hub, stored hashed, valid for 30 days', async () => {
    const line = ctx.result.logins.find((l) => l.role === 'kiosk code')!
    expect(line).toMatchObject({ name: DEMO_HUB_NAME, phone: DEMO_KIOSK_CODE })
    expect(readFileSync('README.md', 'utf8')).toContain(DEMO_KIOSK_CODE)
    expect(line.phone).toMatch(new RegExp(`^[${ENROLMENT_CODE_ALPHABET}]{4}-[${ENROLMENT_CODE_ALPHABET}]{4}$`))
    const [code] = await rows<Record<string, string | null>>(
      ctx.db,
      'select * from device_enrolment_codes where code_hash = ?',
      tokenHash(normaliseEnrolmentCode(line.phone)),
    )
    expect(code).toMatchObject({ hub_id: demoHubId, used_at: null, device_id: null })
    expect(code.expires_at).toBe(new Date(NOW.getTime() + DEMO_KIOSK_CODE_DAYS * DAY).toISOString())
    expect(code.created_by).toBe(await one("select id from users where phone = '13800000005'"))
    expect(await one('select count(*) from device_enrolment_codes')).toBe(1)
  })

  it('enrols a kiosk to the demo hub with that code through POST /api/kiosk/enrol (once the route exists)', async () => {
    const app = createApp({ db: ctx.db, clock: { now: () => new Date(NOW.getTime() + DAY) }, config: { ...defaultConfig, scryptN: 1024 } })
    const enrol = (code: string) =>
      app.request('/api/kiosk/enrol', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: '大厅自助机' }),
      })
    const probe = await enrol('')
    const body = (await probe.clone().json()) as { error?: { code: string } }
    if (probe.status === 404 && body.error?.code === 'not_found') {
      // the route is built in parallel (issue 14, server-hubs); until it is merged the stored hash and expiry above are the check
      console.warn('POST /api/kiosk/enrol is not in this tree: the demo code was checked by its hash and expiry only')
      return
    }
    const code = ctx.result.logins.find((l) => l.role === 'kiosk code')!.phone
    const res = await enrol(code.toLowerCase())
    expect(res.status, await res.clone().text()).toBe(201)
    const enrolled = (await res.json()) as { token: string; device: { hubId: string | null; deviceNo: number | null } }
    expect(enrolled.device.hubId).toBe(demoHubId)
    expect(enrolled.device.deviceNo).not.toBe(DEMO_REQUEST_DEVICE_NO)
    const again = await enrol(code)
    expect(again.status).toBe(422)
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
            `select id || org_id || kind || name || address || region_code || opening_hours || status || version x from hubs
              union all select id || coalesce(hub_id, '') || venue_address || version from activities
              union all select id || coalesce(hub_id, '') || venue_address from volunteer_services
              union all select id || number || status || coalesce(team_id, '') || state_entered_at || coalesce(state_due_at, '') || version from service_requests
              union all select id || request_id || kind || at from service_request_events
              union all select code_hash || expires_at from device_enrolment_codes
              order by 1`,
          )
        )
          .map((r) => r.x)
          .join('|')
      expect(await digest(again.db)).toBe(await digest(ctx.db))
      expect(again.result.logins).toEqual(ctx.result.logins)
    },
    SEED_TIMEOUT,
  )
})
