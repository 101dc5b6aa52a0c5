import type { UserRow } from './db/database.types'

/** Variables middleware puts on the Hono context. */
export interface AppEnv {
  Variables: {
    user: UserRow | null
    sessionId: string | null
    /** the caller's address (server/middleware/client-ip.ts: forwarded only through trusted proxies) */
    clientIp: string
  }
}
