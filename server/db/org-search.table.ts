/**
 * The search document of one organisation (SQLite only, created by migration 0003 and kept in step
 * by triggers): what people type to find it, plus the columns search filters and ranks on.
 */
export interface OrgSearchDocTable {
  id: number
  org_id: string
  name: string
  short_name: string
  /** full region name, e.g. 北京市海淀区 */
  region_name: string
  kind: string
  region_code: string | null
  discipline: string | null
  /** national 0, province 1, city 2, county 3 (and no level), township 4 */
  level_rank: number
}
