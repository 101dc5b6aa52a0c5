import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../errors'
import type { AppEnv } from '../env'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF guard for a cookie-authenticated JSON API: a state-changing request must carry a JSON body
 * (415 otherwise — HTML forms cannot send one cross-site) and, when the browser says where it comes
 * from, come from our own origin.
 */
export const csrfGuard = (allowedOrigins: string[] = []): MiddlewareHandler<AppEnv> =>
  async function csrfGuard(c, next) {
    if (!SAFE.has(c.req.method)) {
      const type = c.req.header('content-type') ?? ''
      const hasBody = c.req.header('content-length') !== '0' && (c.req.header('content-length') || c.req.header('transfer-encoding') || type)
      if (hasBody && !/^application\/json\b/i.test(type)) {
        throw new DomainError('unsupported_media_type', 'send the request body as application/json')
      }
      const origin = c.req.header('origin')
      if (origin) {
        const self = new URL(c.req.url).origin
        const host = c.req.header('host')
        const sameHost = host ? new URL(origin).host === host : origin === self
        if (!sameHost && !allowedOrigins.includes(origin)) {
          throw new DomainError('bad_origin', 'cross-site request refused')
        }
      }
      if (c.req.header('sec-fetch-site') === 'cross-site') throw new DomainError('bad_origin', 'cross-site request refused')
    }
    await next()
  }
