/**
 * A client's last pull is kept to the minute (shown in the person's data export): a pull with nothing
 * new inside that minute writes nothing, so it commits without a disk sync (bench/pull-noop.ts).
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { LAST_PULL_RESOLUTION_MS } from '../../server/sync/pull'
import { makeContext, person } from './fixtures'
import { onPostgres } from './fixtures/database'

it('keeps the last pull to the minute: pulls inside it change nothing, the next one after it does', async () => {
  const ctx = await makeContext()
  const p = await person(ctx)
  const clientId = randomUUID()
  const pull = async () => {
    const res = await p.a.get(`/api/sync/pull?clientId=${clientId}&schemaVersion=${SYNC_SCHEMA_VERSION}`)
    expect(res.status).toBe(200)
  }
  const lastPull = async () =>
    (await ctx.db.selectFrom('sync_clients').select('last_pull_at').where('client_id', '=', clientId).executeTakeFirstOrThrow())
      .last_pull_at
  // SQLite counts every row written on the connection; PostgreSQL has no such counter, so there the
  // tables a pull (or its session check) can write are fingerprinted: a written row gets a new xmin,
  // an inserted or deleted one changes the count.
  const changes = async () =>
    onPostgres
      ? JSON.stringify(
          (
            await sql<{ t: string; n: number; x: string | null }>`
              select 'sync_clients' as t, count(*) as n, string_agg(xmin::text, ',' order by client_id) as x from sync_clients
              union all select 'sync_mutations', count(*), string_agg(xmin::text, ',' order by client_id, mutation_id) from sync_mutations
              union all select 'sessions', count(*), string_agg(xmin::text, ',' order by id) from sessions`.execute(ctx.db)
          ).rows,
        )
      : (ctx.raw!.prepare('select total_changes() as n').get() as { n: number }).n

  await pull()
  const first = ctx.clock.now().toISOString()
  expect(await lastPull()).toBe(first)

  ctx.clock.advance(LAST_PULL_RESOLUTION_MS - 1_000)
  const before = await changes()
  await pull()
  expect(await lastPull()).toBe(first)
  expect(await changes()).toBe(before) // nothing written by a pull with nothing new

  ctx.clock.advance(2_000)
  await pull()
  expect(await lastPull()).toBe(ctx.clock.now().toISOString())
})
