/**
 * The request timer with the test clock: a request past its state's deadline is flagged once to the
 * level above (overdue_at, escalated_org_id = the parent of the hub's organisation), with an
 * 'escalated' event and a request_overdue notice to that organisation's admins; the next move clears it.
 */
import { describe, expect, it } from 'vitest'
import { admin, longSessionContext, makeHub, makeRequest, makeTeam, teamPerson } from './fixtures'
import { escalateOverdueRequests } from '../../server/domain/service-request-deadlines'

const HOUR = 3_600_000

async function world() {
  const ctx = await longSessionContext()
  // a hub of 中关村街道科协: the level above is 海淀区科协
  const hub = await makeHub(ctx.db, { orgId: 'cast-110108010', regionCode: '110108010' })
  const hubAdmin = await admin(ctx, 'cast-110108010')
  const countyAdmin = await admin(ctx, 'cast-110108')
  const cityAdmin = await admin(ctx, 'cast-1101')
  const team = await makeTeam(ctx.db, { orgId: 'cast-110108', regionCode: '110108010' })
  const leader = await teamPerson(ctx, team.id, 'leader')
  return { ctx, hub, hubAdmin, countyAdmin, cityAdmin, team, leader }
}

const escalate = (w: { ctx: { db: Parameters<typeof escalateOverdueRequests>[0]; clock: { now(): Date } } }) =>
  escalateOverdueRequests(w.ctx.db, w.ctx.clock.now())

describe('escalateOverdueRequests', () => {
  it('flags an ordered request not dispatched within 24 h once, to the parent organisation’s admins', async () => {
    const w = await world()
    // ordered at 07:00 (the clock says 08:00), due at 07:00 the next day: not yet overdue at that very instant
    const r = await makeRequest(w.ctx.db, { hubId: w.hub.id, status: 'ordered' })
    expect(await escalate(w)).toBe(0)
    w.ctx.clock.advance(23 * HOUR)
    expect(await escalate(w)).toBe(0)
    w.ctx.clock.advance(HOUR)
    expect(await escalate(w)).toBe(1)
    expect(await escalate(w)).toBe(0)
    w.ctx.clock.advance(HOUR)
    expect(await escalate(w)).toBe(0)

    const row = await w.ctx.db.selectFrom('service_requests').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'ordered', overdue_at: '2026-11-29T08:00:00.000Z', escalated_org_id: 'cast-110108' })
    const events = await w.ctx.db.selectFrom('service_request_events').selectAll().where('request_id', '=', r.id).execute()
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ['ordered', 'kiosk'],
      ['escalated', 'system'],
    ])
    const notices = await w.ctx.db.selectFrom('notices').selectAll().where('kind', '=', 'request_overdue').execute()
    expect(notices).toMatchObject([{ user_id: w.countyAdmin.user.id, subject_id: r.id, title: r.number }])

    // it shows as overdue in the queue of the level above
    const queue = await w.countyAdmin.a.get('/api/admin/requests?overdue=true')
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([r.id])
    expect(queue.body.items[0]).toMatchObject({ overdueAt: '2026-11-29T08:00:00.000Z', escalatedOrgId: 'cast-110108' })
  })

  it('the next move clears the flag and starts a new deadline, which can be missed again', async () => {
    const w = await world()
    const r = await makeRequest(w.ctx.db, { hubId: w.hub.id, status: 'ordered' })
    w.ctx.clock.advance(25 * HOUR)
    expect(await escalate(w)).toBe(1)
    const completeBy = new Date(w.ctx.clock.now().getTime() + 72 * HOUR).toISOString()
    const res = await w.countyAdmin.a.post(`/api/admin/requests/${r.id}/dispatch`, { teamId: w.team.id, completeBy })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      overdueAt: null,
      escalatedOrgId: null,
      stateDueAt: new Date(w.ctx.clock.now().getTime() + 24 * HOUR).toISOString(),
    })
    expect((await w.countyAdmin.a.get('/api/admin/requests?overdue=true')).body.items).toEqual([])

    w.ctx.clock.advance(24 * HOUR + 1)
    expect(await escalate(w)).toBe(1)
    const kinds = (
      await w.ctx.db.selectFrom('service_request_events').select('kind').where('request_id', '=', r.id).orderBy('seq').execute()
    ).map((e) => e.kind)
    expect(kinds).toEqual(['ordered', 'escalated', 'dispatched', 'escalated'])
    expect(await w.ctx.db.selectFrom('notices').select('id').where('kind', '=', 'request_overdue').execute()).toHaveLength(2)
  })

  it('an accepted request is due at its deadline; done, rated and closed ones never go overdue; the top level escalates to itself', async () => {
    const w = await world()
    const accepted = await makeRequest(w.ctx.db, {
      hubId: w.hub.id,
      status: 'accepted',
      teamId: w.team.id,
      completeBy: '2026-11-30T08:00:00.000Z',
    })
    const quiet = []
    for (const status of ['done', 'rated', 'closed'] as const) {
      const q = await makeRequest(w.ctx.db, { hubId: w.hub.id, status, teamId: w.team.id })
      // even with a stale deadline on the row
      await w.ctx.db.updateTable('service_requests').set({ state_due_at: '2026-11-28T09:00:00.000Z' }).where('id', '=', q.id).execute()
      quiet.push(q.id)
    }
    w.ctx.clock.advance(47 * HOUR)
    expect(await escalate(w)).toBe(0)
    w.ctx.clock.advance(2 * HOUR)
    expect(await escalate(w)).toBe(1)
    const flagged = await w.ctx.db
      .selectFrom('service_requests')
      .select(['id', 'escalated_org_id'])
      .where('overdue_at', 'is not', null)
      .execute()
    expect(flagged).toEqual([{ id: accepted.id, escalated_org_id: 'cast-110108' }])

    const top = await makeHub(w.ctx.db, { orgId: 'cast-national', regionCode: '11' })
    const national = await admin(w.ctx, 'cast-national')
    const r = await makeRequest(w.ctx.db, { hubId: top.id, status: 'ordered', at: w.ctx.clock.now().toISOString() })
    w.ctx.clock.advance(25 * HOUR)
    expect(await escalate(w)).toBe(1)
    const row = await w.ctx.db.selectFrom('service_requests').select('escalated_org_id').where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row.escalated_org_id).toBe('cast-national')
    const told = await w.ctx.db.selectFrom('notices').select('user_id').where('subject_id', '=', r.id).execute()
    expect(told).toEqual([{ user_id: national.user.id }])
  })
})
