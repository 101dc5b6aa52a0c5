/**
 * Sync schema 2 (activity `hours` renamed `creditHours`): an installed app whose replica was built
 * for version 1 drops it on start and pulls from zero — old rows are never read as new ones — while
 * its outbox (mutation args never carried `hours`) is kept and still sent.
 */
import { beforeEach, expect, it } from 'vitest'
import { freshIndexedDb, makeEngine, openTestDb } from './sync-setup'
import { META_CURSOR, META_SCHEMA_VERSION, STORE_META, STORE_OUTBOX, STORE_ROWS } from '../../client/lib/idb'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'

beforeEach(() => freshIndexedDb())

it('drops a version-1 replica holding activity hours, keeps the outbox, and starts again from cursor 0', async () => {
  expect(SYNC_SCHEMA_VERSION).toBeGreaterThanOrEqual(2)
  const db = await openTestDb()
  await db.put(STORE_META, 1, META_SCHEMA_VERSION)
  await db.put(STORE_META, 57, META_CURSOR)
  const activityId = '00000000-0000-4000-8000-0000000000a1'
  await db.put(STORE_ROWS, { table: 'activities', id: activityId, title: '讲座', hours: 2, version: 50 })
  const entry = {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'activity.register',
    args: { registrationId: '00000000-0000-4000-8000-0000000000b1', activityId },
    createdAt: '2026-12-01T00:00:00.000Z',
    seq: 1,
    status: 'pending' as const,
  }
  await db.put(STORE_OUTBOX, entry)

  const offline = async (): Promise<Response> => {
    throw new TypeError('offline')
  }
  const engine = await makeEngine(offline, { db })
  await engine.start()
  engine.stop()
  await engine.idle()

  // the old activity row is gone; what remains is the pending registration replayed on the empty replica
  const rows = await db.getAll(STORE_ROWS)
  expect(rows.filter((r) => r.table === 'activities')).toEqual([])
  expect(rows.map((r) => r.table)).toEqual(['registrations'])
  expect(await db.get(STORE_META, META_CURSOR)).toBe(0)
  expect(await db.get(STORE_META, META_SCHEMA_VERSION)).toBe(SYNC_SCHEMA_VERSION)
  expect(await db.get(STORE_OUTBOX, entry.id)).toMatchObject({ name: 'activity.register', status: 'pending' })
})
