import { createRoute, z } from '@hono/zod-openapi'
import { AuditPage, AuditQuery } from '../../shared/schemas/account'
import { ErrorBody } from '../../shared/schemas/common'
import type { AppDeps } from '../deps'
import { createRouter } from '../openapi'
import { access } from '../middleware/access'
import { auditPage } from '../domain/audit'

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })

/** The audit log, for system admins only (org admins see their own organisations' records elsewhere). */
export function auditRoutes({ db }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.systemAdmin, operationId: 'listAuditEntries',
      method: 'get',
      path: '/',
      tags: ['admin'],
      summary: 'Audit log entries, newest first, filtered by action, actor and organisation',
      request: { query: AuditQuery },
      responses: {
        200: { description: 'one page', ...json(AuditPage) },
        400: { description: 'invalid filter', ...json(ErrorBody) },
        401: { description: 'not logged in', ...json(ErrorBody) },
        403: { description: 'not a system administrator', ...json(ErrorBody) },
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
