/**
 * The sync actor as a device (issue 9): a kiosk pushes and pulls with its device credential, sees
 * the public rows of the organisation it is bound to and never a person's rows, runs only the
 * mutations allowed for devices, and its client ids are its own.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineMutation } from '../../shared/mutations/define'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { nextVersion } from './fixtures/version'
import { insertRegistration } from '../../server/db/activity-registration.repository'
import { deviceActor } from '../../server/sync/actor'
import { defineServerMutator, type ServerMutator } from '../../server/sync/mutators/define'
import { push } from '../../server/sync/push'
import { admin, beijingContext, deleteMembership, makeActivity, makeMembership, mutation, person, pushBody, type Ctx } from './fixtures'

const DEVICE_ORG = 'cast-110108010'

/** A device issued by an admin of 海淀区科协 for 中关村街道科协, and a member of that township with private rows. */
async function world() {
  const ctx = await beijingContext()
  const issuer = await admin(ctx, 'cast-110108')
  const issued = await issuer.a.post('/api/admin/devices', { orgId: DEVICE_ORG, name: '中关村街道文明实践站平板' })
  expect(issued.status).toBe(201)
  const auth = { authorization: `Device ${issued.body.token as string}` }

  const member = await person(ctx, { name: '私密会员甲', regionCode: '110108010' })
  const membershipId = await makeMembership(ctx.db, { userId: member.user.id, orgId: DEVICE_ORG })
  const own = await makeActivity(ctx.db, { orgId: DEVICE_ORG, title: '街道科普日' })
  const cancelled = await makeActivity(ctx.db, { orgId: DEVICE_ORG, title: '取消的讲座', status: 'cancelled' })
  const parent = await makeActivity(ctx.db, { orgId: 'cast-110108', title: '区里的活动' })
  const sibling = await makeActivity(ctx.db, { orgId: 'cast-110105', title: '隔壁区的活动' })
  const registrationId = randomUUID()
  await ctx.db.transaction().execute((trx) =>
    insertRegistration(trx, {
      id: registrationId,
      activityId: own.id,
      userId: member.user.id,
      status: 'registered',
      now: ctx.clock.now(),
    }),
  )
  const checkInId = randomUUID()
  await ctx.db
    .insertInto('check_ins')
    .values({
      id: checkInId,
      activity_id: own.id,
      user_id: member.user.id,
      walk_in_name: null,
      method: 'phone',
      checked_in_by: issuer.user.id,
      at: ctx.clock.now().toISOString(),
      version: await nextVersion(ctx.db),
    })
    .execute()
  const device = ctx.agent()
  return {
    ctx,
    issuer,
    deviceId: issued.body.id as string,
    auth,
    device,
    member,
    membershipId,
    registrationId,
    checkInId,
    activities: { own, cancelled, parent, sibling },
  }
}

type World = Awaited<ReturnType<typeof world>>

/** Every change a device pulls from `cursor` (with its client id), page by page, and the last cursor. */
async function devicePull(w: World, clientId: string, cursor = 0) {
  const changes: Array<{ table: string; id: string; op: string; row?: Record<string, unknown> }> = []
  const results: unknown[] = []
  for (;;) {
    const res = await w.device.get(
      `/api/sync/pull?cursor=${cursor}&limit=2&clientId=${clientId}&schemaVersion=${SYNC_SCHEMA_VERSION}`,
      w.auth,
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    changes.push(...res.body.changes)
    results.push(...(res.body.results ?? []))
    cursor = res.body.cursor
    if (!res.body.hasMore) return { changes, cursor, results }
  }
}

const idsOf = (changes: Array<{ table: string; id: string; op: string }>, table: string) =>
  changes
    .filter((c) => c.table === table)
    .map((c) => `${c.op} ${c.id}`)
    .sort()

describe('sync as a device', () => {
  it('pulls its organisation’s public rows and not one of a member’s private rows', async () => {
    const w = await world()
    const { changes, cursor } = await devicePull(w, randomUUID())
    expect([...new Set(changes.map((c) => c.table))].sort()).toEqual(['activities', 'organizations'])
    expect(idsOf(changes, 'organizations')).toEqual([`upsert ${DEVICE_ORG}`])
    expect(idsOf(changes, 'activities')).toEqual([`upsert ${w.activities.own.id}`, `upsert ${w.activities.cancelled.id}`].sort())
    const text = JSON.stringify(changes)
    for (const secret of [w.member.user.id, '私密会员甲', w.member.user.phone, w.membershipId, w.registrationId, w.checkInId]) {
      expect(text).not.toContain(secret)
    }

    // a member's rows changing later (a new registration, a deleted membership) still reach no device
    await w.ctx.db.transaction().execute((trx) =>
      insertRegistration(trx, {
        id: randomUUID(),
        activityId: w.activities.cancelled.id,
        userId: w.member.user.id,
        status: 'registered',
        now: w.ctx.clock.now(),
      }),
    )
    await deleteMembership(w.ctx.db, w.membershipId)
    await w.ctx.db
      .updateTable('activities')
      .set({ title: '街道科普日（改期）', version: await nextVersion(w.ctx.db) })
      .where('id', '=', w.activities.own.id)
      .execute()
    const later = await devicePull(w, randomUUID(), cursor)
    expect(later.changes.map((c) => `${c.table} ${c.op} ${c.id}`)).toEqual([`activities upsert ${w.activities.own.id}`])
  })

  it('pushes under its own client id; a member-only mutation (or a kiosk’s, without a hub) is rejected (not retried) and recorded for the device', async () => {
    const w = await world()
    const clientId = randomUUID()
    const attempts = [
      mutation('profile.update', { bio: '设备不是人' }),
      mutation('activity.register', { registrationId: randomUUID(), activityId: w.activities.own.id }),
      mutation('activity.checkIn', { checkInId: randomUUID(), activityId: w.activities.own.id, phone: w.member.user.phone }),
    ]
    const res = await w.device.post('/api/sync/push', pushBody(clientId, attempts), w.auth)
    expect(res.status).toBe(200)
    expect(res.body.retry).toBeUndefined()
    // check-in is for a hub's kiosks (issue 14): an organisation-bound device is told it is at no hub
    const codes = ['not_for_devices', 'not_for_devices', 'not_at_hub']
    expect(res.body.results).toEqual(attempts.map((m, i) => expect.objectContaining({ id: m.id, status: 'rejected', code: codes[i] })))
    expect(await w.ctx.db.selectFrom('registrations').select('id').execute()).toHaveLength(1) // only the seeded one
    const records = await w.ctx.db.selectFrom('sync_mutations').select(['user_id', 'device_id']).where('client_id', '=', clientId).execute()
    expect(records).toEqual(attempts.map(() => ({ user_id: null, device_id: w.deviceId })))
    expect(await w.ctx.db.selectFrom('sync_clients').select(['user_id', 'device_id']).where('client_id', '=', clientId).execute()).toEqual([
      { user_id: null, device_id: w.deviceId },
    ])
    // the device's pull with its client id carries its results
    const pulled = await devicePull(w, clientId)
    expect(pulled.results).toEqual(res.body.results)
  })

  it('runs a mutation allowed for devices through its device apply, with the device in the context', async () => {
    const w = await world()
    const seen: string[] = []
    const both = defineServerMutator(
      defineMutation('test.both', z.object({ note: z.string() })),
      async () => 'as a member',
      async ({ device }, args) => (seen.push(`${device.orgId} ${args.note}`), 'as a device'),
    )
    const mutators = new Map<string, ServerMutator>([['test.both', both]])
    const device = {
      id: w.deviceId,
      name: '平板',
      orgId: DEVICE_ORG,
      orgName: '中关村街道科协',
      hubId: null,
      hubName: null,
      deviceNo: null,
    }
    const res = await push(
      { db: w.ctx.db, clock: w.ctx.clock, mutators },
      deviceActor(device),
      pushBody(randomUUID(), [mutation('test.both', { note: '签到台' })]) as never,
    )
    expect(res.results).toEqual([expect.objectContaining({ status: 'applied', data: 'as a device' })])
    expect(seen).toEqual([`${DEVICE_ORG} 签到台`])
  })

  it('never shares a client id between a member and a device, either way round', async () => {
    const w = await world()
    const deviceClient = randomUUID()
    expect((await w.device.post('/api/sync/push', pushBody(deviceClient, []), w.auth)).status).toBe(200)
    const memberPush = await w.member.a.post('/api/sync/push', pushBody(deviceClient, [mutation('profile.update', { bio: '冒用' })]))
    expect(memberPush.status).toBe(403)
    expect(memberPush.body.error.code).toBe('client_not_yours')
    expect((await w.member.a.get(`/api/sync/pull?cursor=0&clientId=${deviceClient}`)).status).toBe(403)

    const memberClient = randomUUID()
    expect((await w.member.a.get(`/api/sync/pull?cursor=0&clientId=${memberClient}`)).status).toBe(200)
    const devicePush = await w.device.post('/api/sync/push', pushBody(memberClient, []), w.auth)
    expect(devicePush.status).toBe(403)
    expect(devicePush.body.error.code).toBe('client_not_yours')
    expect((await w.device.get(`/api/sync/pull?cursor=0&clientId=${memberClient}`, w.auth)).status).toBe(403)
    expect((await w.ctx.db.selectFrom('users').select('bio').where('id', '=', w.member.user.id).executeTakeFirstOrThrow()).bio).not.toBe(
      '冒用',
    )
  })

  it('answers 401 to a revoked device, even from a browser that also holds a member’s session', async () => {
    const w = await world()
    expect((await w.device.get('/api/sync/pull?cursor=0', w.auth)).status).toBe(200)
    expect((await w.issuer.a.post(`/api/admin/devices/${w.deviceId}/revoke`)).status).toBe(200)
    for (const agent of [w.device, w.member.a]) {
      const pulled = await agent.get('/api/sync/pull?cursor=0', w.auth)
      expect(pulled.status).toBe(401)
      expect(pulled.body.error.code).toBe('device_unauthorized')
      expect(
        (await agent.post('/api/sync/push', pushBody(randomUUID(), [mutation('profile.update', { bio: '撤销后' })]), w.auth)).status,
      ).toBe(401)
    }
    expect(await w.ctx.db.selectFrom('sync_mutations').select('mutation_id').execute()).toEqual([])
  })

  it('is declared in the OpenAPI document: a session or a device token', async () => {
    const ctx: Ctx = await beijingContext()
    const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security: unknown[] }>>
    }
    for (const [path, method] of [
      ['/api/sync/push', 'post'],
      ['/api/sync/pull', 'get'],
    ] as const) {
      expect(doc.paths[path]![method]!.security).toEqual([{ sessionCookie: [] }, { deviceToken: [] }])
    }
  })
})
