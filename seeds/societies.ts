/**
 * National societies (全国学会) by their real names and CAST discipline groups, from
 * seeds/data/national-societies.tsv (copied from the team's reference data; not CAST's complete
 * list of about 210 — an admin adds the rest).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Executor } from '../server/db/database'
import type { NewOrganization } from '../server/db/organization.table'
import { hashString } from './random'
import { reserveVersions } from './versions'
import { NATIONAL_CAST_ID } from './regions'

export interface SocietyRow {
  name: string
  discipline: string
}

export function readSocieties(): SocietyRow[] {
  const file = fileURLToPath(new URL('./data/national-societies.tsv', import.meta.url))
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n')
  if (header!.trim() !== 'name\tdiscipline_group') throw new Error('unexpected national-societies.tsv header')
  return lines.map((line) => {
    const [name, discipline] = line.split('\t').map((s) => s.trim())
    return { name: name!, discipline: discipline! }
  })
}

export const societyId = (index: number) => `society-${index + 1}`

/** The societies as organisation rows under 中国科协, for `insertOrganizations`. */
export async function seedSocieties(trx: Executor, now: string): Promise<NewOrganization[]> {
  const rows = readSocieties()
  const nextVersion = await reserveVersions(trx, rows.length)
  return rows.map((s, i) => ({
    id: societyId(i),
    kind: 'society',
    level: 'national',
    name: s.name,
    short_name: s.name.startsWith('中国') ? s.name.slice(2) : s.name,
    region_code: null,
    parent_id: NATIONAL_CAST_ID,
    discipline: s.discipline,
    status: 'established',
    join_policy: hashString(`society:${s.name}`) % 100 < 15 ? 'open' : 'approval',
    description: `${s.name}是中国科协所属全国学会（${s.discipline}），团结本学科科技工作者，开展学术交流、科学普及和人才举荐。本系统预置的全国学会名单来自公开资料，并非中国科协约210个全国学会的完整名单，管理员可补充其余学会。`,
    contact: `${s.name}秘书处`,
    created_at: now,
    version: nextVersion(),
  }))
}
