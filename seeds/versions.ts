import type Database from 'better-sqlite3'

/**
 * Reserves a block of `count` sync versions in one step (bulk seeding stamps thousands of rows;
 * bumping the counter per row would be needless work). Returns a function handing them out in order.
 */
export function reserveVersions(raw: Database.Database, count: number): () => number {
  const { version } = raw.prepare('update sync_state set version = version + ? where id = 1 returning version').get(count) as {
    version: number
  }
  let next = version - count
  return () => {
    next += 1
    if (next > version) throw new Error('version block exhausted')
    return next
  }
}
