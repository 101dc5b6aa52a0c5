import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import type { AppEnv } from './env'

/**
 * Serves the built client: hashed assets cached for a year, the service worker and the shell
 * never cached by HTTP (the service worker does the caching), and index.html for every client
 * route so deep links work. /api/* never falls through to the shell.
 */
export function mountClient(app: Hono<AppEnv>, dir: string) {
  const indexFile = join(dir, 'index.html')
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next()
    await next()
    if (['/sw.js', '/index.html', '/', '/manifest.webmanifest'].includes(c.req.path)) c.header('Cache-Control', 'no-cache')
  })
  // `precompressed`: the .br / .gz copy the build wrote beside a file (scripts/precompress.ts) when the
  // browser accepts it, with Content-Encoding and Vary: Accept-Encoding; else the file as it is
  const files = serveStatic({ root: dir, precompressed: true })
  app.use('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : files(c, next)))
  app.get('*', (c, next) => {
    if (c.req.path.startsWith('/api/') || !existsSync(indexFile)) return next()
    c.header('Cache-Control', 'no-cache')
    return c.html(readFileSync(indexFile, 'utf8'))
  })
}
