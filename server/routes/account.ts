import { createRoute } from '@hono/zod-openapi'
import { AccountExport, DeleteAccountInput, DeleteAccountResult } from '../../shared/schemas/account'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { DomainError } from '../errors'
import { clearSessionCookie, currentUser } from '../middleware/session'
import { verifyPassword } from '../domain/passwords'
import { exportAccount } from '../domain/account-export'
import { deleteAccount } from '../domain/account-delete'
import { audit } from '../domain/audit'
import type { LimitKey } from '../db/rate-limit.repository'
import { limiter } from '../domain/attempts'
import { writeTransaction } from '../db/transaction'

/** The person's own data: export it all, or delete the account (PIPL arts. 45 and 47). */
export function accountRoutes(deps: AppDeps) {
  const { db, clock, config } = deps
  const limits = limiter(deps)
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'exportMyAccount',
      method: 'get',
      path: '/export',
      tags: ['me'],
      summary: 'Download everything the server holds about me, as a JSON attachment (audited)',
      responses: {
        200: { description: 'the export', ...json(AccountExport) },
        401: refusal('not logged in'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const now = clock.now()
      const body = await writeTransaction(db, async (trx) => {
        const data = await exportAccount(trx, user.id, now)
        const counts = Object.fromEntries(Object.entries(data.sections).map(([k, v]) => [k, v.length]))
        await audit(trx, { actorId: user.id, action: 'account.export', target: user.id, detail: { counts }, at: now })
        return data
      })
      c.header('Content-Disposition', `attachment; filename="scientists-home-export-${now.toISOString().slice(0, 10)}.json"`)
      return c.json(body, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'deleteMyAccount',
      method: 'post',
      path: '/delete',
      tags: ['me'],
      summary: 'Delete my account (asks for the password); the answer states what was kept, anonymised, and why',
      request: { body: { required: true, ...json(DeleteAccountInput) } },
      responses: {
        200: { description: 'deleted; this device is logged out', ...json(DeleteAccountResult) },
        400: refusal('invalid input'),
        401: refusal('not logged in, or wrong password'),
        429: refusal('too many wrong passwords'),
        503: refusal('too many passwords being checked at once; Retry-After says when to try again'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { password } = c.req.valid('json')
      const keys: LimitKey[] = [[`delete:user:${user.id}`, config.loginLimitPerAccount]]
      const hashing = await limits.take(c, keys, `user:${user.id}`) // counted before hashing: at most the limit is checked per window
      const ok = await hashing(async () => (await verifyPassword(password, user.password_hash, config.scryptN)).ok)
      if (!ok) throw new DomainError('bad_credentials', 'the password is wrong')
      const result = await writeTransaction(db, (trx) => deleteAccount(trx, user, clock.now()))
      clearSessionCookie(c, config.secureCookies)
      return c.json(result, 200)
    },
  )

  return app
}
