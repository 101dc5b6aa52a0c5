/**
 * A few organisations of every other kind in the glossary, placed in real regions under the local
 * 科协 — enough for browsing and search to mean something on a fresh start.
 */
import type { Executor } from '../server/db/database'
import type { NewOrganization } from '../server/db/organization.table'
import { reserveVersions } from './versions'
import { castId, NATIONAL_CAST_ID } from './regions'

type Kind = 'enterprise' | 'park' | 'campus' | 'agritech' | 'community' | 'party_school'
/** [kind, name, region code (null = national), join policy] */
const ORGS: Array<[Kind, string, string | null, 'open' | 'approval']> = [
  ['enterprise', '华为技术有限公司科学技术协会', '440307', 'approval'],
  ['enterprise', '中国石油化工集团有限公司科学技术协会', '110105', 'approval'],
  ['enterprise', '国家电网有限公司科学技术协会', '110102', 'approval'],
  ['enterprise', '中国航天科技集团有限公司科学技术协会', '110108', 'approval'],
  ['enterprise', '比亚迪股份有限公司科学技术协会', '440307', 'approval'],
  ['enterprise', '海尔集团科学技术协会', '370212', 'approval'],
  ['enterprise', '中国商用飞机有限责任公司科学技术协会', '310115', 'approval'],
  ['enterprise', '腾讯科技（深圳）有限公司科学技术协会', '440305', 'open'],
  ['park', '中关村科技园区科学技术协会', '110108', 'open'],
  ['park', '上海张江高科技园区科学技术协会', '310115', 'open'],
  ['park', '武汉东湖新技术开发区科学技术协会', '420111', 'open'],
  ['park', '苏州工业园区科学技术协会', '320576', 'open'],
  ['park', '深圳市南山区科技园科学技术协会', '440305', 'open'],
  ['park', '杭州高新技术产业开发区科学技术协会', '330108', 'open'],
  ['campus', '清华大学科学技术协会', '110108', 'approval'],
  ['campus', '北京大学科学技术协会', '110108', 'approval'],
  ['campus', '中国科学院大学科学技术协会', '110105', 'approval'],
  ['campus', '浙江大学科学技术协会', '330106', 'approval'],
  ['campus', '华中科技大学科学技术协会', '420111', 'approval'],
  ['campus', '四川大学科学技术协会', '510107', 'approval'],
  ['campus', '西安交通大学科学技术协会', '610113', 'approval'],
  ['campus', '复旦大学科学技术协会', '310110', 'approval'],
  ['agritech', '寿光市蔬菜产业农村专业技术协会', '370783', 'open'],
  ['agritech', '赣南脐橙产业农村专业技术协会', '360702', 'open'],
  ['agritech', '五常市水稻种植农村专业技术协会', '230184', 'open'],
  ['agritech', '安溪县茶叶农村专业技术协会', '350524', 'open'],
  ['agritech', '洛川县苹果产业农村专业技术协会', '610629', 'open'],
  ['agritech', '通江县银耳农村专业技术协会', '511921', 'open'],
  ['agritech', '大兴区西瓜农村专业技术协会', '110115', 'open'],
  ['community', '海淀区中关村街道社区科普协会', '110108011', 'open'],
  ['community', '朝阳区望京街道社区科普协会', '110105026', 'open'],
  ['community', '浦东新区陆家嘴街道社区科普协会', '310115005', 'open'],
  ['community', '武侯区玉林街道社区科普协会', '510107005', 'open'],
  ['community', '西湖区北山街道社区科普协会', '330106002', 'open'],
  ['community', '南岗区花园街道社区科普协会', '230103001', 'open'],
  ['party_school', '中国科协党校', null, 'approval'],
  ['party_school', '中国科协党校中国计算机学会分校', null, 'approval'],
  ['party_school', '中国科协党校中华医学会分校', null, 'approval'],
  ['party_school', '北京市科协党校', '11', 'approval'],
  ['party_school', '上海市科协党校', '31', 'approval'],
  ['party_school', '广东省科协党校', '44', 'approval'],
  ['party_school', '四川省科协党校', '51', 'approval'],
]

const DESCRIPTIONS: Record<Kind, string> = {
  enterprise: '企业科协，组织本企业科技人员开展技术创新、学术交流和科普活动。',
  park: '园区科协，服务园区企业与科技工作者，促进产学研协同和成果转化。',
  campus: '高校科协，联系本校教师和科研人员，组织学术交流、科普和青年人才培养。',
  agritech: '农村专业技术协会，组织农民和农技人员开展技术培训、良种推广和产销服务。',
  community: '社区科普协会，在社区开展科普讲座、科学实验和科技志愿服务。',
  party_school: '党校，面向科技工作者开设党的理论和科技政策课程。',
}

/** These organisations as rows under their region's 科协, for `insertOrganizations`. */
export async function seedOtherOrganizations(trx: Executor, now: string): Promise<NewOrganization[]> {
  const wanted = [...new Set(ORGS.flatMap(([, , region]) => (region ? [region] : [])))]
  const known = new Set((await trx.selectFrom('regions').select('code').where('code', 'in', wanted).execute()).map((r) => r.code))
  const nextVersion = await reserveVersions(trx, ORGS.length)
  const counters = new Map<Kind, number>()
  return ORGS.map(([kind, name, region, policy]) => {
    if (region && !known.has(region)) throw new Error(`seed organisation ${name}: unknown region ${region}`)
    const n = (counters.get(kind) ?? 0) + 1
    counters.set(kind, n)
    return {
      id: `${kind}-${n}`,
      kind,
      level: null,
      name,
      short_name: name.replace('科学技术协会', '科协').replace('农村专业技术协会', '农技协'),
      region_code: region,
      parent_id: region ? castId(region) : NATIONAL_CAST_ID,
      discipline: null,
      status: 'established',
      join_policy: policy,
      description: DESCRIPTIONS[kind],
      contact: `${name}秘书处`,
      created_at: now,
      version: nextVersion(),
    }
  })
}
