import { createRoute } from '@hono/zod-openapi'
import { OrgChildrenQuery, OrgDetail, OrgIdParam, OrgPage, OrgSearchQuery, OrgSuggestions } from '../../shared/schemas/organization'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { notFound } from '../errors'
import { currentUser } from '../middleware/session'
import { searchOrgIds } from '../db/search'
import {
  activeMemberCount,
  ancestorsOf,
  childrenOf,
  findOrgWithRegion,
  orgSummariesByIds,
  suggestionsFor,
  toOrgSummary,
} from '../db/organization.repository'

const badInput = { 400: refusal('invalid query') }

/** Public catalogue of organisations: search, the organisation page, and 我的组织 (logged in). */
export function orgRoutes({ db }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'searchOrgs',
      method: 'get',
      path: '/',
      tags: ['orgs'],
      summary: 'Search organisations (Chinese substrings; 1–2 character terms too); ranks the caller’s own region first',
      request: { query: OrgSearchQuery },
      responses: { 200: { description: 'one page of matches', ...json(OrgPage) }, ...badInput },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const { ids, total } = await searchOrgIds(db, { ...query, userRegion: c.get('user')?.region_code ?? null })
      return c.json({ items: await orgSummariesByIds(db, ids), total, page: query.page, pageSize: query.pageSize }, 200)
    },
  )

  // Registered before '/{id}' so "suggest" is never read as an organisation id.
  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'suggestOrgs',
      method: 'get',
      path: '/suggest',
      tags: ['orgs'],
      summary: '我的组织: the 科协 of the person’s region chain (most local first) and national societies of their discipline',
      responses: {
        200: { description: 'suggestions', ...json(OrgSuggestions) },
        401: refusal('not logged in'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      return c.json(await suggestionsFor(db, user.region_code, user.discipline), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'getOrg',
      method: 'get',
      path: '/{id}',
      tags: ['orgs'],
      summary: 'The organisation page: breadcrumbs to 中国科协, child 科协, attached organisations, member count, join policy',
      request: { params: OrgIdParam },
      responses: {
        200: { description: 'the organisation', ...json(OrgDetail) },
        ...badInput,
        404: refusal('no such organisation'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const row = await findOrgWithRegion(db, id)
      if (!row) throw notFound('organisation')
      const [breadcrumbs, children, localOrgs, memberCount] = await Promise.all([
        ancestorsOf(db, id),
        childrenOf(db, id, 'cast', 1, 100),
        childrenOf(db, id, 'other', 1, 100),
        activeMemberCount(db, id),
      ])
      return c.json(
        { ...toOrgSummary(row), description: row.description, contact: row.contact, memberCount, breadcrumbs, children, localOrgs },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'listOrgChildren',
      method: 'get',
      path: '/{id}/children',
      tags: ['orgs'],
      summary: 'More children of an organisation: its child-region 科协 (group=cast) or the organisations attached to it (group=other)',
      request: { params: OrgIdParam, query: OrgChildrenQuery },
      responses: {
        200: { description: 'one page of children', ...json(OrgPage) },
        ...badInput,
        404: refusal('no such organisation'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { group, page, pageSize } = c.req.valid('query')
      if (!(await findOrgWithRegion(db, id))) throw notFound('organisation')
      return c.json(await childrenOf(db, id, group, page, pageSize), 200)
    },
  )

  return app
}
