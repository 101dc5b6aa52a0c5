import { createRoute } from '@hono/zod-openapi'
import { Me } from '../../shared/schemas/user'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { toMe } from '../domain/me'

export function meRoutes({ db }: AppDeps) {
  const app = createRouter()
  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getMe',
      method: 'get',
      path: '/',
      tags: ['me'],
      summary: 'The logged-in person (phone unmasked: it is their own)',
      responses: {
        200: { description: 'the person', ...json(Me) },
        401: refusal('not logged in'),
      },
    }),
    async (c) => c.json(await toMe(db, currentUser(c).id), 200),
  )
  return app
}
