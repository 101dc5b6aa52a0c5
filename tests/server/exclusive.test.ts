/**
 * Scheduled jobs with several instances (issue 15): runExclusive lets one instance at a time run a
 * job (PostgreSQL: a session advisory lock; SQLite: one process, it just runs), and the request
 * escalation flags a request once even when two runs overlap.
 */
import { describe, expect, it } from 'vitest'
import { runExclusive } from '../../server/db/exclusive'
import { escalateOverdueRequests } from '../../server/domain/service-request-deadlines'
import { admin, longSessionContext, makeContext, makeHub, makeRequest } from './fixtures'
import { onPostgres } from './fixtures/database'

describe('runExclusive', () => {
  it('runs the job and hands back whether it ran', async () => {
    const { db } = await makeContext()
    let runs = 0
    expect(await runExclusive(db, 'job', async () => void runs++)).toBe(true)
    expect(await runExclusive(db, 'job', async () => void runs++)).toBe(true)
    expect(runs).toBe(2)
  })

  // PostgreSQL: two instances share one database; on SQLite there is one process and no lock to test
  it.skipIf(!onPostgres)('skips a job another holder is running, runs other jobs, and lets go after (also after a failure)', async () => {
    const { db } = await makeContext()
    let release!: () => void
    const held = new Promise<void>((ok) => (release = ok))
    let entered!: () => void
    const inside = new Promise<void>((ok) => (entered = ok))
    const first = runExclusive(db, 'purge', async () => {
      entered()
      await held
    })
    await inside
    // the lock is per session: a second caller (on its own pooled connection, as another instance would be) skips
    expect(await runExclusive(db, 'purge', async () => expect.unreachable())).toBe(false)
    expect(await runExclusive(db, 'escalate', async () => {})).toBe(true)
    release()
    expect(await first).toBe(true)
    await expect(runExclusive(db, 'purge', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await runExclusive(db, 'purge', async () => {})).toBe(true)
  })
})

describe('escalateOverdueRequests, two runs at once (two instances)', () => {
  it('flag an overdue request once, with one event and one notice', async () => {
    const ctx = await longSessionContext()
    const hub = await makeHub(ctx.db, { orgId: 'cast-110108010', regionCode: '110108010' })
    await admin(ctx, 'cast-110108')
    const r = await makeRequest(ctx.db, { hubId: hub.id, status: 'ordered' })
    ctx.clock.advance(25 * 3_600_000)
    const counts = await Promise.all([escalateOverdueRequests(ctx.db, ctx.clock.now()), escalateOverdueRequests(ctx.db, ctx.clock.now())])
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1)
    const events = await ctx.db.selectFrom('service_request_events').select('kind').where('request_id', '=', r.id).execute()
    expect(events.filter((e) => e.kind === 'escalated')).toHaveLength(1)
    expect(await ctx.db.selectFrom('notices').select('id').where('kind', '=', 'request_overdue').execute()).toHaveLength(1)
  })
})
