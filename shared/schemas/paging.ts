/**
 * The one paging shape of the REST lists: `page` (1-based) and `pageSize` in the query; the page
 * answered with its `items` and the `page`/`pageSize` used, plus either `total` (lists that count,
 * for a pager) or `hasMore` (lists that read one row past the page instead of counting).
 * Sync pull and card revocations page by a version cursor instead (shared/schemas/sync.ts, card.ts):
 * they follow a stream of changes, not a sorted list.
 */
import { z } from 'zod'

/** Query fields to spread into a list's query object; a missing value takes the default. */
export function pageQuery(o: { maxPageSize: number; defaultPageSize: number; maxPage?: number }) {
  return {
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(o.maxPage ?? 1000)
      .default(1),
    pageSize: z.coerce.number().int().min(1).max(o.maxPageSize).default(o.defaultPageSize),
  }
}

/** The rows to skip for a page. */
export const pageOffset = (p: { page: number; pageSize: number }): number => (p.page - 1) * p.pageSize

/** A page of a list that counts its matches. */
export const countedPage = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })

/** A page of a list that says only whether more follow. */
export const openPage = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean() })
