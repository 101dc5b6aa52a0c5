import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The one error type for expected failures; `app.onError` turns it into `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message)
export const unauthorized = (message = 'please log in') => new ApiError(401, 'unauthorized', message)
export const forbidden = (message = 'you may not do this') => new ApiError(403, 'forbidden', message)
export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `${what} not found`)
export const conflict = (code: string, message: string) => new ApiError(409, code, message)
