/**
 * Pull: the changes a caller may see since their cursor, one page at a time.
 *
 * 1. In one transaction (a consistent snapshot): read the current version and the tombstone horizon.
 * 2. A cursor below the horizon missed a purged delete, and a cursor above the current version
 *    comes from another database (a restored backup): answer `reset` — the client flushes its
 *    outbox, drops its replica and pulls from 0.
 * 3. With a clientId (bound to this actor: the person or device pulling): forget the idempotency records the client has seen
 *    (version <= cursor), and later answer the results of its mutations up to the new cursor.
 * 4. Read up to `limit` changes from every stream (synced tables + tombstones), cut one page
 *    (merge.ts). New cursor: the page's last version when more remains, else the current version.
 */
import type { PullQuery, PullResponse } from '../../shared/schemas/sync'
import type { DB, Executor } from '../db/database'
import type { Actor } from './actor'
import { currentVersion } from '../db/version'
import type { Clock } from '../deps'
import { claimClient } from './clients'
import { cutPage } from './merge'
import { forgetSeenResults, resultsBetween } from './records'
import { resolveScope, type SyncScope } from './scope'
import { changeStreams } from './tables'
import type { VersionedChange } from './tables/types'

/** How precisely a client's last pull is kept (shown in the data export): a minute. */
export const LAST_PULL_RESOLUTION_MS = 60_000

const byTableThenId = (a: VersionedChange, b: VersionedChange) =>
  a.table < b.table ? -1 : a.table > b.table ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

export async function readPage(db: Executor, scope: SyncScope, cursor: number, limit: number) {
  const streams = await Promise.all(changeStreams.map((read) => read(db, scope, { after: cursor, limit })))
  const cut = cutPage(streams, limit, byTableThenId)
  if ('page' in cut) return cut
  const group = await Promise.all(changeStreams.map((read) => read(db, scope, { after: cut.needGroup - 1, upTo: cut.needGroup })))
  return { page: group.flat().sort(byTableThenId), hasMore: true }
}

export async function pull(deps: { db: DB; clock: Clock }, actor: Actor, query: PullQuery): Promise<PullResponse> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const current = await currentVersion(trx)
    const horizon = await trx.selectFrom('sync_horizon').select('version').where('id', '=', 1).executeTakeFirstOrThrow()
    if (query.clientId) await claimClient(trx, query.clientId, actor, now)
    if (query.cursor > 0 && (query.cursor < horizon.version || query.cursor > current)) {
      return { changes: [], cursor: 0, hasMore: false, reset: true }
    }
    if (query.clientId) {
      await forgetSeenResults(trx, query.clientId, query.cursor, now)
      // to the minute: a pull with nothing new then writes nothing, so its transaction commits without a sync to disk
      await trx
        .updateTable('sync_clients')
        .set({ last_pull_at: now.toISOString() })
        .where('client_id', '=', query.clientId)
        .where((eb) =>
          eb.or([eb('last_pull_at', 'is', null), eb('last_pull_at', '<', new Date(now.getTime() - LAST_PULL_RESOLUTION_MS).toISOString())]),
        )
        .execute()
    }
    const scope = await resolveScope(trx, actor, now)
    const { page, hasMore } = await readPage(trx, scope, query.cursor, query.limit)
    const cursor = hasMore ? page[page.length - 1]!.version : current
    const changes = page.map(({ version: _v, ...change }) => change)
    const response: PullResponse = { changes, cursor, hasMore }
    if (query.clientId) response.results = await resultsBetween(trx, query.clientId, query.cursor, cursor)
    return response
  })
}
