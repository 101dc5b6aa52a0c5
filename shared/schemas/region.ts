/**
 * Regions (GB/T 2260 administrative divisions) as the region picker reads them: a node (the chain
 * from the province down to a place, and the places one tap below it) and the search by name or
 * pinyin. Placeholder levels (市辖区, 县 …; shared/rules/region.ts) never appear: their children
 * stand directly under the level above.
 */
import { z } from 'zod'
import { REGION_LEVELS } from '../rules/region'
import { RegionCode } from './user'
import { openPage, pageQuery } from './paging'

export const RegionLevel = z.enum(REGION_LEVELS)
export type RegionLevel = z.infer<typeof RegionLevel>

export const RegionItem = z.object({ code: z.string(), name: z.string(), level: RegionLevel })
export type RegionItem = z.infer<typeof RegionItem>

/** `GET /api/regions` (the provinces, empty chain) and `GET /api/regions/{code}`. */
export const RegionNode = z.object({
  /** the place and the places above it, province first, placeholders left out; empty for the country */
  chain: z.array(RegionItem),
  /** the places one tap below, in code order (a placeholder's children in its stead) */
  children: z.array(RegionItem),
})
export type RegionNode = z.infer<typeof RegionNode>

export const RegionCodeParam = z.object({ code: RegionCode })

/** A search hit with its chain, so 朝阳区 of 北京市 and 朝阳市 of 辽宁省 can be told apart. */
export const RegionPlace = RegionItem.extend({ chain: z.array(RegionItem) })
export type RegionPlace = z.infer<typeof RegionPlace>

/** What a search box may hold: Chinese characters, pinyin (with spaces or apostrophes) or its initials. */
export const REGION_QUERY_MAX = 40
export const RegionSearchQuery = z.object({
  q: z.string().trim().min(1).max(REGION_QUERY_MAX),
  /** leave out places below this level (a filter by county does not offer townships) */
  maxLevel: RegionLevel.default('township'),
  ...pageQuery({ maxPageSize: 30, defaultPageSize: 20, maxPage: 20 }),
})
export type RegionSearchQuery = z.infer<typeof RegionSearchQuery>
export const RegionSearchPage = openPage(RegionPlace)
export type RegionSearchPage = z.infer<typeof RegionSearchPage>

/**
 * The search key of a query: lower case, without spaces, apostrophes and the tone marks of pinyin;
 * ü typed as v (how pinyin keyboards type it). Names keep their characters.
 */
export function regionSearchKey(q: string): string {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f\s'’·-]/g, '')
    .normalize('NFC')
}
