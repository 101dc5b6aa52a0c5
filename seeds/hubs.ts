/**
 * Demo hubs (阵地, issue 14) of the five demo districts (北京海淀/朝阳, 上海浦东, 杭州西湖, 成都武侯): for each
 * county 科协 a 新时代文明实践中心 and a 党群服务中心, for each established township 科协 a 新时代文明实践所
 * (`中关村街道新时代文明实践所`), and for some townships a 党群服务中心 and a community 实践站 — each run by
 * the 科协 of its place, at an address in 区 + 路 + 号 style, with opening hours. About 40% of the seeded
 * upcoming activities and volunteer services move to a hub of their own region (hub_id set, venue = the
 * hub's address, re-stamped so a kiosk's pull sees them).
 *
 * The demo hub 中关村街道新时代文明实践所 is ready for the kiosk on first start: activities and a shift of
 * 海淀区医疗健康科技志愿服务队 happening at the seed time (so its home screen is not empty), service requests
 * in every state with their timelines (numbers 9001-xxxx: a reserved range no kiosk row holds, so the
 * unique device numbers are untouched until some server enrols 9000 kiosks) and the request_* notices
 * the loop would have sent, and a demo enrolment code valid 30 days (only its hash is stored; the code,
 * the same on every fresh start, is printed with the demo logins and named in the README).
 *
 * Deterministic (seeded PRNG, uuid-shaped ids from it), batched kysely inserts inside the seed's
 * transaction, one block of sync versions; runs after seedActivities and seedVolunteer (it moves their rows).
 */
import type { Executor } from '../server/db/database'
import { insertRows, query, sql, type Row } from './write'
import { hashString, mulberry32, pick, seededUuid } from './random'
import { reserveVersions } from './versions'
import { castId } from './regions'
import { HAIDIAN, ZHONGGUANCUN } from './demo'
import { DEMO_LEADER_PHONE, DEMO_TEAM_NAME } from './volunteer'
import { tokenHash } from '../server/middleware/access'
import { beijingDay, beijingDayStart } from '../shared/time/beijing'
import { stateDueAt } from '../shared/rules/service-request'
import type { NoticeKind } from '../shared/schemas/notice'
import { ENROLMENT_CODE_ALPHABET, normaliseEnrolmentCode, type HubKind } from '../shared/schemas/hub'
import {
  formatRequestNumber,
  type RequestActor,
  type RequestCategory,
  type RequestEventKind,
  type RequestStatus,
  type WantedPeriod,
} from '../shared/schemas/service-request'

export const DEMO_HUB_NAME = '中关村街道新时代文明实践所'
export const DEMO_HUB_ADDRESS = '北京市海淀区科学院南路12号'
/** The request numbers of the seeded requests: `9001-0001`…; no device row carries this number. */
export const DEMO_REQUEST_DEVICE_NO = 9001
export const DEMO_KIOSK_CODE_DAYS = 30
/** The demo enrolment code (XXXX-XXXX): its own PRNG, so it is the same whatever day the seed runs (README names it). */
export const DEMO_KIOSK_CODE = (() => {
  const rand = mulberry32(20261215)
  let code = ''
  for (let i = 0; i < 8; i++) code += ENROLMENT_CODE_ALPHABET[Math.floor(rand() * ENROLMENT_CODE_ALPHABET.length)]
  return `${code.slice(0, 4)}-${code.slice(4)}`
})()
/** Activities added at the demo hub around the seed time (one under way, the next days). */
export const DEMO_HUB_ACTIVITIES = 3
/** The share (percent) of upcoming activities and services moved to a hub of their region. */
export const AT_HUB_PERCENT = 40
/** Its admin (赵中关, 中关村街道科协) issued the demo code. */
const CODE_ISSUER_PHONE = '13800000005'
const DEMO_MEMBER_PHONE = '13800000006'

const COUNTIES = [HAIDIAN, '110105', '310115', '330106', '510107'] as const
/** Real road names of each district, for addresses in 区 + 路 + 号 style. */
const ROADS: Record<(typeof COUNTIES)[number], readonly string[]> = {
  [HAIDIAN]: ['中关村大街', '海淀大街', '学院路', '知春路', '苏州街', '成府路', '万泉河路', '北四环西路', '西三环北路', '花园路'],
  '110105': ['建国路', '朝阳路', '望京街', '东三环中路', '安立路', '酒仙桥路', '朝阳北路', '广渠路', '北苑路', '左家庄路'],
  '310115': ['世纪大道', '张杨路', '浦东南路', '杨高中路', '锦绣路', '祖冲之路', '川沙路', '高科西路', '东方路', '龙阳路'],
  '330106': ['文三路', '天目山路', '西溪路', '文一西路', '古墩路', '之江路', '教工路', '学院路', '紫金港路', '留下街'],
  '510107': ['武侯祠大街', '人民南路四段', '科华北路', '玉林南路', '佳灵路', '武科东一路', '簇桥路', '机投路', '高升桥路', '双楠路'],
}
const COMMUNITIES = ['东里', '西里', '南里', '北里', '新村', '花园', '科苑', '翠微', '阳光', '和平']
const OPENING_HOURS = [
  '周一至周五 9:00–17:00',
  '周一至周六 9:00–18:00',
  '周二至周日 9:00–17:30（周一闭馆）',
  '每天 8:30–20:00',
  '周一至周五 8:30–17:30，周六 9:00–12:00',
]

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

type Place = { code: string; name: string; full_name: string }
type Hub = {
  id: string
  orgId: string
  kind: HubKind
  name: string
  address: string
  region: string
  hours: string
  status: string
  created: number
}
type SeededEvent = {
  kind: RequestEventKind
  at: number
  actor: RequestActor
  userId?: string | null
  teamId?: string | null
  note?: string
}
type SeededRequest = {
  category: RequestCategory
  description: string
  wantedInDays: number
  period: WantedPeriod
  name: string | null
  phone: string
  status: RequestStatus
  teamId: string | null
  completeBy: number | null
  overdue: boolean
  report?: string
  rating?: number
  comment?: string
  closeReason?: string
  declineReason?: string
  events: SeededEvent[]
}

export interface HubSeedResult {
  hubs: number
  activitiesAtHubs: number
  servicesAtHubs: number
  requests: number
  requestEvents: number
  /** request_* notices to the team leaders and admins the loop told */
  notices: number
  demoHubId: string
  /** the demo enrolment code, XXXX-XXXX (shown once: printed with the demo logins) */
  kioskCode: string
  kioskCodeExpiresAt: string
}

export async function seedHubs(trx: Executor, now: Date): Promise<HubSeedResult> {
  const rand = mulberry32(20261214)
  const uuid = () => seededUuid(rand)
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const t0 = now.getTime()
  const iso = (t: number) => new Date(t).toISOString()
  const nowIso = iso(t0)

  const byPhone = async (phone: string) =>
    (await trx.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirstOrThrow()).id
  const region = async (code: string): Promise<Place> =>
    trx.selectFrom('regions').select(['code', 'name', 'full_name']).where('code', '=', code).executeTakeFirstOrThrow()
  const establishedTownships = (parentId: string) =>
    query(
      trx,
      sql<Place>`select r.code, r.name, r.full_name from organizations o join regions r on r.code = o.region_code
      where o.parent_id = ${parentId} and o.level = 'township' and o.status = 'established' order by r.code`,
    )

  // ---- hubs
  const hubs: Hub[] = []
  const addressIn = (county: (typeof COUNTIES)[number], countyFull: string) =>
    `${countyFull}${pick(rand, ROADS[county])}${between(1, 199)}号`
  const addHub = (o: Omit<Hub, 'id' | 'hours' | 'status' | 'created'> & { status?: string }) => {
    const hub: Hub = { status: 'active', ...o, id: uuid(), hours: pick(rand, OPENING_HOURS), created: t0 - between(30, 400) * DAY }
    hubs.push(hub)
    return hub
  }
  let demoHub: Hub | undefined
  for (const county of COUNTIES) {
    const c = await region(county)
    addHub({
      orgId: castId(county),
      kind: 'practice_center',
      name: `${c.name}新时代文明实践中心`,
      address: addressIn(county, c.full_name),
      region: county,
    })
    addHub({
      orgId: castId(county),
      kind: 'party_mass_center',
      name: `${c.name}党群服务中心`,
      address: addressIn(county, c.full_name),
      region: county,
    })
    for (const t of await establishedTownships(castId(county))) {
      const demo = t.code === ZHONGGUANCUN
      const institute = addHub({
        orgId: castId(t.code),
        kind: 'practice_institute',
        name: `${t.name}新时代文明实践所`,
        address: demo ? DEMO_HUB_ADDRESS : addressIn(county, c.full_name),
        region: t.code,
      })
      if (demo) demoHub = institute
      if (demo || rand() < 0.4)
        addHub({
          orgId: castId(t.code),
          kind: 'party_mass_center',
          name: `${t.name}党群服务中心`,
          address: addressIn(county, c.full_name),
          region: t.code,
        })
      if (demo || rand() < 0.25) {
        // a community's 实践站, run by the township 科协; one in 朝阳 has closed (kiosks cannot enrol there)
        const closed = county === '110105' && !hubs.some((h) => h.status === 'closed')
        addHub({
          orgId: castId(t.code),
          kind: 'practice_station',
          name: `${t.name}${pick(rand, COMMUNITIES)}社区新时代文明实践站`,
          address: addressIn(county, c.full_name),
          region: t.code,
          status: closed ? 'closed' : 'active',
        })
      }
    }
  }
  if (!demoHub) throw new Error(`the demo township ${ZHONGGUANCUN} has no established 科协`)
  const hubsIn = new Map<string, Hub[]>()
  for (const h of hubs)
    if (h.status === 'active' && h.kind !== 'practice_station') hubsIn.set(h.region, [...(hubsIn.get(h.region) ?? []), h])

  // ---- a share of the upcoming activities and services moves to a hub of their own region (a coin per row id)
  const atHub = (id: string) => hashString(`hub:${id}`) % 100 < AT_HUB_PERCENT
  const activities = await query(
    trx,
    sql<{
      id: string
      region_code: string
    }>`select id, region_code from activities where hub_id is null and starts_at > ${nowIso} and region_code is not null
        and (${sql.join(
          COUNTIES.map((c) => sql`region_code like ${`${c}%`}`),
          sql` or `,
        )}) order by id`,
  )
  const activityMoves: Array<{ id: string; hub: Hub }> = []
  for (const a of activities) {
    const here = hubsIn.get(a.region_code)
    if (here && atHub(a.id)) activityMoves.push({ id: a.id, hub: pick(rand, here) })
  }
  const services = await query(
    trx,
    sql<{
      id: string
      title: string
      venue_address: string
      region_code: string
      team: string
    }>`select v.id, v.title, v.venue_address, v.region_code, t.name team
        from volunteer_services v join volunteer_teams t on t.id = v.team_id
        where v.hub_id is null and v.region_code is not null order by v.id`,
  )
  const kindOfVenue = (venue: string): HubKind =>
    venue.endsWith('新时代文明实践中心')
      ? 'practice_center'
      : venue.endsWith('新时代文明实践所')
        ? 'practice_institute'
        : 'party_mass_center'
  const serviceMoves: Array<{ id: string; hub: Hub }> = []
  const zgcPartyCenter = hubs.find((h) => h.region === ZHONGGUANCUN && h.kind === 'party_mass_center')!
  for (const v of services) {
    // the demo team's Saturday clinic is at the demo hub, its first-aid class at 中关村街道党群服务中心
    if (v.team === DEMO_TEAM_NAME) {
      serviceMoves.push({ id: v.id, hub: v.title === '社区健康义诊' ? demoHub : zgcPartyCenter })
      continue
    }
    const here = hubsIn.get(v.region_code)
    if (!here || !atHub(v.id)) continue
    const kind = kindOfVenue(v.venue_address)
    serviceMoves.push({ id: v.id, hub: here.find((h) => h.kind === kind) ?? pick(rand, here) })
  }
  const clinic = serviceMoves.find((m) => m.hub === demoHub)
  if (!clinic) throw new Error(`${DEMO_TEAM_NAME} has no 社区健康义诊 service`)
  const movedShifts: string[] = []
  for (const m of serviceMoves)
    for (const r of await trx.selectFrom('shifts').select('id').where('service_id', '=', m.id).orderBy('id').execute())
      movedShifts.push(r.id)

  // ---- the demo hub around the seed time: an activity under way, two in the next days, a shift under way
  const halfHour = Math.floor(t0 / (30 * MINUTE)) * 30 * MINUTE
  const today = Date.parse(beijingDayStart(beijingDay(now)))
  const demoActivities = [
    {
      kind: 'popularization',
      title: '中关村·老年人智能手机使用科普',
      starts: halfHour - HOUR,
      hours: 4,
      capacity: 50,
      opens: 120,
      credit: 1.5,
    },
    {
      kind: 'popularization',
      title: '中关村·青少年科学实验秀',
      starts: today + DAY + 14 * HOUR,
      hours: 2,
      capacity: 80,
      opens: 120,
      credit: 1.5,
    },
    {
      kind: 'training',
      title: '中关村·应急救护知识培训',
      starts: today + 3 * DAY + 9 * HOUR,
      hours: 4,
      capacity: 30,
      opens: 60,
      credit: 4,
    },
  ].map((a) => ({ ...a, id: uuid() }))
  const liId = await byPhone(DEMO_MEMBER_PHONE)
  const leaderId = await byPhone(DEMO_LEADER_PHONE)
  const zgcMembers = (
    await query(
      trx,
      sql<{ id: string }>`select id from users where phone like '1380001%' and region_code = ${ZHONGGUANCUN} order by phone limit 5`,
    )
  ).map((r) => r.id)
  const demoRegistrants = [liId, ...zgcMembers]
  const demoShift = { id: uuid(), series: uuid(), starts: halfHour, ends: halfHour + 3 * HOUR, slots: 8 }
  const busyAt = async (userId: string) =>
    Number(
      (
        await query(
          trx,
          sql<{ n: number }>`select count(*) n from shift_signups u join shifts s on s.id = u.shift_id
      where u.user_id = ${userId} and u.status in ('signed_up', 'waitlisted') and s.starts_at < ${iso(demoShift.ends)} and ${iso(demoShift.starts)} < s.ends_at`,
        )
      )[0]!.n,
    )
  const shiftSignups: Array<{ id: string; userId: string }> = []
  for (const userId of [liId, leaderId]) if ((await busyAt(userId)) === 0) shiftSignups.push({ id: '', userId })
  for (const s of shiftSignups) s.id = uuid()

  // ---- service requests at the demo hub, one in every state (two waiting for dispatch, one of them overdue)
  const demoTeamId = (await trx.selectFrom('volunteer_teams').select('id').where('name', '=', DEMO_TEAM_NAME).executeTakeFirstOrThrow()).id
  const otherTeamId = (
    await query(
      trx,
      sql<{
        id: string
      }>`select id from volunteer_teams where status = 'active' and org_id = ${castId(HAIDIAN)} and id != ${demoTeamId} order by name limit 1`,
    )
  )[0]!.id
  const adminId = await byPhone(CODE_ISSUER_PHONE)
  const ago = (h: number) => t0 - h * HOUR
  const completeBy = (daysAhead: number) => today + daysAhead * DAY + 18 * HOUR
  const requests: SeededRequest[] = [
    {
      category: 'elder_digital',
      description: '想学用手机挂号、视频通话和扫码乘车，家里老人不会操作。',
      wantedInDays: 2,
      period: 'morning',
      name: '王阿姨',
      phone: '13900001001',
      status: 'ordered',
      teamId: null,
      completeBy: null,
      overdue: false,
      events: [{ kind: 'ordered', at: ago(2), actor: 'kiosk' }],
    },
    {
      category: 'health',
      description: '家中老人血压偏高，希望有医生上门讲讲用药和饮食。',
      wantedInDays: 1,
      period: 'afternoon',
      name: '刘大爷',
      phone: '13900001002',
      status: 'ordered',
      teamId: null,
      completeBy: null,
      overdue: true,
      events: [{ kind: 'ordered', at: ago(30), actor: 'kiosk' }],
    },
    {
      category: 'emergency',
      description: '小区想组织一次心肺复苏和AED使用培训，约30位居民参加。',
      wantedInDays: 6,
      period: 'evening',
      name: null,
      phone: '13900001003',
      status: 'dispatched',
      teamId: demoTeamId,
      completeBy: completeBy(7),
      overdue: false,
      events: [
        { kind: 'ordered', at: ago(20), actor: 'kiosk' },
        { kind: 'dispatched', at: ago(3), actor: 'admin', userId: adminId, teamId: demoTeamId },
      ],
    },
    {
      category: 'health',
      description: '社区老年人想做一次慢性病防治咨询，测测血糖血压。',
      wantedInDays: 3,
      period: 'morning',
      name: '陈老师',
      phone: '13900001004',
      status: 'accepted',
      teamId: demoTeamId,
      completeBy: completeBy(4),
      overdue: false,
      declineReason: '本周队员都已有班次，人手不足',
      events: [
        { kind: 'ordered', at: ago(80), actor: 'kiosk' },
        { kind: 'dispatched', at: ago(76), actor: 'admin', userId: adminId, teamId: otherTeamId },
        { kind: 'declined', at: ago(70), actor: 'leader', teamId: otherTeamId, note: '本周队员都已有班次，人手不足' },
        { kind: 'dispatched', at: ago(60), actor: 'admin', userId: adminId, teamId: demoTeamId },
        { kind: 'accepted', at: ago(50), actor: 'leader', userId: leaderId, teamId: demoTeamId },
      ],
    },
    {
      category: 'health',
      description: '想了解冬季老年人防跌倒和常见病预防知识。',
      wantedInDays: -3,
      period: 'afternoon',
      name: '赵阿姨',
      phone: '13900001005',
      status: 'done',
      teamId: demoTeamId,
      completeBy: completeBy(-2),
      overdue: false,
      report: '三名队员上门服务两小时，讲解防跌倒要点并为8位老人测量血压，发放科普资料20份。',
      events: [
        { kind: 'ordered', at: ago(8 * 24), actor: 'kiosk' },
        { kind: 'dispatched', at: ago(7 * 24 + 20), actor: 'admin', userId: adminId, teamId: demoTeamId },
        { kind: 'accepted', at: ago(7 * 24 + 4), actor: 'leader', userId: leaderId, teamId: demoTeamId },
        { kind: 'done', at: ago(2 * 24 + 6), actor: 'leader', userId: leaderId, teamId: demoTeamId, note: '' },
      ],
    },
    {
      category: 'emergency',
      description: '老年活动室想学习突发心脏不适时的急救方法。',
      wantedInDays: -12,
      period: 'morning',
      name: '孙大爷',
      phone: '13900001006',
      status: 'rated',
      teamId: demoTeamId,
      completeBy: completeBy(-11),
      overdue: false,
      report: '在社区老年活动室开展急救知识讲座，演示心肺复苏，25位居民参加。',
      rating: 5,
      comment: '讲得很细心，大家都学会了，谢谢志愿者！',
      events: [
        { kind: 'ordered', at: ago(20 * 24), actor: 'kiosk' },
        { kind: 'dispatched', at: ago(19 * 24), actor: 'admin', userId: adminId, teamId: demoTeamId },
        { kind: 'accepted', at: ago(18 * 24 + 10), actor: 'leader', userId: leaderId, teamId: demoTeamId },
        { kind: 'done', at: ago(12 * 24 - 4), actor: 'leader', userId: leaderId, teamId: demoTeamId, note: '' },
        { kind: 'rated', at: ago(10 * 24), actor: 'resident' },
      ],
    },
    {
      category: 'other',
      description: '想咨询家里的旧电器怎么安全处理。',
      wantedInDays: -4,
      period: 'any',
      name: null,
      phone: '13900001007',
      status: 'closed',
      teamId: null,
      completeBy: null,
      overdue: false,
      closeReason: '居民已通过社区回收站处理，无需上门服务',
      events: [
        { kind: 'ordered', at: ago(6 * 24), actor: 'kiosk' },
        { kind: 'closed', at: ago(5 * 24), actor: 'admin', userId: adminId, note: '居民已通过社区回收站处理，无需上门服务' },
      ],
    },
  ]
  for (const r of requests) {
    // the done event carries the report; the overdue request's escalation follows its deadline
    for (const e of r.events) if (e.kind === 'done') e.note = r.report!
    if (r.overdue) {
      const due = stateDueAt('ordered', new Date(r.events[0]!.at), null)!.getTime()
      r.events.push({ kind: 'escalated', at: due + 7 * MINUTE, actor: 'system' })
    }
  }
  const haidianOrg = (
    await trx.selectFrom('organizations').select('parent_id').where('id', '=', castId(ZHONGGUANCUN)).executeTakeFirstOrThrow()
  ).parent_id!
  const requestIds = requests.map(() => uuid())

  // ---- the notices the loop sends (request_*: title = the request number), those of past steps read an hour later
  const leadersOf = async (teamId: string | null | undefined) =>
    (
      await query(
        trx,
        sql<{
          user_id: string
        }>`select user_id from team_members where team_id = ${teamId ?? null} and status = 'active' and role in ('leader', 'co_leader') order by user_id`,
      )
    ).map((r) => r.user_id)
  const adminsOf = async (orgId: string) =>
    (
      await query(
        trx,
        sql<{
          user_id: string
        }>`select user_id from memberships where org_id = ${orgId} and status = 'active' and role = 'admin' order by user_id`,
      )
    ).map((r) => r.user_id)
  type SeededNotice = {
    id: string
    userId: string
    kind: NoticeKind
    requestId: string
    title: string
    reason: string | null
    at: number
    readAt: number | null
  }
  const notices: SeededNotice[] = []
  for (const [i, r] of requests.entries()) {
    const events = [...r.events].sort((a, b) => a.at - b.at)
    for (const [k, e] of events.entries()) {
      const sent: [NoticeKind, string[]] | null =
        e.kind === 'dispatched'
          ? ['request_dispatched', await leadersOf(e.teamId)]
          : e.kind === 'declined'
            ? ['request_declined', await adminsOf(demoHub.orgId)]
            : e.kind === 'escalated'
              ? ['request_overdue', await adminsOf(haidianOrg)]
              : e.kind === 'rated'
                ? ['request_rated', await leadersOf(r.teamId)]
                : null
      if (!sent) continue
      for (const userId of sent[1])
        if (userId !== e.userId)
          notices.push({
            id: uuid(),
            userId,
            kind: sent[0],
            requestId: requestIds[i]!,
            title: formatRequestNumber(DEMO_REQUEST_DEVICE_NO, i + 1),
            reason: e.kind === 'declined' ? (e.note ?? null) : null,
            at: e.at,
            readAt: k === events.length - 1 ? null : e.at + HOUR,
          })
    }
  }

  const kioskCode = DEMO_KIOSK_CODE
  const kioskCodeExpiresAt = iso(t0 + DEMO_KIOSK_CODE_DAYS * DAY)

  // ---- write, with one block of versions
  const nextVersion = await reserveVersions(
    trx,
    hubs.length +
      activityMoves.length +
      movedShifts.length +
      demoActivities.length +
      demoRegistrants.length +
      1 +
      shiftSignups.length +
      requests.length +
      notices.length,
  )
  await insertRows(
    trx,
    'hubs',
    hubs.map((h) => ({
      id: h.id,
      org_id: h.orgId,
      kind: h.kind,
      name: h.name,
      address: h.address,
      region_code: h.region,
      opening_hours: h.hours,
      status: h.status as Row<'hubs'>['status'],
      created_by: null,
      created_at: iso(h.created),
      updated_at: iso(h.created),
      version: nextVersion(),
    })),
  )

  // The moves: one `update … from (values …)` per table (SQLite ≥ 3.33 and PostgreSQL both have it).
  // The values are cast: PostgreSQL types a bare parameter in VALUES as text.
  const activityValues = activityMoves.map((m) => sql`(${m.id}, ${m.hub.id}, ${m.hub.address}, cast(${nextVersion()} as bigint))`)
  if (activityValues.length)
    await sql`with k(id, hub_id, venue_address, version) as (values ${sql.join(activityValues)})
      update activities set hub_id = k.hub_id, venue_address = k.venue_address, version = k.version
      from k where k.id = activities.id`.execute(trx)
  const serviceInfo = new Map(services.map((v) => [v.id, v]))
  const serviceValues = serviceMoves.map((m) => {
    const { title, team } = serviceInfo.get(m.id)!
    return sql`(${m.id}, ${m.hub.id}, ${m.hub.address}, ${`${title}，${team}在${m.hub.name}开展。`})`
  })
  if (serviceValues.length)
    await sql`with k(id, hub_id, venue_address, description) as (values ${sql.join(serviceValues)})
      update volunteer_services set hub_id = k.hub_id, venue_address = k.venue_address, description = k.description
      from k where k.id = volunteer_services.id`.execute(trx)
  const shiftValues = movedShifts.map((id) => sql`(${id}, cast(${nextVersion()} as bigint))`)
  for (let i = 0; i < shiftValues.length; i += 5_000)
    await sql`with k(id, version) as (values ${sql.join(shiftValues.slice(i, i + 5_000))})
      update shifts set version = k.version from k where k.id = shifts.id`.execute(trx)

  const activityRows: Array<Row<'activities'>> = []
  const registrationRows: Array<Row<'registrations'>> = []
  for (const [i, a] of demoActivities.entries()) {
    const registrants = i === 0 ? demoRegistrants : []
    const created = iso(t0 - 7 * DAY)
    activityRows.push({
      id: a.id,
      org_id: castId(ZHONGGUANCUN),
      kind: a.kind as Row<'activities'>['kind'],
      title: a.title,
      description: `${a.title}。欢迎社区居民和科技工作者参加，可在${DEMO_HUB_NAME}自助机签到。`,
      venue_address: DEMO_HUB_ADDRESS,
      hub_id: demoHub.id,
      region_code: ZHONGGUANCUN,
      starts_at: iso(a.starts),
      ends_at: iso(a.starts + a.hours * HOUR),
      registration_opens_at: created,
      registration_closes_at: iso(Math.max(a.starts - 2 * HOUR, t0 - 6 * DAY)),
      capacity: a.capacity,
      places_taken: registrants.length,
      requires_approval: 0,
      audience: 'public',
      status: 'published',
      credit_hours: a.credit,
      check_in_opens_minutes_before: a.opens,
      created_by: null,
      created_at: created,
      updated_at: created,
      version: nextVersion(),
    })
    for (const userId of registrants) {
      const v = nextVersion()
      registrationRows.push({
        id: uuid(),
        activity_id: a.id,
        user_id: userId,
        status: 'registered',
        seq: v,
        created_at: created,
        updated_at: created,
        version: v,
      })
    }
  }
  await insertRows(trx, 'activities', activityRows)
  await insertRows(trx, 'registrations', registrationRows)
  await insertRows(trx, 'shifts', [
    {
      id: demoShift.id,
      service_id: clinic.id,
      team_id: demoTeamId,
      region_code: ZHONGGUANCUN,
      starts_at: iso(demoShift.starts),
      ends_at: iso(demoShift.ends),
      slots: demoShift.slots,
      places_taken: shiftSignups.length,
      required_skills_mask: 0,
      series_id: demoShift.series,
      status: 'open',
      cancel_reason: null,
      created_at: iso(t0 - 3 * DAY),
      updated_at: iso(t0 - 3 * DAY),
      version: nextVersion(),
    },
  ])
  await insertRows(
    trx,
    'shift_signups',
    shiftSignups.map((s) => {
      const v = nextVersion()
      return {
        id: s.id,
        shift_id: demoShift.id,
        team_id: demoTeamId,
        user_id: s.userId,
        walk_in_name: null,
        status: 'signed_up' as const,
        source: 'self' as const,
        seq: v,
        assigned_by: null,
        confirmed_at: null,
        checked_in_at: null,
        checked_out_at: null,
        check_in_method: null,
        checked_in_by: null,
        no_show: 0,
        hours_status: 'none' as const,
        credited_minutes: null,
        correction_reason: null,
        approved_by: null,
        approved_at: null,
        created_at: iso(t0 - 2 * DAY),
        updated_at: iso(t0 - 2 * DAY),
        version: v,
      }
    }),
  )

  const requestRows: Array<Row<'service_requests'>> = []
  const eventRows: Array<Row<'service_request_events'>> = []
  for (const [i, r] of requests.entries()) {
    const id = requestIds[i]!
    const moves = r.events.filter((e) => e.kind !== 'escalated')
    const entered = moves[moves.length - 1]!.at
    const escalated = r.events.find((e) => e.kind === 'escalated')
    const due = stateDueAt(r.status, new Date(entered), r.completeBy === null ? null : new Date(r.completeBy))
    const rated = r.events.find((e) => e.kind === 'rated')
    const updated = Math.max(...r.events.map((e) => e.at))
    requestRows.push({
      id,
      number: formatRequestNumber(DEMO_REQUEST_DEVICE_NO, i + 1),
      hub_id: demoHub.id,
      org_id: demoHub.orgId,
      region_code: demoHub.region,
      category: r.category,
      description: r.description,
      wanted_date: beijingDay(new Date(today + r.wantedInDays * DAY)),
      wanted_period: r.period,
      contact_name: r.name,
      contact_phone: r.phone,
      status: r.status,
      team_id: r.teamId,
      shift_id: null,
      complete_by: r.completeBy === null ? null : iso(r.completeBy),
      state_entered_at: iso(entered),
      state_due_at: due ? iso(due.getTime()) : null,
      overdue_at: escalated ? iso(escalated.at) : null,
      escalated_org_id: escalated ? haidianOrg : null,
      report: r.report ?? null,
      rating: r.rating ?? null,
      rating_comment: r.comment ?? null,
      rated_at: rated ? iso(rated.at) : null,
      close_reason: r.closeReason ?? null,
      decline_reason: r.declineReason ?? null,
      device_id: null,
      created_at: iso(r.events[0]!.at),
      updated_at: iso(updated),
      version: nextVersion(),
    })
    for (const [seq, e] of [...r.events].sort((a, b) => a.at - b.at).entries())
      eventRows.push({
        id: uuid(),
        request_id: id,
        seq: seq + 1,
        kind: e.kind,
        at: iso(e.at),
        actor: e.actor,
        actor_user_id: e.userId ?? null,
        team_id: e.teamId ?? null,
        note: e.note ?? null,
      })
  }
  await insertRows(trx, 'service_requests', requestRows)
  await insertRows(trx, 'service_request_events', eventRows)
  const requestEvents = eventRows.length

  await insertRows(
    trx,
    'notices',
    notices.map((n) => ({
      id: n.id,
      user_id: n.userId,
      kind: n.kind,
      org_id: demoHub.orgId,
      activity_id: null,
      subject_id: n.requestId,
      title: n.title,
      reason: n.reason,
      starts_at: null,
      venue_address: null,
      created_at: iso(n.at),
      read_at: n.readAt === null ? null : iso(n.readAt),
      version: nextVersion(),
    })),
  )

  await insertRows(trx, 'device_enrolment_codes', [
    {
      id: uuid(),
      hub_id: demoHub.id,
      code_hash: tokenHash(normaliseEnrolmentCode(kioskCode)),
      created_by: adminId,
      created_at: nowIso,
      expires_at: kioskCodeExpiresAt,
      used_at: null,
      device_id: null,
    },
  ])

  return {
    hubs: hubs.length,
    activitiesAtHubs: activityMoves.length + demoActivities.length,
    servicesAtHubs: serviceMoves.length,
    requests: requests.length,
    requestEvents,
    notices: notices.length,
    demoHubId: demoHub.id,
    kioskCode,
    kioskCodeExpiresAt,
  }
}
