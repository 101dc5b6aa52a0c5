import { OpenAPIHono } from '@hono/zod-openapi'
import type { ZodError } from 'zod'
import type { AppEnv } from './env'

/** Readable one-line summary of a zod error: "phone: must be a mainland mobile number". */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}

/** An OpenAPIHono router whose validation failures answer in our error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json({ error: { code: 'invalid_input', message: describeZodError(result.error) } }, 400)
      }
    },
  })
}
