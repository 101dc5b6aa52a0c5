import { describe, expect, it } from 'vitest'
import { makeBeijing, makeContext, makeMembership, makeUser } from './fixtures'

async function world() {
  const ctx = await makeContext()
  await makeBeijing(ctx.db)
  const admin = await makeUser(ctx.db)
  await makeMembership(ctx.db, { userId: admin.id, orgId: 'cast-110108', role: 'admin' })
  const a = ctx.agent()
  await a.post('/api/auth/login', { phone: admin.phone, password: admin.password })
  return { ctx, a }
}

describe('device credentials', () => {
  it('are issued once, authenticate the device, and stop working the moment they are revoked', async () => {
    const { ctx, a } = await world()
    const issued = await a.post('/api/admin/devices', { orgId: 'cast-110108010', name: '中关村街道新时代文明实践站' })
    expect(issued.status).toBe(201)
    const token = issued.body.token as string
    const device = (auth: string) => ctx.app.request('/api/device', { headers: { authorization: auth } })
    const me = await device(`Device ${token}`)
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ orgId: 'cast-110108010', name: '中关村街道新时代文明实践站' })
    const list = await a.get('/api/admin/devices?orgId=cast-110108010')
    expect(list.body.items).toHaveLength(1)
    expect(JSON.stringify(list.body)).not.toContain(token) // the token is never shown again
    expect(list.body.items[0].lastSeenAt).not.toBeNull()
    expect(await ctx.db.selectFrom('devices').select('token_hash').executeTakeFirstOrThrow()).not.toEqual({ token_hash: token })

    expect((await a.post(`/api/admin/devices/${issued.body.id}/revoke`, {})).status).toBe(200)
    const after = await device(`Device ${token}`)
    expect(after.status).toBe(401)
    expect((await after.json()).error.code).toBe('device_unauthorized')
    const actions = (await ctx.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action)
    expect(actions).toEqual(['device.issue', 'device.revoke'])
  })

  it('refuses unknown, malformed and missing credentials, and bad input, writing nothing', async () => {
    const { ctx, a } = await world()
    for (const auth of ['', 'Device nope', 'Bearer abcdefghijklmnopqrstuvwxyz', `Device ${'x'.repeat(43)}`]) {
      expect((await ctx.app.request('/api/device', { headers: { authorization: auth } })).status).toBe(401)
    }
    expect((await a.post('/api/admin/devices', { orgId: 'cast-110108', name: '' })).status).toBe(400)
    expect((await a.post('/api/admin/devices', { orgId: 'Not An Id', name: '平板' })).status).toBe(400)
    expect((await a.post('/api/admin/devices', { orgId: 'cast-999999', name: '平板' })).status).toBe(404)
    expect((await a.post('/api/admin/devices/00000000-0000-4000-8000-000000000000/revoke', {})).status).toBe(404)
    expect(await ctx.db.selectFrom('devices').select('id').execute()).toHaveLength(0)
  })
})
