import { z } from 'zod'
import { Discipline, RegionCode } from './user'
import { countedPage, pageQuery } from './paging'

export const OrgKind = z.enum(['cast', 'society', 'enterprise', 'park', 'campus', 'agritech', 'community', 'party_school'])
export type OrgKind = z.infer<typeof OrgKind>
export const OrgLevel = z.enum(['national', 'province', 'city', 'county', 'township'])
export type OrgLevel = z.infer<typeof OrgLevel>
export const OrgStatus = z.enum(['established', 'not_established'])
export type OrgStatus = z.infer<typeof OrgStatus>
export const JoinPolicy = z.enum(['open', 'approval'])
export type JoinPolicy = z.infer<typeof JoinPolicy>

/** Organisation ids are short ASCII slugs (cast-110108, society-12, park-zgc). */
export const OrgId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'organisation id is a short lowercase slug')

/** `GET /api/orgs` query. An empty q lists by rank (filters still apply). */
export const OrgSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .max(40, 'q is at most 40 characters')
    // control characters (NUL…) mean nothing in a search box and would reach FTS5 as raw bytes
    .refine((q) => !/\p{Cc}/u.test(q.replace(/[\t\n\r]/g, ' ')), 'q must not contain control characters')
    .default(''),
  kind: OrgKind.optional(),
  region: RegionCode.optional(),
  discipline: Discipline.optional(),
  ...pageQuery({ maxPageSize: 50, defaultPageSize: 20 }),
})
export type OrgSearchQuery = z.infer<typeof OrgSearchQuery>

/** What lists show of an organisation. */
export const OrgSummary = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: OrgKind,
  level: OrgLevel.nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  parentId: z.string().nullable(),
  discipline: z.string().nullable(),
  status: OrgStatus,
  joinPolicy: JoinPolicy,
})
export type OrgSummary = z.infer<typeof OrgSummary>

export const OrgPage = countedPage(OrgSummary)
export type OrgPage = z.infer<typeof OrgPage>

export const Breadcrumb = z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() })
export type Breadcrumb = z.infer<typeof Breadcrumb>

/** The organisation page: where it sits (breadcrumbs from 中国科协 down to its parent), what hangs below it. */
export const OrgDetail = OrgSummary.extend({
  description: z.string().nullable(),
  contact: z.string().nullable(),
  memberCount: z.number().int(),
  breadcrumbs: z.array(Breadcrumb),
  /** 科协 of the child regions (first page; more via /children?group=cast) */
  children: OrgPage,
  /** the other organisations attached here: societies, enterprise, park, campus, agritech, community, party school */
  localOrgs: OrgPage,
})
export type OrgDetail = z.infer<typeof OrgDetail>

export const OrgIdParam = z.object({ id: OrgId })

export const OrgChildrenQuery = z.object({
  group: z.enum(['cast', 'other']).default('cast'),
  ...pageQuery({ maxPageSize: 200, defaultPageSize: 100 }),
})
export type OrgChildrenQuery = z.infer<typeof OrgChildrenQuery>

/** 我的组织: the person's local 科协 chain, most local first, and national societies of their discipline. */
export const OrgSuggestions = z.object({
  local: z.array(OrgSummary),
  societies: z.array(OrgSummary),
})
export type OrgSuggestions = z.infer<typeof OrgSuggestions>
