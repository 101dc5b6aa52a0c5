/**
 * The region picker's reads. Nodes are public and cacheable (the service worker keeps those browsed,
 * see vite.config.ts) and kept in memory for the visit, so going back up costs nothing; searches
 * are never stored.
 */
import { RegionNode, RegionSearchPage, type RegionLevel } from '../../../shared/schemas/region'
import { apiRequest } from '../../api/http'

const nodes = new Map<string, RegionNode>()
/** the service worker's cache of region answers (vite.config.ts runtimeCaching, same name) */
export const REGION_CACHE = 'regions'

/**
 * At logout: what this person browsed and searched for (where they live, in effect) does not stay
 * on a shared phone. The next person's picker loads the places again.
 */
export async function forgetBrowsedRegions(): Promise<void> {
  nodes.clear()
  await globalThis.caches?.delete(REGION_CACHE).catch(() => false)
}

export const regionApi = {
  /** The chain down to `code` and the places one tap below it; the provinces for null. */
  async node(code: string | null): Promise<RegionNode> {
    const key = code ?? ''
    const known = nodes.get(key)
    if (known) return known
    const node = await apiRequest('GET', code ? `/regions/${encodeURIComponent(code)}` : '/regions', RegionNode)
    nodes.set(key, node)
    return node
  },
  search: (q: string, maxLevel: RegionLevel) =>
    apiRequest('GET', `/regions/search?${new URLSearchParams({ q, maxLevel, pageSize: '20' })}`, RegionSearchPage),
  /** for tests: forget what this visit loaded */
  forget: () => nodes.clear(),
}
