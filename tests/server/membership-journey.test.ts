/**
 * The journey on the real seed, server side: a new person finds 海淀区科协 by typing,
 * applies through the sync engine, the demo county admin approves, and the card verifies offline.
 * (The browser test drives the same journey through the UI.)
 */
import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { seedIfEmpty } from '../../seeds/index'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { verifyCard } from '../../shared/rules/card'
import { makeContext } from './fixtures'

it('find 海淀区科协 → apply → approved by the demo county admin → a card that verifies', async () => {
  const ctx = await makeContext()
  const seeded = await seedIfEmpty(ctx.db, { now: ctx.clock.now(), scryptN: 1024 })
  const countyAdmin = seeded.logins.find((l) => l.role === 'county_admin')!
  const provinceAdmin = seeded.logins.find((l) => l.role === 'province_admin')!
  const townshipAdmin = seeded.logins.find((l) => l.role === 'township_admin')!

  const person = ctx.agent()
  const reg = await person.post(
    '/api/auth/register',
    await ctx.withCode({ phone: '13912345678', password: 'Kexie-2026!x', name: '孙新会员', regionCode: '110108011', acceptPrivacy: true }),
  )
  expect(reg.status).toBe(201)
  const found = await person.get(`/api/orgs?q=${encodeURIComponent('海淀区科协')}`)
  const org = found.body.items[0]
  expect(org).toMatchObject({ id: 'cast-110108', joinPolicy: 'approval' })

  const membershipId = randomUUID()
  const push = await person.post('/api/sync/push', {
    clientId: randomUUID(),
    schemaVersion: SYNC_SCHEMA_VERSION,
    mutations: [{ id: randomUUID(), name: 'membership.apply', args: { membershipId, orgId: org.id }, createdAt: new Date().toISOString() }],
  })
  expect(push.body.results[0]).toMatchObject({ status: 'applied', data: { status: 'pending' } })
  expect((await person.get('/api/cards')).body.cards).toEqual([])

  const login = async (phone: string) => {
    const a = ctx.agent()
    expect((await a.post('/api/auth/login', { phone, password: seeded.demoPassword })).status).toBe(200)
    return a
  }
  // the street admin is below the county: it does not see or decide county applications
  const street = await login(townshipAdmin.phone)
  expect((await street.get('/api/admin/memberships')).body.items.map((i: { id: string }) => i.id)).not.toContain(membershipId)
  expect((await street.post(`/api/admin/memberships/${membershipId}/approve`)).status).toBe(403)
  // the province admin sees it (everything below 北京市科协)
  const province = await login(provinceAdmin.phone)
  expect((await province.get('/api/admin/memberships?pageSize=200')).body.items.map((i: { id: string }) => i.id)).toContain(membershipId)

  const admin = await login(countyAdmin.phone)
  const queue = await admin.get('/api/admin/memberships')
  const mine = queue.body.items.find((i: { id: string }) => i.id === membershipId)
  expect(mine).toMatchObject({ userName: '孙新会员', phone: '139****5678', orgId: 'cast-110108' })
  expect((await admin.post(`/api/admin/memberships/${membershipId}/approve`)).status).toBe(200)

  const pull = await person.get('/api/sync/pull?cursor=0&limit=1000')
  expect(pull.body.changes.find((c: { id: string }) => c.id === membershipId).row.status).toBe('active')
  const [card] = (await person.get('/api/cards')).body.cards
  const keys = (await ctx.agent().get('/api/cards/public-keys')).body.keys
  expect(await verifyCard(card.qr, keys, ctx.clock.now())).toMatchObject({
    ok: true,
    card: { m: membershipId, o: 'cast-110108', p: '孙新会员' },
  })
}, 60_000)
