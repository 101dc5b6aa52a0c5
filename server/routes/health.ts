import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from '../openapi'
import { access } from '../middleware/access'

export function healthRoutes() {
  const app = createRouter()
  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'getHealth',
      method: 'get',
      path: '/',
      tags: ['health'],
      summary: 'Liveness',
      responses: { 200: { description: 'up', content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } } } },
    }),
    (c) => c.json({ ok: true as const }, 200),
  )
  return app
}
