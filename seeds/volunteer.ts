/**
 * Demo volunteer services (issue 13): 300 active 科技志愿服务队 under the 科协 of the five demo
 * districts (北京海淀/朝阳, 上海浦东, 杭州西湖, 成都武侯: the county and its established townships,
 * 海淀 best covered), each with 1–3 services at a 新时代文明实践中心/所 or 党群服务中心 of its place and
 * a weekly shift from four weeks ago to four weeks ahead. Past shifts carry attendance (check-in and
 * out, hours approved by a leader, a few no-shows and walk-ins, the last days' hours still pending);
 * coming ones carry sign-ups, some full with a waitlist. A few proposed teams wait for an admin (one
 * under 中关村街道科协, for 赵中关). The demo leader 钱队长 leads 海淀区医疗健康科技志愿服务队, where 李思远
 * has approved hours and an upcoming shift. The volunteers are each district's generated members.
 * Deterministic (seeded PRNG, uuid-shaped ids from it), batched kysely inserts inside the seed's
 * transaction, one block of sync versions; runs after seedDemo (it reads the demo people).
 */
import type { Executor } from '../server/db/database'
import { insertRows, query, sql, type Row } from './write'
import { mulberry32, pick, seededUuid } from './random'
import { reserveVersions } from './versions'
import { castId } from './regions'
import { HAIDIAN, ZHONGGUANCUN } from './demo'
import { beijingDay, beijingDayStart } from '../shared/time/beijing'
import { computeMinutes } from '../shared/rules/volunteer'
import { VOLUNTEER_SKILLS, skillsToMask, type VolunteerSkill } from '../shared/schemas/volunteer'
import type { CheckInMethod } from '../shared/schemas/activity'

/** Active teams per district (county code); 300 in all. */
const DISTRICTS = [
  { code: HAIDIAN, teams: 95 },
  { code: '110105', teams: 65 },
  { code: '310115', teams: 80 },
  { code: '330106', teams: 25 },
  { code: '510107', teams: 35 },
] as const
export const DEMO_TEAMS = DISTRICTS.reduce((n, d) => n + d.teams, 0)
/** Teams proposed by members, waiting for an admin of their organisation. */
const PROPOSALS = 6
export const DEMO_LEADER_PHONE = '13800000009'
export const DEMO_TEAM_NAME = '海淀区医疗健康科技志愿服务队'
const DEMO_MEMBER_PHONE = '13800000006' // 李思远
const PROPOSER_PHONE = '13800000008' // 孙组织, an active member of 中关村街道科协

const TOPICS: Record<VolunteerSkill, { name: string; services: readonly string[] }> = {
  health: { name: '医疗健康', services: ['社区健康义诊', '慢性病防治科普讲座', '家庭健康咨询'] },
  agriculture: { name: '农业技术', services: ['农技田间课堂', '设施蔬菜种植技术指导', '阳台种植科普'] },
  science_explainer: { name: '科普讲解', services: ['周末科普讲解', '青少年科学实验课', '科普大篷车进社区'] },
  first_aid: { name: '应急救护', services: ['应急救护培训', '心肺复苏与AED使用培训', '防灾减灾科普宣传'] },
  it: { name: '信息技术', services: ['老年人智能手机使用辅导', '防范电信网络诈骗宣传', '数字技能公益课'] },
  education: { name: '教育辅导', services: ['课后科学辅导', '青少年科技创新辅导', '科学家精神进校园'] },
  environment: { name: '生态环保', services: ['垃圾分类科普宣传', '河湖巡护与水质监测', '低碳生活科普'] },
  elder_care: { name: '助老服务', services: ['银龄健康咨询', '老年人防跌倒宣教', '助老科技服务'] },
}
const FLAVOURS = ['', '', '', '青年', '银龄', '巾帼', '高校', '专家']
/** Beijing start (hour, minute) and length in minutes. */
const TIMES = [
  { h: 9, m: 0, len: 150 },
  { h: 9, m: 30, len: 180 },
  { h: 14, m: 0, len: 180 },
  { h: 14, m: 30, len: 120 },
  { h: 19, m: 0, len: 120 },
] as const
/** Weekdays (0 = Sunday) weighted towards the weekend. */
const WEEKDAYS = [6, 6, 6, 0, 0, 0, 1, 2, 3, 4, 5]
const WALK_IN_NAMES = ['王建华', '刘春华', '陈立新', '杨红梅', '赵国栋', '黄海燕']
const CANCEL_REASONS = ['场地临时占用，改期举行', '天气原因，本次暂停']
const CORRECTION = '签到设备故障，按实际服务时长更正'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WEEK = 7 * DAY

type Person = { id: string; region: string }
type Team = {
  id: string
  orgId: string
  name: string
  description: string
  region: string
  skills: VolunteerSkill[]
  status: 'active' | 'pending'
  minPercent: number
  cutoffHours: number
  createdBy: string | null
  created: number
  members: Array<{
    id: string
    userId: string
    role: 'leader' | 'co_leader' | 'member'
    status: 'active' | 'pending'
    mask: number
    created: number
  }>
}
type Service = { id: string; team: Team; title: string; venue: string; region: string; created: number }
type Shift = {
  id: string
  service: Service
  starts: number
  ends: number
  slots: number
  requiredMask: number
  seriesId: string
  cancelReason: string | null
  created: number
  signups: Signup[]
}
type Signup = {
  id: string
  userId: string | null
  walkInName: string | null
  status: 'signed_up' | 'waitlisted'
  source: 'self' | 'assigned' | 'walk_in'
  assignedBy: string | null
  confirmedAt: number | null
  checkedInAt: number | null
  checkedOutAt: number | null
  method: CheckInMethod | null
  checkedInBy: string | null
  noShow: boolean
  hours: 'none' | 'pending' | 'approved'
  minutes: number | null
  correction: string | null
  approvedBy: string | null
  approvedAt: number | null
  created: number
  updated: number
}

export interface VolunteerSeedResult {
  teams: number
  proposals: number
  teamMembers: number
  services: number
  shifts: number
  signups: number
}

export async function seedVolunteer(trx: Executor, now: Date): Promise<VolunteerSeedResult> {
  const rand = mulberry32(20261213)
  const uuid = () => seededUuid(rand)
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const t0 = now.getTime()
  const capNow = (t: number) => Math.min(t, t0)
  // midnight of today's Beijing day and its weekday: shifts fall on Beijing days whatever the server's zone
  const today = Date.parse(beijingDayStart(beijingDay(now)))
  const todayWeekday = new Date(today + 8 * HOUR).getUTCDay()

  const byPhone = async (phone: string) =>
    (await trx.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirstOrThrow()).id
  const leaderId = await byPhone(DEMO_LEADER_PHONE)
  const memberId = await byPhone(DEMO_MEMBER_PHONE)
  const proposerId = await byPhone(PROPOSER_PHONE)
  const people = await query(trx, sql<Person>`select id, region_code region from users where phone like '1380001%' order by phone`)
  // the districts' own regions (county and townships): code ranges, so the primary key answers
  const regionName = new Map<string, { code: string; name: string; full_name: string }>()
  for (const d of DISTRICTS)
    for (const r of await trx
      .selectFrom('regions')
      .select(['code', 'name', 'full_name'])
      .where('code', '>=', d.code)
      .where('code', '<', String(Number(d.code) + 1))
      .execute())
      regionName.set(r.code, r)
  const townshipsOf = (county: string) => [...regionName.keys()].filter((c) => c.length === 9 && c.startsWith(county)).sort()
  const establishedTownships = async (county: string) =>
    (
      await query(
        trx,
        sql<{ region_code: string }>`select region_code from organizations
          where parent_id = ${castId(county)} and level = 'township' and status = 'established' order by region_code`,
      )
    ).map((r) => r.region_code)

  const teams: Team[] = []
  const services: Service[] = []
  const shifts: Shift[] = []
  const names = new Set<string>()
  const skillMask = (main: VolunteerSkill) => {
    let m = rand() < 0.6 ? skillsToMask([main]) : 0
    for (let k = between(1, 2); k > 0; k--) m |= 1 << Math.floor(rand() * VOLUNTEER_SKILLS.length)
    return m
  }
  const teamName = (place: string, main: VolunteerSkill) => {
    for (;;) {
      const name = `${place}${pick(rand, FLAVOURS)}${TOPICS[main].name}${rand() < 0.6 ? '科技志愿服务队' : '志愿服务队'}`
      if (!names.has(name)) {
        names.add(name)
        return name
      }
    }
  }
  const blurb = (place: string, skills: VolunteerSkill[]) =>
    `由${place}的科技工作者组成，常年在新时代文明实践阵地开展${skills.map((s) => TOPICS[s].name).join('、')}等科技志愿服务。`
  const newTeam = (o: Omit<Team, 'id' | 'description' | 'minPercent' | 'cutoffHours' | 'created' | 'members'>, place: string): Team => ({
    ...o,
    id: uuid(),
    description: blurb(place, o.skills),
    minPercent: pick(rand, [50, 60, 60, 60, 70, 80]),
    cutoffHours: pick(rand, [12, 24, 24, 24, 48]),
    created: t0 - between(90, 700) * DAY,
    members: [],
  })
  const addMember = (team: Team, userId: string, role: Team['members'][number]['role'], status: 'active' | 'pending', mask: number) =>
    team.members.push({ id: uuid(), userId, role, status, mask, created: capNow(team.created + between(0, 60) * DAY) })

  /** A weekly series at a venue of the team's place, from up to four weeks ago to four weeks ahead. */
  const addService = (
    team: Team,
    title: string,
    at: { venue: string; region: string },
    when: { weekday: number; time: (typeof TIMES)[number]; first?: number; requiredMask?: number },
    slots: () => number,
  ) => {
    const { venue, region } = at
    const { weekday, time } = when
    const service: Service = { id: uuid(), team, title, venue, region, created: capNow(team.created + between(0, 30) * DAY) }
    services.push(service)
    let d = (weekday - todayWeekday + 7) % 7
    if (d > 3) d -= 7
    const first = when.first ?? (rand() < 0.2 ? between(-2, -1) : -4)
    const seriesId = uuid()
    const requiredMask = when.requiredMask ?? (rand() < 0.5 ? 0 : skillsToMask([pick(rand, team.skills)]))
    const created = capNow(today + (d + 7 * first) * DAY - 7 * DAY)
    for (let k = first; k <= 4; k++) {
      const starts = today + (d + 7 * k) * DAY + time.h * HOUR + time.m * MINUTE
      shifts.push({
        id: uuid(),
        service,
        starts,
        ends: starts + time.len * MINUTE,
        slots: slots(),
        requiredMask,
        seriesId,
        cancelReason: starts > t0 && rand() < 0.02 ? pick(rand, CANCEL_REASONS) : null,
        created,
        signups: [],
      })
    }
  }
  const venueFor = (county: string, township: string | null) => {
    const place = township ?? pick(rand, townshipsOf(county))
    const full = regionName.get(place)!.full_name
    const r = rand()
    if (!township && r < 0.3) return { venue: `${regionName.get(county)!.full_name}新时代文明实践中心`, region: county }
    return { venue: r < 0.65 ? `${full}新时代文明实践所` : `${full}党群服务中心`, region: place }
  }

  // The demo leader's team: 钱队长 leads, 李思远 and ten 海淀 volunteers serve, two wait for approval.
  const haidianPool = people.filter((p) => p.region.startsWith(HAIDIAN))
  const demoTeam = newTeam(
    {
      orgId: castId(HAIDIAN),
      name: DEMO_TEAM_NAME,
      region: HAIDIAN,
      skills: ['health', 'first_aid', 'elder_care'],
      status: 'active',
      createdBy: leaderId,
    },
    '海淀区',
  )
  names.add(DEMO_TEAM_NAME)
  teams.push(demoTeam)
  addMember(demoTeam, leaderId, 'leader', 'active', skillsToMask(['health', 'first_aid']))
  addMember(demoTeam, memberId, 'member', 'active', skillsToMask(['it', 'science_explainer']))
  haidianPool
    .slice(0, 12)
    .forEach((p, i) => addMember(demoTeam, p.id, i === 0 ? 'co_leader' : 'member', i < 10 ? 'active' : 'pending', skillMask('health')))
  const zhongguancun = regionName.get(ZHONGGUANCUN)!.full_name
  const at = (venue: string) => ({ venue: `${zhongguancun}${venue}`, region: ZHONGGUANCUN })
  addService(demoTeam, '社区健康义诊', at('新时代文明实践所'), { weekday: 6, time: TIMES[0], first: -4, requiredMask: 0 }, () => 8)
  const firstAid = skillsToMask(['first_aid'])
  addService(demoTeam, '应急救护培训', at('党群服务中心'), { weekday: 3, time: TIMES[4], first: -4, requiredMask: firstAid }, () => 6)

  for (const district of DISTRICTS) {
    const county = district.code
    const pool = people.filter((p) => p.region.startsWith(county))
    const towns = await establishedTownships(county)
    const countyName = regionName.get(county)!.name
    for (let i = district.code === HAIDIAN ? 1 : 0; i < district.teams; i++) {
      const township = rand() < 0.4 ? null : pick(rand, towns)
      const place = township ? regionName.get(township)!.name : countyName
      const main = pick(rand, VOLUNTEER_SKILLS)
      const skills = [...new Set<VolunteerSkill>([main, ...(rand() < 0.5 ? [pick(rand, VOLUNTEER_SKILLS)] : [])])]
      const team = newTeam(
        {
          orgId: castId(township ?? county),
          name: teamName(place, main),
          region: township ?? county,
          skills,
          status: 'active',
          createdBy: null,
        },
        place,
      )
      teams.push(team)
      // a partial shuffle of the district's members: the first n serve, one or two more may be asking to join
      const chosen = [...pool]
      const size = Math.min(chosen.length, between(3, 14))
      const asking = rand() < 0.25 ? between(1, 2) : 0
      for (let k = 0; k < Math.min(chosen.length, size + asking); k++) {
        const j = k + Math.floor(rand() * (chosen.length - k))
        ;[chosen[k], chosen[j]] = [chosen[j]!, chosen[k]!]
        const role = k === 0 ? 'leader' : k === 1 && rand() < 0.4 ? 'co_leader' : 'member'
        addMember(team, chosen[k]!.id, role, k < size ? 'active' : 'pending', skillMask(main))
      }
      for (let s = rand() < 0.6 ? 1 : rand() < 0.75 ? 2 : 3; s > 0; s--) {
        const skill = pick(rand, team.skills)
        const title = pick(rand, TOPICS[skill].services)
        addService(team, title, venueFor(county, township), { weekday: pick(rand, WEEKDAYS), time: pick(rand, TIMES) }, () =>
          between(3, 12),
        )
      }
    }
  }

  // Proposals: one under 中关村街道科协 (孙组织 is its active member), the rest under a county by one of its active members.
  const proposers = await query(
    trx,
    sql<{ id: string; org_id: string }>`select u.id, m.org_id from users u join memberships m on m.user_id = u.id
        where u.phone like '1380001%' and m.status = 'active' and m.org_id in (${sql.join(DISTRICTS.map((d) => castId(d.code)))})
        order by u.phone`,
  )
  for (let i = 0; i < PROPOSALS; i++) {
    const p = i === 0 ? { id: proposerId, org_id: castId(ZHONGGUANCUN) } : pick(rand, proposers)
    const region = p.org_id.slice('cast-'.length)
    const place = regionName.get(region)!.name
    const main: VolunteerSkill = i === 0 ? 'science_explainer' : pick(rand, VOLUNTEER_SKILLS)
    const name = i === 0 ? '中关村街道科普讲解志愿服务队' : teamName(place, main)
    names.add(name)
    const team = newTeam({ orgId: p.org_id, name, region, skills: [main], status: 'pending', createdBy: p.id }, place)
    team.created = t0 - between(1, 6) * DAY
    teams.push(team)
  }

  // Sign-ups: nobody on two overlapping shifts; past shifts attended, coming ones filling up.
  const busy = new Map<string, Array<[number, number]>>()
  // at most four shifts a week each, never two at once; shifts are filled in a shuffled order so no team comes last
  const weekly = new Map<string, number>()
  const weekKey = (userId: string, s: Shift) => `${userId}:${Math.floor((s.starts - today) / WEEK)}`
  const isFree = (userId: string, s: Shift) =>
    (weekly.get(weekKey(userId, s)) ?? 0) < 4 && !(busy.get(userId) ?? []).some(([a, b]) => a < s.ends && s.starts < b)
  const take = (userId: string, s: Shift) => {
    const mine = busy.get(userId)
    if (mine) mine.push([s.starts, s.ends])
    else busy.set(userId, [[s.starts, s.ends]])
    weekly.set(weekKey(userId, s), (weekly.get(weekKey(userId, s)) ?? 0) + 1)
  }
  const shuffled = [...shifts]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
  }
  // the demo leader has the latest past shift of each service to approve
  const lastPast = new Map<string, number>()
  for (const s of shifts)
    if (s.service.team === demoTeam && s.starts < t0) lastPast.set(s.service.id, Math.max(lastPast.get(s.service.id) ?? 0, s.starts))
  const blank = (id: string, created: number): Signup => ({
    id,
    userId: null,
    walkInName: null,
    status: 'signed_up',
    source: 'self',
    assignedBy: null,
    confirmedAt: null,
    checkedInAt: null,
    checkedOutAt: null,
    method: null,
    checkedInBy: null,
    noShow: false,
    hours: 'none',
    minutes: null,
    correction: null,
    approvedBy: null,
    approvedAt: null,
    created,
    updated: created,
  })
  for (const s of shuffled) {
    if (s.cancelReason) continue
    const team = s.service.team
    const active = team.members.filter((m) => m.status === 'active')
    const leaders = active.filter((m) => m.role !== 'member').map((m) => m.userId)
    const started = s.starts < t0
    const full = !started && active.length > s.slots && rand() < 0.12
    const want = full ? s.slots + between(1, 3) : Math.max(1, Math.round(s.slots * (started ? 0.4 + rand() * 0.5 : 0.1 + rand() * 0.5)))
    // 李思远 serves the demo team's Saturday clinic: the last four weeks and the next one
    const forced =
      team === demoTeam && s.service === services[0] && (started || s.starts - t0 < WEEK) ? active.filter((m) => m.userId === memberId) : []
    const order = [...forced, ...active.filter((m) => !forced.includes(m))]
    const offset = Math.floor(rand() * order.length)
    for (let k = 0; k < order.length && s.signups.length < want; k++) {
      const m = order[k < forced.length ? k : forced.length + ((k - forced.length + offset) % (order.length - forced.length))]!
      if (!isFree(m.userId, s)) continue
      take(m.userId, s)
      const holds = s.signups.length < s.slots
      const assigned = holds && rand() < 0.15
      const created = Math.max(s.created, capNow(s.starts - between(1, 14) * DAY))
      const confirms = holds && s.starts - t0 < 36 * HOUR && rand() < 0.6
      s.signups.push({
        ...blank(uuid(), created),
        userId: m.userId,
        status: holds ? 'signed_up' : 'waitlisted',
        source: assigned ? 'assigned' : 'self',
        assignedBy: assigned ? pick(rand, leaders) : null,
        confirmedAt: confirms ? Math.max(created, capNow(s.starts - between(12, 30) * HOUR)) : null,
      })
    }
    if (started && s.signups.length < s.slots && rand() < 0.05) {
      const created = capNow(s.starts + between(0, 20) * MINUTE)
      s.signups.push({ ...blank(uuid(), created), walkInName: pick(rand, WALK_IN_NAMES), source: 'walk_in' })
    }
    if (!started) continue
    // attendance: a few no-shows, check-in up to 30 min early, check-out around the end (or none)
    const ended = s.ends <= t0
    const pending = !ended || s.starts === lastPast.get(s.service.id) || s.ends > t0 - 3 * DAY
    for (const u of s.signups) {
      if (u.userId !== memberId && u.source !== 'walk_in' && rand() < 0.07) {
        u.noShow = true
        u.updated = capNow(s.starts + between(1, 24) * HOUR)
        continue
      }
      u.checkedInAt = u.source === 'walk_in' ? u.created : s.starts - between(0, 30) * MINUTE
      u.method = u.source === 'walk_in' ? 'walk_in' : pick(rand, ['card', 'card', 'card', 'member_no', 'phone'] as const)
      u.checkedInBy = pick(rand, leaders)
      u.checkedOutAt = ended && rand() > 0.05 ? capNow(s.ends + between(-20, 15) * MINUTE) : null
      const minutesOf = () =>
        computeMinutes({
          startsAt: new Date(s.starts).toISOString(),
          endsAt: new Date(s.ends).toISOString(),
          checkedInAt: new Date(u.checkedInAt!).toISOString(),
          checkedOutAt: u.checkedOutAt === null ? null : new Date(u.checkedOutAt).toISOString(),
          minAttendancePercent: team.minPercent,
        })
      let counted = minutesOf()
      if (counted.outcome !== 'counted') {
        u.checkedOutAt = s.ends
        counted = minutesOf()
      }
      u.minutes = counted.minutes
      u.hours = 'pending'
      u.updated = u.checkedOutAt ?? u.checkedInAt
      if (pending) continue
      u.hours = 'approved'
      u.approvedBy = pick(rand, leaders)
      u.approvedAt = capNow(s.ends + between(2, 48) * HOUR)
      u.updated = u.approvedAt
      if (rand() < 0.02) {
        u.minutes = Math.round((s.ends - s.starts) / MINUTE)
        u.correction = CORRECTION
      }
    }
  }

  // Insert everything with one block of versions, in dependency order (a sign-up's seq is its version).
  const signupCount = shifts.reduce((n, s) => n + s.signups.length, 0)
  const memberCount = teams.reduce((n, t) => n + t.members.length, 0)
  const nextVersion = await reserveVersions(trx, teams.length + memberCount + shifts.length + signupCount)
  const iso = (t: number) => new Date(t).toISOString()
  const isoOrNull = (t: number | null) => (t === null ? null : iso(t))
  const teamRows: Array<Row<'volunteer_teams'>> = []
  const memberRows: Array<Row<'team_members'>> = []
  for (const t of teams) {
    const active = t.members.filter((m) => m.status === 'active').length
    const at = iso(t.created)
    teamRows.push({
      id: t.id,
      org_id: t.orgId,
      name: t.name,
      description: t.description,
      region_code: t.region,
      skills_mask: skillsToMask(t.skills),
      status: t.status,
      min_attendance_percent: t.minPercent,
      cancel_cutoff_hours: t.cutoffHours,
      invite_hash: null,
      member_count: active,
      decision_reason: null,
      created_by: t.createdBy,
      created_at: at,
      updated_at: at,
      version: nextVersion(),
    })
    for (const m of t.members)
      memberRows.push({
        id: m.id,
        team_id: t.id,
        user_id: m.userId,
        role: m.role,
        status: m.status,
        skills_mask: m.mask,
        reason: null,
        created_at: iso(m.created),
        updated_at: iso(m.created),
        version: nextVersion(),
      })
  }
  const serviceRows: Array<Row<'volunteer_services'>> = services.map((v) => ({
    id: v.id,
    team_id: v.team.id,
    title: v.title,
    description: `${v.title}，${v.team.name}在${v.venue}开展。`,
    hub_id: null,
    venue_address: v.venue,
    region_code: v.region,
    status: 'active',
    created_by: v.team.members.find((m) => m.role === 'leader')!.userId,
    created_at: iso(v.created),
    updated_at: iso(v.created),
  }))
  const shiftRows: Array<Row<'shifts'>> = shifts.map((s) => ({
    id: s.id,
    service_id: s.service.id,
    team_id: s.service.team.id,
    region_code: s.service.region,
    starts_at: iso(s.starts),
    ends_at: iso(s.ends),
    slots: s.slots,
    places_taken: s.signups.filter((u) => u.status === 'signed_up').length,
    required_skills_mask: s.requiredMask,
    series_id: s.seriesId,
    status: s.cancelReason ? 'cancelled' : 'open',
    cancel_reason: s.cancelReason,
    created_at: iso(s.created),
    updated_at: iso(s.cancelReason ? capNow(s.starts - 2 * DAY) : s.created),
    version: nextVersion(),
  }))
  const signupRows: Array<Row<'shift_signups'>> = []
  for (const s of shifts)
    for (const u of s.signups) {
      const v = nextVersion()
      signupRows.push({
        id: u.id,
        shift_id: s.id,
        team_id: s.service.team.id,
        user_id: u.userId,
        walk_in_name: u.walkInName,
        status: u.status,
        source: u.source,
        seq: v,
        assigned_by: u.assignedBy,
        confirmed_at: isoOrNull(u.confirmedAt),
        checked_in_at: isoOrNull(u.checkedInAt),
        checked_out_at: isoOrNull(u.checkedOutAt),
        check_in_method: u.method,
        checked_in_by: u.checkedInBy,
        no_show: u.noShow ? 1 : 0,
        hours_status: u.hours,
        credited_minutes: u.minutes,
        correction_reason: u.correction,
        approved_by: u.approvedBy,
        approved_at: isoOrNull(u.approvedAt),
        created_at: iso(u.created),
        updated_at: iso(u.updated),
        version: v,
      })
    }
  await insertRows(trx, 'volunteer_teams', teamRows)
  await insertRows(trx, 'team_members', memberRows)
  await insertRows(trx, 'volunteer_services', serviceRows)
  await insertRows(trx, 'shifts', shiftRows)
  await insertRows(trx, 'shift_signups', signupRows)
  const proposals = teams.filter((t) => t.status === 'pending').length
  return {
    teams: teams.length - proposals,
    proposals,
    teamMembers: memberCount,
    services: services.length,
    shifts: shifts.length,
    signups: signupCount,
  }
}
