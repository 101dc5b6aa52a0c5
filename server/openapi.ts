import { OpenAPIHono, type z } from '@hono/zod-openapi'
import type { ZodError } from 'zod'
import { ErrorBody } from '../shared/schemas/common'
import { isRegionCodeIssue } from '../shared/schemas/user'
import type { AppEnv } from './env'

/** Readable one-line summary of a zod error: "phone: must be a mainland mobile number". */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}

/**
 * An OpenAPIHono router whose validation failures answer in our error shape, and which refuses a
 * route that does not declare who may call it (`...access.<who>` from middleware/access.ts): an
 * undeclared route fails at start-up, before it can answer anyone.
 */
export function createRouter() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        // a malformed region code has its own code, so the client words it (not the zod message)
        const code = result.error.issues.some(isRegionCodeIssue) ? 'invalid_region' : 'invalid_input'
        return c.json({ error: { code, message: describeZodError(result.error) } }, 400)
      }
    },
  })
  const register = app.openapi
  app.openapi = ((route, handler, hook) => {
    if (!route.security || !Array.isArray(route.middleware) || !('x-access' in route) || !route.operationId) {
      throw new Error(
        `${route.method.toUpperCase()} ${route.path}: spread an access declaration (server/middleware/access.ts) and give an operationId`,
      )
    }
    return register(route, handler, hook)
  }) as typeof app.openapi
  return app
}

/** A JSON body of this schema, as the `content` of a request or response in a route declaration. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })

/** A refusal in a route declaration: its description, answered as `{ error: { code, message } }`. */
export const refusal = (description: string) => ({ description, ...json(ErrorBody) })
