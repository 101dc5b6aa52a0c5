import type { UserRow } from './db/database.types'
import type { DeviceSelf } from '../shared/schemas/device'

/** Variables middleware puts on the Hono context. */
export interface AppEnv {
  Variables: {
    user: UserRow | null
    sessionId: string | null
    /** the caller's address (server/middleware/client-ip.ts: forwarded only through trusted proxies) */
    clientIp: string
    /** the calling kiosk device, set only on routes declaring `access.device` */
    device: DeviceSelf | null
  }
}
