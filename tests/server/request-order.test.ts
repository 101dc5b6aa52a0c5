/**
 * request.order (点单) from a kiosk: a device enrolled to a hub takes a request with its own number
 * `<deviceNo>-<seq>`; a member is refused (kiosk_only), an organisation-bound device too (not_at_hub);
 * a replay answers the recorded result; a second use of a request id or a number is refused.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { admin, beijingContext, makeHub, makeKiosk, mutation, person, pushBody } from './fixtures'
import { stateDueAt } from '../../shared/rules/service-request'

const PHONE = '13912345678'

async function world() {
  const ctx = await beijingContext()
  const hub = await makeHub(ctx.db, { orgId: 'cast-110108010', regionCode: '110108010' })
  const kiosk = await makeKiosk(ctx, hub.id)
  return { ctx, hub, kiosk }
}

const args = (over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  seq: 1,
  category: 'elder_digital',
  description: '想学用手机挂号',
  wantedDate: '2026-12-05',
  wantedPeriod: 'afternoon',
  contactPhone: PHONE,
  ...over,
})

describe('request.order', () => {
  it('a kiosk takes a request numbered <deviceNo>-0001, ordered, due in 24 h, with an ordered event by the kiosk', async () => {
    const { ctx, hub, kiosk } = await world()
    const res = await kiosk.order()
    expect(res.status, JSON.stringify(res)).toBe('applied')
    expect(res.data).toEqual({ id: expect.any(String), number: `${kiosk.deviceNo}-0001`, status: 'ordered' })
    expect((await kiosk.order()).data.number).toBe(`${kiosk.deviceNo}-0002`)

    const row = await ctx.db.selectFrom('service_requests').selectAll().where('id', '=', res.data.id).executeTakeFirstOrThrow()
    const now = ctx.clock.now()
    expect(row).toMatchObject({
      hub_id: hub.id,
      org_id: 'cast-110108010',
      region_code: '110108010',
      status: 'ordered',
      team_id: null,
      contact_name: '王阿姨',
      contact_phone: PHONE,
      device_id: kiosk.id,
      state_entered_at: now.toISOString(),
      state_due_at: stateDueAt('ordered', now, null)!.toISOString(),
      overdue_at: null,
    })
    const events = await ctx.db.selectFrom('service_request_events').selectAll().where('request_id', '=', row.id).execute()
    expect(events).toMatchObject([{ kind: 'ordered', actor: 'kiosk', actor_user_id: null, note: null }])
    // audited with the device as actor, never the phone
    const entry = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'request.order').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actor_id: `device:${kiosk.id}`, org_id: 'cast-110108010', target: row.id })
    expect(JSON.stringify(entry)).not.toContain(PHONE)
    // the resident can follow it at once
    const track = await ctx.agent().post('/api/requests/lookup', { number: row.number, phone: PHONE })
    expect(track.body).toMatchObject({ status: 'ordered', hubName: hub.name })
  })

  it('is for kiosks only: a member gets kiosk_only, an organisation-bound device not_at_hub, a revoked kiosk 401', async () => {
    const { ctx, hub } = await world()
    const member = await person(ctx)
    expect(await member.mutate('request.order', args())).toMatchObject({ status: 'rejected', code: 'kiosk_only' })

    const issuer = await admin(ctx, 'cast-110108')
    const issued = await issuer.a.post('/api/admin/devices', { orgId: 'cast-110108010', name: '会议室平板' })
    expect(issued.status).toBe(201)
    const orgDevice = ctx.agent()
    const pushed = await orgDevice.post('/api/sync/push', pushBody(randomUUID(), [mutation('request.order', args())]), {
      authorization: `Device ${issued.body.token as string}`,
    })
    expect(pushed.body.results[0]).toMatchObject({ status: 'rejected', code: 'not_at_hub' })

    const revoked = await makeKiosk(ctx, hub.id, { revoked: true })
    const res = await revoked.agent.post('/api/sync/push', pushBody(revoked.clientId, [mutation('request.order', args())]), revoked.auth)
    expect(res.status).toBe(401)
    expect(await ctx.db.selectFrom('service_requests').select('id').execute()).toEqual([])
  })

  it('a replayed push answers its recorded result and writes nothing more', async () => {
    const { ctx, kiosk } = await world()
    const m = mutation('request.order', args({ seq: 7 }))
    const first = await kiosk.agent.post('/api/sync/push', pushBody(kiosk.clientId, [m]), kiosk.auth)
    const again = await kiosk.agent.post('/api/sync/push', pushBody(kiosk.clientId, [m]), kiosk.auth)
    expect(first.body.results[0]).toMatchObject({ status: 'applied', data: { number: `${kiosk.deviceNo}-0007` } })
    expect(again.body.results[0]).toEqual(first.body.results[0])
    expect(await ctx.db.selectFrom('service_requests').select('id').execute()).toHaveLength(1)
    expect(await ctx.db.selectFrom('service_request_events').select('id').execute()).toHaveLength(1)
  })

  it('refuses a request id or a number already taken (request_number_taken), and invalid arguments', async () => {
    const { ctx, kiosk } = await world()
    const requestId = randomUUID()
    expect((await kiosk.mutate('request.order', args({ requestId, seq: 3 }))).status).toBe('applied')
    expect(await kiosk.mutate('request.order', args({ requestId, seq: 4 }))).toMatchObject({
      status: 'rejected',
      code: 'request_number_taken',
    })
    expect(await kiosk.mutate('request.order', args({ seq: 3 }))).toMatchObject({ status: 'rejected', code: 'request_number_taken' })
    expect(await kiosk.mutate('request.order', args({ contactPhone: '12345' }))).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await ctx.db.selectFrom('service_requests').select('number').execute()).toEqual([{ number: `${kiosk.deviceNo}-0003` }])
  })
})
