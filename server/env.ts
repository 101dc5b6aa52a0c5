import type { UserRow } from './db/database.types'

/** Variables middleware puts on the Hono context. */
export interface AppEnv {
  Variables: {
    user: UserRow | null
    sessionId: string | null
  }
}
