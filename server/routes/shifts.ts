/**
 * `/api/shifts`: the public side of volunteer shifts — open shifts near the caller (or a region),
 * optionally matching skills. Signing up goes through the sync engine (`shift.signUp`).
 */
import { createRoute } from '@hono/zod-openapi'
import { OpenShiftPage, OpenShiftQuery } from '../../shared/schemas/volunteer'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { openShifts } from '../domain/volunteer-shifts'

export function shiftRoutes({ db, clock }: AppDeps) {
  const app = createRouter()
  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'listOpenShifts',
      method: 'get',
      path: '/open',
      tags: ['volunteer'],
      summary: 'Open shifts with places left that have not started, of active teams: near the caller or a region, by skills',
      request: { query: OpenShiftQuery },
      responses: {
        200: { description: 'one page, soonest first', ...json(OpenShiftPage) },
        400: refusal('invalid input, or near=1 without a region'),
      },
    }),
    async (c) => c.json(await openShifts(db, c.get('user') ?? null, c.req.valid('query'), clock.now()), 200),
  )
  return app
}
