import type { MiddlewareHandler } from 'hono'

/** Largest request body any route accepts. */
export const MAX_BODY_BYTES = 1024 * 1024
/**
 * A body over the limit is still read (and thrown away) up to this size, so the refusal can keep
 * the connection open; beyond it the refusal closes the connection instead (see below).
 */
export const DRAIN_BODY_BYTES = 16 * MAX_BODY_BYTES

const tooLarge = { error: { code: 'payload_too_large', message: 'request body is larger than 1 MiB' } }

/**
 * Reads every request body to its end before any route answers, and refuses one over 1 MiB (413).
 *
 * Why not answer first and leave the body unread: over a keep-alive connection the rest of that body
 * is still on its way. @hono/node-server then tries to drain it, but a body stream the app already
 * opened (hono's bodyLimit opened it on every request) stops flowing once its buffer fills, so the
 * drain never ends and after 500 ms the server destroys the socket — with no `Connection: close`
 * on the answer. The client, told the connection stays open, has meanwhile sent its next request on
 * it: that request gets no answer, or its answer is cut off mid-body. So a 401 or 400 to a large
 * body, and every 413, broke the request after it. Reading the body first makes every answer end
 * its request cleanly. A body beyond DRAIN_BODY_BYTES is not worth reading: that refusal says
 * `Connection: close`, so the client knows not to reuse the connection.
 */
export function readBody(): MiddlewareHandler {
  return async (c, next) => {
    const stream = c.req.raw.body
    if (!stream) return next()
    const declared = Number(c.req.header('content-length'))
    if (!c.req.header('transfer-encoding') && declared > DRAIN_BODY_BYTES) {
      await stream.cancel().catch(() => undefined)
      return c.json(tooLarge, 413, { Connection: 'close' })
    }
    const reader = stream.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > DRAIN_BODY_BYTES) {
        await reader.cancel().catch(() => undefined)
        return c.json(tooLarge, 413, { Connection: 'close' })
      }
      if (size <= MAX_BODY_BYTES) chunks.push(value)
    }
    if (size > MAX_BODY_BYTES) return c.json(tooLarge, 413)
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) })
    return next()
  }
}
