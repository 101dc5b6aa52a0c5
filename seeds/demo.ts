/**
 * Demo accounts for every role, generated deterministically (seeded PRNG) so a fresh `npm start`
 * shows a living portal and tests are repeatable. Phone numbers are in the 1380000xxxx /
 * 1380001xxxx series: valid in format, obviously not real people's.
 */
import type { MembershipRole } from '../shared/schemas/membership'
import type { Executor } from '../server/db/database'
import { insertRows, query, sql, type Row } from './write'
import { hashString, mulberry32, pick, seededUuid } from './random'
import { reserveVersions } from './versions'
import { castId } from './regions'
import type { DemoLogin } from './index'

export const DEMO_PASSWORD = 'Demo-2026!'
export const HAIDIAN = '110108'
export const ZHONGGUANCUN = '110108011'

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '建国',
  '志强',
  '海燕',
  '晓东',
  '文博',
  '思远',
  '雨欣',
  '子涵',
  '浩然',
  '欣怡',
  '宇航',
  '嘉怡',
  '俊杰',
  '国栋',
  '立新',
  '红梅',
  '春华',
]
const DISCIPLINES = ['理科', '工科', '农科', '医科', '交叉'] as const
const EMPLOYERS = [
  '中国科学院',
  '清华大学',
  '北京大学',
  '北京市农林科学院',
  '中国农业大学',
  '北京协和医院',
  '中关村某科技公司',
  '北京市第一中学',
  '海淀区农业技术推广站',
  '北京理工大学',
]

interface NamedAccount {
  role: string
  phone: string
  name: string
  note: string
  systemRole?: 'member' | 'system_admin'
  discipline?: string
  region: string
  /** memberships: [org id, status, role] */
  memberships: Array<[string, 'active' | 'pending', MembershipRole]>
}

export const DEMO_ACCOUNTS: NamedAccount[] = [
  {
    role: 'system_admin',
    phone: '13800000001',
    name: '周立群',
    note: '系统管理员 / system admin (/admin)',
    systemRole: 'system_admin',
    region: '11',
    memberships: [],
  },
  {
    role: 'society_admin',
    phone: '13800000002',
    name: '陈光远',
    note: '中国物理学会 管理员 (/admin)',
    discipline: '理科',
    region: '110108',
    memberships: [['society-2', 'active', 'admin']],
  },
  {
    role: 'province_admin',
    phone: '13800000003',
    name: '刘京华',
    note: '北京市科协 管理员 (/admin)',
    region: '11',
    memberships: [['cast-11', 'active', 'admin']],
  },
  {
    role: 'county_admin',
    phone: '13800000004',
    name: '王海淀',
    note: '海淀区科协 管理员 (/admin)',
    region: HAIDIAN,
    memberships: [[castId(HAIDIAN), 'active', 'admin']],
  },
  {
    role: 'township_admin',
    phone: '13800000005',
    name: '赵中关',
    note: '中关村街道科协 管理员 (/admin)',
    region: ZHONGGUANCUN,
    memberships: [[castId(ZHONGGUANCUN), 'active', 'admin']],
  },
  {
    role: 'member',
    phone: '13800000006',
    name: '李思远',
    note: '会员：海淀区科协（已入会）',
    discipline: '工科',
    region: ZHONGGUANCUN,
    memberships: [[castId(HAIDIAN), 'active', 'member']],
  },
  {
    role: 'applicant',
    phone: '13800000007',
    name: '张雨欣',
    note: '申请人：海淀区科协（审核中）',
    discipline: '医科',
    region: HAIDIAN,
    memberships: [[castId(HAIDIAN), 'pending', 'member']],
  },
  {
    role: 'organiser',
    phone: '13800000008',
    name: '孙组织',
    note: '中关村街道科协 活动组织者 (/admin/activities)',
    discipline: '理科',
    region: ZHONGGUANCUN,
    memberships: [[castId(ZHONGGUANCUN), 'active', 'organiser']],
  },
  {
    // leads 海淀区医疗健康科技志愿服务队 (seeds/volunteer.ts)
    role: 'team_leader',
    phone: '13800000009',
    name: '钱队长',
    note: '志愿服务队队长 (/lead)',
    discipline: '医科',
    region: ZHONGGUANCUN,
    memberships: [[castId(HAIDIAN), 'active', 'member']],
  },
]

export const GENERATED_MEMBERS = 200

export interface DemoSeedResult {
  logins: DemoLogin[]
  accounts: number
  memberships: number
}

/** Inserts the demo accounts and their memberships; `passwordHash` is computed once by the caller. */
export async function seedDemo(trx: Executor, now: Date, passwordHash: string): Promise<DemoSeedResult> {
  const rand = mulberry32(20261128)
  const iso = now.toISOString()
  const validUntil = new Date(now.getTime() + 365 * 86_400_000).toISOString()
  const year = now.getUTCFullYear()
  // Deterministic ids: a uuid-shaped value from the PRNG, so two fresh databases agree.
  const uuid = () => seededUuid(rand)

  // Generated members live in the townships and counties of a few real districts.
  const regions = (
    await query(
      trx,
      sql<{ code: string }>`select r.code from regions r join organizations o on o.id = 'cast-' || r.code
              where (r.code like '110108%' or r.code like '110105%' or r.code like '310115%' or r.code like '330106%' or r.code like '510107%')
                and r.level in ('county', 'township') and o.status = 'established' order by r.code`,
    )
  ).map((r) => r.code)

  const accounts: NamedAccount[] = [...DEMO_ACCOUNTS]
  for (let i = 0; i < GENERATED_MEMBERS; i++) {
    const region = pick(rand, regions)
    const county = region.slice(0, 6)
    const status = rand() < 0.8 ? 'active' : 'pending'
    const extra: NamedAccount['memberships'] = rand() < 0.3 ? [[`society-${1 + Math.floor(rand() * 40)}`, 'active', 'member']] : []
    accounts.push({
      role: 'member',
      phone: `1380001${String(i).padStart(4, '0')}`,
      name: pick(rand, [...SURNAMES]) + pick(rand, GIVEN),
      note: '',
      discipline: pick(rand, DISCIPLINES),
      region,
      memberships: [[castId(county), status, 'member'], ...extra],
    })
  }

  const membershipCount = accounts.reduce((n, a) => n + a.memberships.length, 0)
  const nextVersion = await reserveVersions(trx, accounts.length + membershipCount)
  const users: Array<Row<'users'>> = []
  const memberships: Array<Row<'memberships'>> = []
  let memberNo = 0
  for (const a of accounts) {
    const userId = uuid()
    const employer = EMPLOYERS[hashString(a.phone) % EMPLOYERS.length]!
    users.push({
      id: userId,
      phone: a.phone,
      name: a.name,
      password_hash: passwordHash,
      region_code: a.region,
      discipline: a.discipline ?? null,
      employer,
      title: null,
      bio: null,
      system_role: a.systemRole ?? 'member',
      privacy_consent_at: iso,
      created_at: iso,
      updated_at: iso,
      version: nextVersion(),
    })
    for (const [orgId, status, role] of a.memberships) {
      const active = status === 'active'
      const no = active ? `KX${year}${String(++memberNo).padStart(8, '0')}` : null
      memberships.push({
        id: uuid(),
        user_id: userId,
        org_id: orgId,
        status,
        role,
        member_no: no,
        reason: null,
        valid_until: active ? validUntil : null,
        created_at: iso,
        updated_at: iso,
        version: nextVersion(),
      })
    }
  }
  await insertRows(trx, 'users', users)
  await insertRows(trx, 'memberships', memberships)
  const logins = DEMO_ACCOUNTS.map(({ role, phone, name, note }) => ({ role, phone, name, note }))
  return { logins, accounts: accounts.length, memberships: membershipCount }
}
