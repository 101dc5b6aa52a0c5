/**
 * Cutting one pull page out of several version-ordered streams without skipping or repeating a
 * change across pages.
 *
 * Each stream was read with the same `limit`. A stream that returned `limit` rows is truncated: it
 * may hold more rows at its last version T and beyond. Below H = the smallest such T every stream is
 * complete, so candidates are the rows with version < H. The page is cut after whole version groups
 * (the next cursor is the page's last version, so a group split across pages would lose its rest).
 * When nothing lies below H — one stream's first `limit` rows all share version H — the caller must
 * fetch that whole group (`needGroup`) and deliver it as one page.
 */
export interface Versioned {
  version: number
}

export type PageCut<T> = { page: T[]; hasMore: boolean } | { needGroup: number }

export function cutPage<T extends Versioned>(streams: T[][], limit: number, order: (a: T, b: T) => number): PageCut<T> {
  let horizon = Infinity
  for (const s of streams) if (s.length >= limit && s.length > 0) horizon = Math.min(horizon, s[s.length - 1]!.version)
  const truncated = horizon !== Infinity
  const candidates = streams.flat().filter((c) => c.version < horizon)
  candidates.sort((a, b) => a.version - b.version || order(a, b))
  if (candidates.length === 0) return truncated ? { needGroup: horizon } : { page: [], hasMore: false }
  if (candidates.length <= limit) return { page: candidates, hasMore: truncated }
  const firstOut = candidates[limit]!.version
  let end = limit
  while (end > 0 && candidates[end - 1]!.version === firstOut) end--
  if (end === 0) {
    // the first version group alone is larger than the page: deliver it whole (progress first)
    const next = candidates.findIndex((c) => c.version !== firstOut)
    end = next === -1 ? candidates.length : next
  }
  return { page: candidates.slice(0, end), hasMore: true }
}
