import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../errors'
import type { AppEnv } from '../env'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The host (with port) of a serialised origin, or null when it is not one (`null`, garbage, port 99999). */
function originHost(origin: string): string | null {
  try {
    const url = new URL(origin)
    return url.origin === 'null' ? null : url.host
  } catch {
    return null
  }
}

/**
 * CSRF guard for a cookie-authenticated JSON API: a state-changing request must carry a JSON body
 * (415 otherwise — HTML forms cannot send one cross-site) and, when the browser says where it comes
 * from, come from our own origin.
 */
export const csrfGuard = (allowedOrigins: string[] = []): MiddlewareHandler<AppEnv> =>
  async function csrfGuard(c, next) {
    if (!SAFE.has(c.req.method)) {
      const type = c.req.header('content-type') ?? ''
      const hasBody =
        c.req.header('content-length') !== '0' && (c.req.header('content-length') || c.req.header('transfer-encoding') || type)
      if (hasBody && !/^application\/json\b/i.test(type)) {
        throw new DomainError('unsupported_media_type', 'send the request body as application/json')
      }
      const origin = c.req.header('origin')
      if (origin !== undefined && !allowedOrigins.includes(origin)) {
        // `null` (sandboxed frames, file:// pages), garbage and impossible ports are not our origin.
        const host = originHost(origin)
        const expected = c.req.header('host') ?? new URL(c.req.url).host
        if (host === null || host !== expected) throw new DomainError('bad_origin', 'cross-site request refused')
      }
      if (c.req.header('sec-fetch-site') === 'cross-site') throw new DomainError('bad_origin', 'cross-site request refused')
    }
    await next()
  }
