import { createRoute } from '@hono/zod-openapi'
import { AuditPage, AuditQuery } from '../../shared/schemas/account'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { auditPage } from '../domain/audit'

/** The audit log, for system admins only (org admins see their own organisations' records elsewhere). */
export function auditRoutes({ db }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.systemAdmin,
      operationId: 'listAuditEntries',
      method: 'get',
      path: '/',
      tags: ['admin'],
      summary: 'Audit log entries, newest first, filtered by action, actor and organisation',
      request: { query: AuditQuery },
      responses: {
        200: { description: 'one page', ...json(AuditPage) },
        400: refusal('invalid filter'),
        401: refusal('not logged in'),
        403: refusal('not a system administrator'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const { items, total } = await auditPage(db, q)
      return c.json({ items, total, page: q.page, pageSize: q.pageSize }, 200)
    },
  )
  return app
}
