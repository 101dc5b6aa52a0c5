import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { RegionCodeParam, RegionNode, RegionSearchPage, RegionSearchQuery } from '../../shared/schemas/region'
import type { AppDeps } from '../deps'
import type { AppEnv } from '../env'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { DomainError } from '../errors'
import { regionNode, searchRegions } from '../db/region.repository'

/**
 * Regions change once a year with GB/T 2260, and a node is public and the same for everyone:
 * shared caches and the service worker may keep it (a day fresh, a week stale while revalidating),
 * so the picker works offline for places already browsed. A search answer is not stored anywhere
 * (the app's default no-store): what a person typed says where they live, on a shared phone too.
 */
const PUBLIC_CACHE = 'public, max-age=86400, stale-while-revalidate=604800'
const cacheable = (c: Context<AppEnv>) => c.header('Cache-Control', PUBLIC_CACHE)

const badCode = { 400: refusal('malformed (invalid_region) or unknown (unknown_region) region code') }

/** The region picker's reads: the places one tap below a place, and the search by name or pinyin. */
export function regionRoutes({ db }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'listProvinces',
      method: 'get',
      path: '/',
      tags: ['regions'],
      summary: 'The provinces: the first level of the region picker',
      responses: { 200: { description: 'the provinces (an empty chain)', ...json(RegionNode) } },
    }),
    async (c) => {
      cacheable(c)
      return c.json((await regionNode(db, null))!, 200)
    },
  )

  // Registered before '/{code}'; a code is digits only, so "search" could not be one anyway.
  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'searchRegions',
      method: 'get',
      path: '/search',
      tags: ['regions'],
      summary: 'Places whose name, pinyin or pinyin initials start with q (海淀, haidian, hd), larger places first',
      request: { query: RegionSearchQuery },
      responses: { 200: { description: 'one page of places with their chains', ...json(RegionSearchPage) }, 400: refusal('invalid query') },
    }),
    async (c) => {
      return c.json(await searchRegions(db, c.req.valid('query')), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'getRegion',
      method: 'get',
      path: '/{code}',
      tags: ['regions'],
      summary: 'A place: its chain from the province (placeholder levels such as 市辖区 left out) and the places one tap below it',
      request: { params: RegionCodeParam },
      responses: { 200: { description: 'the place and its children', ...json(RegionNode) }, ...badCode },
    }),
    async (c) => {
      const { code } = c.req.valid('param')
      const node = await regionNode(db, code)
      if (!node) throw new DomainError('unknown_region', `there is no region ${code}`)
      cacheable(c)
      return c.json(node, 200)
    },
  )

  return app
}
