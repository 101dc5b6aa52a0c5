/**
 * Notices (消息, issue 12): written by the services in the transaction of the change, once per
 * event and person; synced to that person only (never to another person, never to a device);
 * marked read through a push.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Notice } from '../../shared/schemas/notice'
import {
  admin,
  beijingContext,
  cancel,
  makeActivity,
  mutation,
  person,
  pulled,
  pushBody,
  register,
  type Ctx,
  type Person,
} from './fixtures'

/** Everything a person pulls of their notices, oldest first. */
async function noticesOf(p: Person): Promise<Notice[]> {
  return [...(await pulled(p, 'notices')).values()].sort((a, b) => Number(a.version) - Number(b.version)) as unknown as Notice[]
}
const kinds = async (p: Person) => (await noticesOf(p)).map((n) => n.kind)
const storedCount = async (ctx: Ctx) =>
  Number(
    (
      await ctx.db
        .selectFrom('notices')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('notices of membership decisions', () => {
  it('tells the applicant of an approval, once, and nobody else', async () => {
    const ctx = await beijingContext()
    const boss = await admin(ctx, 'cast-110108')
    const applicant = await person(ctx)
    const bystander = await person(ctx)
    const id = randomUUID()
    expect((await applicant.apply('cast-110108', id)).data.status).toBe('pending')
    expect(await kinds(applicant)).toEqual([]) // applying tells nobody anything

    expect((await boss.a.post(`/api/admin/memberships/${id}/approve`)).status).toBe(200)
    expect((await boss.a.post(`/api/admin/memberships/${id}/approve`)).status).toBe(409) // a second tap changes nothing
    const [notice, ...more] = await noticesOf(applicant)
    expect(more).toEqual([])
    expect(notice).toMatchObject({
      kind: 'membership_approved',
      orgId: 'cast-110108',
      activityId: null,
      subjectId: id,
      title: '北京市海淀区科学技术协会',
      reason: null,
      readAt: null,
    })
    expect(await kinds(boss)).toEqual([])
    expect(await kinds(bystander)).toEqual([])
    expect(await storedCount(ctx)).toBe(1)
  })

  it('tells a refusal with the admin’s reason', async () => {
    const ctx = await beijingContext()
    const boss = await admin(ctx, 'cast-110108')
    const applicant = await person(ctx)
    const id = randomUUID()
    await applicant.apply('cast-110108', id)
    expect((await boss.a.post(`/api/admin/memberships/${id}/reject`, { reason: '请先补充工作单位' })).status).toBe(200)
    expect(await noticesOf(applicant)).toEqual([
      expect.objectContaining({ kind: 'membership_rejected', subjectId: id, reason: '请先补充工作单位' }),
    ])
  })

  it('writes nothing when the decision is refused (not the admin, not pending)', async () => {
    const ctx = await beijingContext()
    await admin(ctx, 'cast-110108')
    const other = await admin(ctx, 'cast-110105')
    const applicant = await person(ctx)
    const id = randomUUID()
    await applicant.apply('cast-110108', id)
    expect((await other.a.post(`/api/admin/memberships/${id}/approve`)).status).toBe(403)
    expect((await applicant.a.post(`/api/admin/memberships/${id}/approve`)).status).toBe(403)
    expect(await storedCount(ctx)).toBe(0)
  })
})

describe('notices of activities', () => {
  it('tells the head of the waitlist of its place when someone cancels, once even when the cancel is sent again', async () => {
    const ctx = await beijingContext()
    const activity = await makeActivity(ctx.db, { capacity: 1, title: '量子计算讲座' })
    const first = await person(ctx)
    const second = await person(ctx)
    const firstReg = randomUUID()
    const secondReg = randomUUID()
    expect((await register(first, activity.id, firstReg)).data.status).toBe('registered')
    expect((await register(second, activity.id, secondReg)).data.status).toBe('waitlisted')

    const clientId = randomUUID()
    const cancelMutation = mutation('activity.cancel', { registrationId: firstReg })
    for (let i = 0; i < 2; i++) {
      const res = await first.a.post('/api/sync/push', pushBody(clientId, [cancelMutation]))
      expect(res.body.results[0].status).toBe('applied')
    }
    expect(await noticesOf(second)).toEqual([
      expect.objectContaining({ kind: 'waitlist_promoted', activityId: activity.id, subjectId: secondReg, title: '量子计算讲座' }),
    ])
    expect(await kinds(first)).toEqual([])
  })

  it('says "awaiting approval" to a promoted person when the activity needs approval, then tells the decision', async () => {
    const ctx = await beijingContext()
    const boss = await admin(ctx, 'cast-110108')
    const activity = await makeActivity(ctx.db, { capacity: 1, requiresApproval: true })
    const first = await person(ctx)
    const second = await person(ctx)
    const firstReg = randomUUID()
    const secondReg = randomUUID()
    await register(first, activity.id, firstReg)
    await register(second, activity.id, secondReg)
    const decide = (reg: string, d: 'approve' | 'reject') => boss.a.post(`/api/activities/${activity.id}/registrations/${reg}/${d}`)

    expect((await decide(firstReg, 'reject')).status).toBe(200)
    expect(await kinds(first)).toEqual(['registration_rejected'])
    expect(await kinds(second)).toEqual(['waitlist_promoted_approval'])
    expect((await decide(secondReg, 'approve')).status).toBe(200)
    expect((await decide(secondReg, 'approve')).status).toBe(409)
    expect(await kinds(second)).toEqual(['waitlist_promoted_approval', 'registration_approved'])
    expect(await kinds(boss)).toEqual([])
  })

  it('tells everyone still on an activity of a new time or place, not of other edits, and not the organiser who made it', async () => {
    const ctx = await beijingContext()
    const boss = await admin(ctx, 'cast-110108')
    const activity = await makeActivity(ctx.db, { capacity: 1 })
    const [registered, waiting, gone] = [await person(ctx), await person(ctx), await person(ctx)]
    const goneReg = randomUUID()
    await register(gone, activity.id, goneReg)
    await cancel(gone, goneReg)
    await register(registered, activity.id)
    await register(waiting, activity.id)
    await register(boss, activity.id) // the organiser is on the waitlist of their own activity
    const edit = (patch: Record<string, unknown>) => boss.a.request('PATCH', `/api/activities/${activity.id}`, patch)

    expect((await edit({ title: '人工智能前沿讲座（第二讲）', description: '更新了介绍' })).status).toBe(200)
    expect(await storedCount(ctx)).toBe(0)

    expect((await edit({ startsAt: '2026-12-10T07:00:00.000Z', endsAt: '2026-12-10T09:00:00.000Z' })).status).toBe(200)
    expect((await edit({ venueAddress: '北京市海淀区学院路30号' })).status).toBe(200)
    for (const p of [registered, waiting]) {
      expect(await noticesOf(p)).toEqual([
        expect.objectContaining({
          kind: 'activity_changed',
          startsAt: '2026-12-10T07:00:00.000Z',
          venueAddress: '北京市海淀区中关村大街1号',
        }),
        expect.objectContaining({ kind: 'activity_changed', startsAt: '2026-12-10T07:00:00.000Z', venueAddress: '北京市海淀区学院路30号' }),
      ])
    }
    expect(await kinds(gone)).toEqual([])
    expect(await kinds(boss)).toEqual([])

    // more places let the waitlist in: that is a promotion, not a change of time or place
    expect((await edit({ capacity: 2 })).status).toBe(200)
    expect(await kinds(waiting)).toEqual(['activity_changed', 'activity_changed', 'waitlist_promoted'])
  })

  it('tells everyone on a cancelled activity, with the reason, once', async () => {
    const ctx = await beijingContext()
    const boss = await admin(ctx, 'cast-110108')
    const activity = await makeActivity(ctx.db, { capacity: 1, title: '科普讲座' })
    const [registered, waiting] = [await person(ctx), await person(ctx)]
    await register(registered, activity.id)
    await register(waiting, activity.id)
    expect((await boss.a.post(`/api/activities/${activity.id}/cancel`, { reason: '场地维修' })).status).toBe(200)
    expect((await boss.a.post(`/api/activities/${activity.id}/cancel`, { reason: '场地维修' })).status).toBe(409)
    for (const p of [registered, waiting]) {
      expect(await noticesOf(p)).toEqual([
        expect.objectContaining({ kind: 'activity_cancelled', activityId: activity.id, title: '科普讲座', reason: '场地维修' }),
      ])
    }
    expect(await storedCount(ctx)).toBe(2)
  })
})

describe('reading notices', () => {
  async function approvedApplicant() {
    const ctx = await beijingContext()
    const boss = await admin(ctx, 'cast-110108')
    const applicant = await person(ctx)
    const ids = [randomUUID(), randomUUID()]
    await applicant.apply('cast-110108', ids[0])
    await applicant.apply('cast-110105', ids[1])
    await boss.a.post(`/api/admin/memberships/${ids[0]}/reject`, { reason: '资料不全' })
    await (await admin(ctx, 'cast-110105')).a.post(`/api/admin/memberships/${ids[1]}/approve`)
    const notices = await noticesOf(applicant)
    expect(notices).toHaveLength(2)
    return { ctx, boss, applicant, notices }
  }

  it('marks one, then all, read through a push; the next pull carries the time', async () => {
    const { ctx, applicant, notices } = await approvedApplicant()
    const one = await applicant.mutate('notice.markRead', { noticeIds: [notices[0]!.id] })
    expect(one.status).toBe('applied')
    expect(one.data).toEqual([expect.objectContaining({ id: notices[0]!.id, readAt: ctx.clock.now().toISOString() })])
    const readAt = one.data[0].readAt

    ctx.clock.advance(60_000)
    const all = await applicant.mutate('notice.markRead', { noticeIds: notices.map((n) => n.id) })
    expect(all.status).toBe('applied')
    const after = await noticesOf(applicant)
    expect(after.find((n) => n.id === notices[0]!.id)!.readAt).toBe(readAt) // already read: its time is kept
    expect(after.find((n) => n.id === notices[1]!.id)!.readAt).toBe(ctx.clock.now().toISOString())
  })

  it('refuses someone else’s notice (as not found, not retried) and bad arguments, changing nothing', async () => {
    const { ctx, boss, applicant, notices } = await approvedApplicant()
    const theirs = await boss.mutate('notice.markRead', { noticeIds: [notices[0]!.id] })
    expect(theirs).toMatchObject({ status: 'rejected', code: 'not_found' })
    const mixed = await applicant.mutate('notice.markRead', { noticeIds: [notices[0]!.id, randomUUID()] })
    expect(mixed).toMatchObject({ status: 'rejected', code: 'not_found' })
    for (const args of [{ noticeIds: [] }, { noticeIds: ['not-a-uuid'] }, { all: true }]) {
      expect(await applicant.mutate('notice.markRead', args)).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    }
    const rows = await ctx.db.selectFrom('notices').select('read_at').execute()
    expect(rows.map((r) => r.read_at)).toEqual([null, null])
  })

  it('never reaches a device, and a device cannot mark one read', async () => {
    const { ctx, notices } = await approvedApplicant()
    const issuer = await admin(ctx, 'cast-110108')
    const issued = await issuer.a.post('/api/admin/devices', { orgId: 'cast-110108', name: '区科协前台平板' })
    expect(issued.status).toBe(201)
    const auth = { authorization: `Device ${issued.body.token as string}` }
    const device = ctx.agent()
    const seen: string[] = []
    let cursor = 0
    for (;;) {
      const res = await device.get(`/api/sync/pull?cursor=${cursor}&limit=500`, auth)
      expect(res.status).toBe(200)
      seen.push(...res.body.changes.map((c: { table: string }) => c.table))
      cursor = res.body.cursor
      if (!res.body.hasMore) break
    }
    expect(seen).not.toContain('notices')
    const res = await device.post(
      '/api/sync/push',
      pushBody(randomUUID(), [mutation('notice.markRead', { noticeIds: [notices[0]!.id] })]),
      auth,
    )
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'not_for_devices' })
  })

  it('goes with the account: in the export, and deleted with it', async () => {
    const { ctx, applicant } = await approvedApplicant()
    const exported = await applicant.a.get('/api/me/export')
    expect(exported.status).toBe(200)
    expect(exported.body.sections.notices.map((n: Notice) => n.kind).sort()).toEqual(['membership_approved', 'membership_rejected'])
    const deleted = await applicant.a.post('/api/me/delete', { password: applicant.user.password })
    expect(deleted.status).toBe(200)
    expect(deleted.body.removed).toContainEqual({ what: 'notices', count: 2 })
    expect(await storedCount(ctx)).toBe(0)
  })
})
