import { sql } from 'kysely'
import type { Executor } from '../server/db/database'

/**
 * Reserves a block of `count` sync versions in one step (bulk seeding stamps thousands of rows;
 * bumping the counter per row would be needless work). Returns a function handing them out in order.
 */
export async function reserveVersions(trx: Executor, count: number): Promise<() => number> {
  const { rows } = await sql<{
    version: number
  }>`update sync_state set version = version + ${count} where id = 1 returning version`.execute(trx)
  const version = Number(rows[0]!.version)
  let next = version - count
  return () => {
    next += 1
    if (next > version) throw new Error('version block exhausted')
    return next
  }
}
