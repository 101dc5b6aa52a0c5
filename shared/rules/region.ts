/**
 * GB/T 2260 region codes nest by prefix: province 2 digits, city 4, county 6, township 9
 * (110108010 is in 110108, in 1101, in 11).
 */
const PREFIX_LENGTHS = [2, 4, 6, 9] as const

/**
 * The region codes from the province down to this one, the code itself last:
 * 110108010 → [11, 1101, 110108, 110108010]. Callers that want the most local first reverse it.
 */
export function regionChain(code: string): string[] {
  return PREFIX_LENGTHS.filter((n) => code.length >= n).map((n) => code.slice(0, n))
}

export const REGION_LEVELS = ['province', 'city', 'county', 'township'] as const
export type RegionLevelName = (typeof REGION_LEVELS)[number]
/** 0 province … 3 township: "at most county" is `levelRank(l) <= levelRank('county')`. */
export const levelRank = (level: RegionLevelName): number => REGION_LEVELS.indexOf(level)

/**
 * A placeholder level people never name, whose children stand in for it: the city entries 市辖区,
 * 县 and (自治区/省)直辖县级行政区划 of GB/T 2260, and a county that only repeats its city (东莞市 →
 * 东莞市, a city without counties). The picker and the chain of a place skip them: 北京市 → 海淀区.
 */
export function isPlaceholderRegion(name: string, level: RegionLevelName, parentName: string | null): boolean {
  if (level === 'city') return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划')
  return level === 'county' && name === parentName
}
