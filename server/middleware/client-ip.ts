import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

/** The caller's address as the socket sees it; 'local' under app.request() in tests. */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local'
  } catch {
    return 'local'
  }
}
