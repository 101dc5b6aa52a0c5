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
 * Deterministic (seeded PRNG, uuid-shaped ids from it), raw prepared statements inside the seed's
 * transaction, one block of sync versions; runs after seedActivities and seedVolunteer (it moves their rows).
 */
import type Database from 'better-sqlite3'
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

export function seedHubs(raw: Database.Database, now: Date): HubSeedResult {
  const rand = mulberry32(20261214)
  const uuid = () => seededUuid(rand)
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const t0 = now.getTime()
  const iso = (t: number) => new Date(t).toISOString()
  const nowIso = iso(t0)

  const byPhone = (phone: string) => raw.prepare('select id from users where phone = ?').pluck().get(phone) as string
  const region = raw.prepare('select code, name, full_name from regions where code = ?')
  const establishedTownships = raw.prepare(
    `select r.code, r.name, r.full_name from organizations o join regions r on r.code = o.region_code
      where o.parent_id = ? and o.level = 'township' and o.status = 'established' order by r.code`,
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
    const c = region.get(county) as Place
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
    for (const t of establishedTownships.all(castId(county)) as Place[]) {
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
  const activities = raw
    .prepare(
      `select id, region_code from activities where hub_id is null and starts_at > ? and region_code is not null
        and (${COUNTIES.map(() => 'region_code like ?').join(' or ')}) order by id`,
    )
    .all(nowIso, ...COUNTIES.map((c) => `${c}%`)) as Array<{ id: string; region_code: string }>
  const activityMoves: Array<{ id: string; hub: Hub }> = []
  for (const a of activities) {
    const here = hubsIn.get(a.region_code)
    if (here && atHub(a.id)) activityMoves.push({ id: a.id, hub: pick(rand, here) })
  }
  const services = raw
    .prepare(
      `select v.id, v.title, v.venue_address, v.region_code, t.name team from volunteer_services v join volunteer_teams t on t.id = v.team_id
        where v.hub_id is null and v.region_code is not null order by v.id`,
    )
    .all() as Array<{ id: string; title: string; venue_address: string; region_code: string; team: string }>
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
  const shiftsOf = raw.prepare('select id from shifts where service_id = ? order by id').pluck()
  const movedShifts = serviceMoves.flatMap((m) => shiftsOf.all(m.id) as string[])

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
  const liId = byPhone(DEMO_MEMBER_PHONE)
  const leaderId = byPhone(DEMO_LEADER_PHONE)
  const zgcMembers = raw
    .prepare("select id from users where phone like '1380001%' and region_code = ? order by phone limit 5")
    .pluck()
    .all(ZHONGGUANCUN) as string[]
  const demoRegistrants = [liId, ...zgcMembers]
  const demoShift = { id: uuid(), series: uuid(), starts: halfHour, ends: halfHour + 3 * HOUR, slots: 8 }
  const busyAt = raw.prepare(
    `select count(*) from shift_signups u join shifts s on s.id = u.shift_id
      where u.user_id = ? and u.status in ('signed_up', 'waitlisted') and s.starts_at < ? and ? < s.ends_at`,
  )
  const shiftSignups = [liId, leaderId]
    .filter((u) => (busyAt.pluck().get(u, iso(demoShift.ends), iso(demoShift.starts)) as number) === 0)
    .map((userId) => ({ id: uuid(), userId }))

  // ---- service requests at the demo hub, one in every state (two waiting for dispatch, one of them overdue)
  const demoTeamId = raw.prepare('select id from volunteer_teams where name = ?').pluck().get(DEMO_TEAM_NAME) as string
  const otherTeamId = raw
    .prepare("select id from volunteer_teams where status = 'active' and org_id = ? and id != ? order by name limit 1")
    .pluck()
    .get(castId(HAIDIAN), demoTeamId) as string
  const adminId = byPhone(CODE_ISSUER_PHONE)
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
  const haidianOrg = raw.prepare('select parent_id from organizations where id = ?').pluck().get(castId(ZHONGGUANCUN)) as string
  const requestIds = requests.map(() => uuid())

  // ---- the notices the loop sends (request_*: title = the request number), those of past steps read an hour later
  const leadersOf = raw
    .prepare(
      "select user_id from team_members where team_id = ? and status = 'active' and role in ('leader', 'co_leader') order by user_id",
    )
    .pluck()
  const adminsOf = raw
    .prepare("select user_id from memberships where org_id = ? and status = 'active' and role = 'admin' order by user_id")
    .pluck()
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
  requests.forEach((r, i) => {
    const events = [...r.events].sort((a, b) => a.at - b.at)
    events.forEach((e, k) => {
      const sent: [NoticeKind, string[]] | null =
        e.kind === 'dispatched'
          ? ['request_dispatched', leadersOf.all(e.teamId) as string[]]
          : e.kind === 'declined'
            ? ['request_declined', adminsOf.all(demoHub.orgId) as string[]]
            : e.kind === 'escalated'
              ? ['request_overdue', adminsOf.all(haidianOrg) as string[]]
              : e.kind === 'rated'
                ? ['request_rated', leadersOf.all(r.teamId) as string[]]
                : null
      if (!sent) return
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
    })
  })

  const kioskCode = DEMO_KIOSK_CODE
  const kioskCodeExpiresAt = iso(t0 + DEMO_KIOSK_CODE_DAYS * DAY)

  // ---- write, with one block of versions
  const nextVersion = reserveVersions(
    raw,
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
  const insertHub = raw.prepare(
    `insert into hubs (id, org_id, kind, name, address, region_code, opening_hours, status, created_by, created_at, updated_at, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?)`,
  )
  for (const h of hubs)
    insertHub.run(h.id, h.orgId, h.kind, h.name, h.address, h.region, h.hours, h.status, iso(h.created), iso(h.created), nextVersion())

  const moveActivity = raw.prepare('update activities set hub_id = ?, venue_address = ?, version = ? where id = ?')
  for (const m of activityMoves) moveActivity.run(m.hub.id, m.hub.address, nextVersion(), m.id)
  const moveService = raw.prepare('update volunteer_services set hub_id = ?, venue_address = ?, description = ? where id = ?')
  const serviceDescription = raw.prepare(
    'select v.title, t.name from volunteer_services v join volunteer_teams t on t.id = v.team_id where v.id = ?',
  )
  for (const m of serviceMoves) {
    const { title, name } = serviceDescription.get(m.id) as { title: string; name: string }
    moveService.run(m.hub.id, m.hub.address, `${title}，${name}在${m.hub.name}开展。`, m.id)
  }
  const touchShift = raw.prepare('update shifts set version = ? where id = ?')
  for (const id of movedShifts) touchShift.run(nextVersion(), id)

  const insertActivity = raw.prepare(
    `insert into activities (id, org_id, kind, title, description, venue_address, hub_id, region_code, starts_at, ends_at,
       registration_opens_at, registration_closes_at, capacity, places_taken, requires_approval, audience, status, credit_hours,
       check_in_opens_minutes_before, created_by, created_at, updated_at, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'public', 'published', ?, ?, null, ?, ?, ?)`,
  )
  const insertRegistration = raw.prepare(
    "insert into registrations (id, activity_id, user_id, status, seq, created_at, updated_at, version) values (?, ?, ?, 'registered', ?, ?, ?, ?)",
  )
  for (const [i, a] of demoActivities.entries()) {
    const registrants = i === 0 ? demoRegistrants : []
    const created = iso(t0 - 7 * DAY)
    insertActivity.run(
      a.id,
      castId(ZHONGGUANCUN),
      a.kind,
      a.title,
      `${a.title}。欢迎社区居民和科技工作者参加，可在${DEMO_HUB_NAME}自助机签到。`,
      DEMO_HUB_ADDRESS,
      demoHub.id,
      ZHONGGUANCUN,
      iso(a.starts),
      iso(a.starts + a.hours * HOUR),
      created,
      iso(Math.max(a.starts - 2 * HOUR, t0 - 6 * DAY)),
      a.capacity,
      registrants.length,
      a.credit,
      a.opens,
      created,
      created,
      nextVersion(),
    )
    for (const userId of registrants) {
      const v = nextVersion()
      insertRegistration.run(uuid(), a.id, userId, v, created, created, v)
    }
  }
  raw
    .prepare(
      `insert into shifts (id, service_id, team_id, region_code, starts_at, ends_at, slots, places_taken, required_skills_mask,
         series_id, status, cancel_reason, created_at, updated_at, version)
       values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'open', null, ?, ?, ?)`,
    )
    .run(
      demoShift.id,
      clinic.id,
      demoTeamId,
      ZHONGGUANCUN,
      iso(demoShift.starts),
      iso(demoShift.ends),
      demoShift.slots,
      shiftSignups.length,
      demoShift.series,
      iso(t0 - 3 * DAY),
      iso(t0 - 3 * DAY),
      nextVersion(),
    )
  const insertSignup = raw.prepare(
    `insert into shift_signups (id, shift_id, team_id, user_id, walk_in_name, status, source, seq, assigned_by, confirmed_at,
       checked_in_at, checked_out_at, check_in_method, checked_in_by, no_show, hours_status, credited_minutes, correction_reason,
       approved_by, approved_at, created_at, updated_at, version)
     values (?, ?, ?, ?, null, 'signed_up', 'self', ?, null, null, null, null, null, null, 0, 'none', null, null, null, null, ?, ?, ?)`,
  )
  for (const s of shiftSignups) {
    const v = nextVersion()
    insertSignup.run(s.id, demoShift.id, demoTeamId, s.userId, v, iso(t0 - 2 * DAY), iso(t0 - 2 * DAY), v)
  }

  const insertRequest = raw.prepare(
    `insert into service_requests (id, number, hub_id, org_id, region_code, category, description, wanted_date, wanted_period,
       contact_name, contact_phone, status, team_id, shift_id, complete_by, state_entered_at, state_due_at, overdue_at,
       escalated_org_id, report, rating, rating_comment, rated_at, close_reason, decline_reason, device_id, created_at, updated_at, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?)`,
  )
  const insertEvent = raw.prepare(
    'insert into service_request_events (id, request_id, seq, kind, at, actor, actor_user_id, team_id, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  let requestEvents = 0
  for (const [i, r] of requests.entries()) {
    const id = requestIds[i]!
    const moves = r.events.filter((e) => e.kind !== 'escalated')
    const entered = moves[moves.length - 1]!.at
    const escalated = r.events.find((e) => e.kind === 'escalated')
    const due = stateDueAt(r.status, new Date(entered), r.completeBy === null ? null : new Date(r.completeBy))
    const rated = r.events.find((e) => e.kind === 'rated')
    const updated = Math.max(...r.events.map((e) => e.at))
    insertRequest.run(
      id,
      formatRequestNumber(DEMO_REQUEST_DEVICE_NO, i + 1),
      demoHub.id,
      demoHub.orgId,
      demoHub.region,
      r.category,
      r.description,
      beijingDay(new Date(today + r.wantedInDays * DAY)),
      r.period,
      r.name,
      r.phone,
      r.status,
      r.teamId,
      r.completeBy === null ? null : iso(r.completeBy),
      iso(entered),
      due ? iso(due.getTime()) : null,
      escalated ? iso(escalated.at) : null,
      escalated ? haidianOrg : null,
      r.report ?? null,
      r.rating ?? null,
      r.comment ?? null,
      rated ? iso(rated.at) : null,
      r.closeReason ?? null,
      r.declineReason ?? null,
      iso(r.events[0]!.at),
      iso(updated),
      nextVersion(),
    )
    for (const [seq, e] of [...r.events].sort((a, b) => a.at - b.at).entries()) {
      insertEvent.run(uuid(), id, seq + 1, e.kind, iso(e.at), e.actor, e.userId ?? null, e.teamId ?? null, e.note ?? null)
      requestEvents++
    }
  }

  const insertNotice = raw.prepare(
    `insert into notices (id, user_id, kind, org_id, activity_id, subject_id, title, reason, starts_at, venue_address, created_at, read_at, version)
     values (?, ?, ?, ?, null, ?, ?, ?, null, null, ?, ?, ?)`,
  )
  for (const n of notices)
    insertNotice.run(
      n.id,
      n.userId,
      n.kind,
      demoHub.orgId,
      n.requestId,
      n.title,
      n.reason,
      iso(n.at),
      n.readAt === null ? null : iso(n.readAt),
      nextVersion(),
    )

  raw
    .prepare(
      `insert into device_enrolment_codes (id, hub_id, code_hash, created_by, created_at, expires_at, used_at, device_id)
       values (?, ?, ?, ?, ?, ?, null, null)`,
    )
    .run(uuid(), demoHub.id, tokenHash(normaliseEnrolmentCode(kioskCode)), adminId, nowIso, kioskCodeExpiresAt)

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
