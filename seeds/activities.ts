/**
 * Demo activities: ~300 over the next 60 days, organised by the 科协 of 海淀/朝阳/浦东/西湖/武侯
 * (county and established townships) and some national societies, of every kind; about one in
 * ten nearly full or full with a waitlist. Demo members register for activities in their district.
 * Deterministic (seeded PRNG, uuid-shaped ids from it), batched kysely inserts inside the seed's
 * transaction; runs after seedDemo (it reads the demo members).
 */
import type { Executor } from '../server/db/database'
import { insertRows, query, sql, type Row } from './write'
import { mulberry32, pick, seededUuid } from './random'
import { reserveVersions } from './versions'
import { beijingDay, beijingDayStart } from '../shared/time/beijing'

export const DEMO_ACTIVITIES = 300
const DISTRICTS = [
  {
    code: '110108',
    name: '海淀',
    venues: ['中关村国家自主创新示范区展示中心', '海淀区科技馆报告厅', '北京大学英杰交流中心', '海淀区新时代文明实践中心'],
  },
  { code: '110105', name: '朝阳', venues: ['朝阳区科技馆', '望京科技园会议中心', '朝阳区党群服务中心多功能厅', '奥林匹克公园科普驿站'] },
  { code: '310115', name: '浦东', venues: ['上海科技馆报告厅', '张江科学会堂', '浦东新区新时代文明实践中心', '陆家嘴金融城党群服务中心'] },
  { code: '330106', name: '西湖', venues: ['浙江大学紫金港校区报告厅', '西湖区科技馆', '云栖小镇国际会展中心', '西湖区党群服务中心'] },
  { code: '510107', name: '武侯', venues: ['四川大学望江校区报告厅', '武侯区科技馆', '成都高新区菁蓉汇', '武侯区新时代文明实践中心'] },
] as const

const KINDS = ['academic', 'popularization', 'training', 'party_class', 'other'] as const
type Kind = (typeof KINDS)[number]
const TITLES: Record<Kind, string[]> = {
  academic: [
    '人工智能前沿学术报告会',
    '新材料与绿色制造学术沙龙',
    '生物医药创新论坛',
    '青年科技工作者学术交流会',
    '量子信息科学讲座',
    '智慧农业技术研讨会',
  ],
  popularization: ['青少年科学开放日', '社区健康科普讲座', '防灾减灾科普进社区', '天文观测科普夜', '科学实验秀', '老年人智能手机使用科普'],
  training: ['科技志愿者服务能力培训', '科技成果转化实务培训', '科研诚信与学术规范培训', '基层科协工作人员业务培训', '知识产权保护培训'],
  party_class: ['科技工作者党课：弘扬科学家精神', '学习贯彻党的创新理论专题党课', '党建引领科技创新专题学习'],
  other: ['科技工作者联谊活动', '科技工作者之家开放日', '创新创业项目路演'],
}
const CREDIT_HOURS: Record<Kind, number> = { academic: 2, popularization: 1.5, training: 4, party_class: 3, other: 1 }
/** Minutes before the start that check-in opens: a lecture or a class an hour early, an open day or a get-together two. */
const CHECK_IN_OPENS: Record<Kind, number> = { academic: 60, popularization: 120, training: 60, party_class: 30, other: 120 }
/** Start hours on the Beijing clock: 09:00, 14:00, 19:00 */
const START_HOURS = [9, 14, 19]

export interface ActivitySeedResult {
  activities: number
  registrations: number
}

export async function seedActivities(trx: Executor, now: Date): Promise<ActivitySeedResult> {
  const rand = mulberry32(20261205)
  const uuid = () => seededUuid(rand)
  const townships = (county: string) =>
    query(
      trx,
      sql<{ id: string; region_code: string }>`select id, region_code from organizations
        where parent_id = ${`cast-${county}`} and level = 'township' and status = 'established' order by id limit 4`,
    )
  const organisers: Array<{ orgId: string; region: string | null; district: (typeof DISTRICTS)[number] }> = []
  for (const d of DISTRICTS) {
    organisers.push({ orgId: `cast-${d.code}`, region: d.code, district: d }, { orgId: `cast-${d.code}`, region: d.code, district: d })
    for (const t of await townships(d.code)) organisers.push({ orgId: t.id, region: t.region_code, district: d })
  }
  const societies = (await query(trx, sql<{ id: string }>`select id from organizations where kind = 'society' order by id limit 12`)).map(
    (r) => r.id,
  )
  // demo members by county (the generated ones live in these five districts)
  const members = await query(
    trx,
    sql<{
      id: string
      region_code: string
    }>`select id, region_code from users where phone like '138000%' and region_code is not null order by phone`,
  )
  const membersIn = (county: string) => members.filter((m) => m.region_code.startsWith(county))

  const day = 86_400_000
  // midnight of today's Beijing day: the activities fall on Beijing days, whatever the server's zone
  const today = Date.parse(beijingDayStart(beijingDay(now)))
  type Planned = {
    id: string
    orgId: string
    region: string | null
    kind: Kind
    title: string
    venue: string
    starts: number
    ends: number
    opens: number
    closes: number
    capacity: number
    audience: string
    approval: number
    county: string
    fill: 'none' | 'near' | 'full'
  }
  const planned: Planned[] = []
  for (let i = 0; i < DEMO_ACTIVITIES; i++) {
    const bySociety = societies.length > 0 && rand() < 0.15
    const o = pick(rand, organisers)
    const kind = pick(rand, KINDS)
    const starts = today + (1 + Math.floor(rand() * 60)) * day + pick(rand, START_HOURS) * 3600_000
    const fill = rand() < 0.1 ? (rand() < 0.5 ? 'near' : 'full') : 'none'
    planned.push({
      id: uuid(),
      orgId: bySociety ? pick(rand, societies) : o.orgId,
      region: bySociety ? o.district.code : o.region,
      kind,
      title: `${o.district.name}·${pick(rand, TITLES[kind])}`,
      venue: pick(rand, o.district.venues),
      starts,
      ends: starts + (kind === 'training' ? 4 : 2) * 3600_000,
      opens: now.getTime() - Math.floor(rand() * 10) * day,
      closes: starts - 2 * 3600_000,
      capacity: fill === 'none' ? pick(rand, [30, 50, 80, 100, 200]) : pick(rand, [5, 8, 10]),
      audience: rand() < 0.2 ? 'members' : 'public',
      approval: rand() < 0.08 && fill === 'none' ? 1 : 0,
      county: o.district.code,
      fill,
    })
  }

  // registrations: nearly-full activities to capacity − 1, full ones to capacity + 2 (a waitlist); a few elsewhere
  const regs: Array<{ id: string; activity: Planned; userId: string; status: 'registered' | 'pending_approval' | 'waitlisted' }> = []
  for (const a of planned) {
    const pool = membersIn(a.county)
    // members-only activities get no seeded registrations (the demo members need not belong to the organiser)
    const want =
      a.audience === 'members' ? 0 : a.fill === 'near' ? a.capacity - 1 : a.fill === 'full' ? a.capacity + 2 : Math.floor(rand() * 4)
    const used = new Set<string>()
    for (let k = 0; k < want && used.size < pool.length; k++) {
      let m = pick(rand, pool)
      while (used.has(m.id)) m = pool[(pool.indexOf(m) + 1) % pool.length]!
      used.add(m.id)
      const taken = regs.filter((r) => r.activity === a && r.status !== 'waitlisted').length
      regs.push({
        id: uuid(),
        activity: a,
        userId: m.id,
        status: taken < a.capacity ? (a.approval ? 'pending_approval' : 'registered') : 'waitlisted',
      })
    }
  }

  const nextVersion = await reserveVersions(trx, planned.length + regs.length)
  const iso = (t: number) => new Date(t).toISOString()
  const nowIso = now.toISOString()
  const activities: Array<Row<'activities'>> = planned.map((a) => ({
    id: a.id,
    org_id: a.orgId,
    kind: a.kind,
    title: a.title,
    description: `${a.title}。欢迎广大科技工作者参加。`,
    venue_address: a.venue,
    hub_id: null,
    region_code: a.region,
    starts_at: iso(a.starts),
    ends_at: iso(a.ends),
    registration_opens_at: iso(a.opens),
    registration_closes_at: iso(a.closes),
    capacity: a.capacity,
    places_taken: regs.filter((r) => r.activity === a && r.status !== 'waitlisted').length,
    requires_approval: a.approval,
    audience: a.audience as 'members' | 'public',
    status: 'published',
    credit_hours: CREDIT_HOURS[a.kind],
    check_in_opens_minutes_before: CHECK_IN_OPENS[a.kind],
    created_by: null,
    created_at: nowIso,
    updated_at: nowIso,
    version: nextVersion(),
  }))
  const registrations: Array<Row<'registrations'>> = regs.map((r) => {
    const v = nextVersion()
    return {
      id: r.id,
      activity_id: r.activity.id,
      user_id: r.userId,
      status: r.status,
      seq: v,
      created_at: nowIso,
      updated_at: nowIso,
      version: v,
    }
  })
  await insertRows(trx, 'activities', activities)
  await insertRows(trx, 'registrations', registrations)
  return { activities: planned.length, registrations: regs.length }
}
