/**
 * Kiosk enrolment (issue 14): an admin's one-time code (24 hours) becomes a device credential for the
 * code's hub with the next device number; a used, expired or unknown code gets one answer; a closed
 * hub refuses; a revoked kiosk is refused at once; the route is rate-limited by address.
 */
import { describe, expect, it } from 'vitest'
import { KIOSK_ENROL_LIMIT_PER_IP } from '../../server/routes/kiosk'
import { admin, longSessionContext, makeHub, makeKiosk, type Ctx } from './fixtures'

async function world() {
  const ctx = await longSessionContext()
  const hub = await makeHub(ctx.db)
  const county = await admin(ctx, 'cast-110108')
  const issue = async () => {
    const res = await county.a.post(`/api/admin/hubs/${hub.id}/enrolment-codes`)
    expect(res.status).toBe(201)
    return res.body.code as string
  }
  return { ctx, hub, county, issue }
}

const enrol = (ctx: Ctx, code: string, name = '大厅自助机', headers: Record<string, string> = {}) =>
  ctx.agent().post('/api/kiosk/enrol', { code, name }, headers)

describe('POST /api/kiosk/enrol', () => {
  it('turns a code into a device of the hub (its organisation, its number) that authenticates; audited with the issuer', async () => {
    const { ctx, hub, county, issue } = await world()
    const code = await issue()
    // typed in lower case and without the dash, it still matches
    const res = await enrol(ctx, code.toLowerCase().replace('-', ''))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.device).toEqual({
      id: expect.any(String),
      name: '大厅自助机',
      orgId: hub.org_id,
      orgName: expect.any(String),
      hubId: hub.id,
      hubName: hub.name,
      deviceNo: expect.any(Number),
    })
    const self = await ctx.agent().get('/api/device', { authorization: `Device ${res.body.token}` })
    expect(self.status).toBe(200)
    expect(self.body).toEqual(res.body.device)
    const entry = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'device.enrol').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actor_id: county.user.id, org_id: hub.org_id })
    expect(JSON.parse(entry.detail!)).toMatchObject({ deviceId: res.body.device.id })
    const used = await ctx.db.selectFrom('device_enrolment_codes').selectAll().executeTakeFirstOrThrow()
    expect(used).toMatchObject({ used_at: ctx.clock.now().toISOString(), device_id: res.body.device.id })
  })

  it('a code works once; unknown and expired codes get the same answer', async () => {
    const { ctx, issue } = await world()
    const code = await issue()
    expect((await enrol(ctx, code)).status).toBe(201)
    const again = await enrol(ctx, code)
    expect(again.status).toBe(422)
    expect(again.body.error.code).toBe('enrolment_code_invalid')
    const unknown = await enrol(ctx, 'ABCD-2345')
    expect(unknown.status).toBe(422)
    expect(unknown.body.error).toEqual(again.body.error)

    const late = await issue()
    ctx.clock.advance(24 * 3_600_000 - 1000)
    const stillFresh = await issue()
    ctx.clock.advance(2000)
    const expired = await enrol(ctx, late)
    expect(expired.body.error).toEqual(again.body.error)
    expect((await enrol(ctx, stillFresh)).status).toBe(201)
    expect(await ctx.db.selectFrom('devices').select('id').execute()).toHaveLength(2)
  })

  it('refuses a malformed code as invalid input without counting it as a device', async () => {
    const { ctx } = await world()
    const res = await enrol(ctx, 'abc')
    expect(res.status).toBe(400)
    expect(await ctx.db.selectFrom('devices').select('id').execute()).toHaveLength(0)
  })

  it('a closed hub takes no kiosk, even with a code issued before it closed', async () => {
    const { ctx, hub, county, issue } = await world()
    const code = await issue()
    await county.a.request('PATCH', `/api/admin/hubs/${hub.id}`, { status: 'closed' })
    const res = await enrol(ctx, code)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('hub_closed')
    // the code is not spent by the refusal
    const row = await ctx.db.selectFrom('device_enrolment_codes').select('used_at').executeTakeFirstOrThrow()
    expect(row.used_at).toBeNull()
  })

  it('gives every kiosk its own device number, one more than the highest', async () => {
    const { ctx, hub, issue } = await world()
    const existing = await makeKiosk(ctx, hub.id)
    const first = await enrol(ctx, await issue(), '一号机')
    const second = await enrol(ctx, await issue(), '二号机')
    expect(first.body.device.deviceNo).toBe(existing.deviceNo + 1)
    expect(second.body.device.deviceNo).toBe(existing.deviceNo + 2)
    const numbers = (await ctx.db.selectFrom('devices').select('device_no').execute()).map((d) => d.device_no)
    expect(new Set(numbers).size).toBe(3)
  })

  it('a revoked kiosk is refused at once (401 device_unauthorized), on its self-check and on sync', async () => {
    const { ctx, county, issue } = await world()
    const res = await enrol(ctx, await issue())
    const auth = { authorization: `Device ${res.body.token}` }
    expect((await county.a.post(`/api/admin/devices/${res.body.device.id}/revoke`)).status).toBe(200)
    const self = await ctx.agent().get('/api/device', auth)
    expect(self.status).toBe(401)
    expect(self.body.error.code).toBe('device_unauthorized')
    expect((await ctx.agent().get('/api/sync/pull?cursor=0', auth)).status).toBe(401)
  })

  it('is rate-limited by address: over the limit 429 too_many_attempts with Retry-After, even with a good code', async () => {
    const { ctx, issue } = await world()
    const good = await issue()
    for (let i = 0; i < KIOSK_ENROL_LIMIT_PER_IP; i++) expect((await enrol(ctx, 'ABCD-2345')).status).toBe(422)
    const refused = await enrol(ctx, good)
    expect(refused.status).toBe(429)
    expect(refused.body.error.code).toBe('too_many_attempts')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    ctx.clock.advance(ctx.config.loginWindowMs)
    expect((await enrol(ctx, good)).status).toBe(201)
  })
})
