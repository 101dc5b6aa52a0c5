/** Invisible and control characters are refused at every door where human text comes in, and nothing is written. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { admin, beijingContext, checkIn, makeActivity, makeContext, person } from './fixtures'

const good = { phone: '13812345678', password: 'Kexie-2026!', acceptPrivacy: true }

describe('human text on the server', () => {
  it.each([
    ['a name plus U+200B', '张三\u200B'],
    ['a zero-width-only name', '\u200B\u200C'],
    ['NUL', '张\u0000三'],
    ['a right-to-left override', '\u202E三张'],
    ['U+2028', '张\u2028三'],
    ['a Hangul filler', '\u3164'],
  ])('refuses registering with %s: 400, the reason in words, nothing written', async (_label, name) => {
    const { agent, db } = await makeContext()
    const res = await agent().post('/api/auth/register', { ...good, code: '123456', name })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_input')
    expect(res.body.error.message).toMatch(/name must not contain (control|invisible|the Unicode line)/)
    expect(await db.selectFrom('users').select('id').execute()).toHaveLength(0)
    expect(await db.selectFrom('sessions').select('id').execute()).toHaveLength(0)
  })

  it('stores names in NFC', async () => {
    const { agent, withCode } = await makeContext()
    const res = await agent().post('/api/auth/register', await withCode({ ...good, name: ' Jose\u0301 ' }))
    expect(res.status).toBe(201)
    expect(res.body.name).toBe('José')
  })

  it('refuses an activity whose title or venue hides characters, and writes no activity', async () => {
    const ctx = await beijingContext()
    const a = await admin(ctx, 'cast-110108')
    const input = {
      orgId: 'cast-110108',
      kind: 'popularization',
      title: '青少年科普开放日',
      description: '带孩子来看机器人',
      venueAddress: '海淀区科技馆',
      startsAt: '2026-12-12T02:00:00Z',
      endsAt: '2026-12-12T05:00:00Z',
      registrationOpensAt: '2026-11-28T00:00:00Z',
      registrationClosesAt: '2026-12-11T12:00:00Z',
      capacity: 2,
    }
    for (const bad of [{ title: '科普\u000B开放日' }, { venueAddress: '海淀区\u2066科技馆' }, { description: '欢迎\u0085参加' }]) {
      const res = await a.a.post('/api/activities', { ...input, ...bad })
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.error.message).toMatch(/must not contain/)
    }
    expect(await ctx.db.selectFrom('activities').select('id').execute()).toHaveLength(0)
    // an emoji sequence in the description is fine
    expect((await a.a.post('/api/activities', { ...input, description: '全家一起来 👨‍👩‍👧\n第二行' })).status).toBe(201)
  })

  it('refuses a profile update and a walk-in check-in whose name hides characters (sync: rejected, nothing written)', async () => {
    const ctx = await beijingContext()
    const member = await person(ctx, { name: '李四' })
    const update = await member.mutate('profile.update', { name: '李四\u200B' })
    expect(update).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect((await ctx.db.selectFrom('users').select('name').where('id', '=', member.user.id).executeTakeFirstOrThrow()).name).toBe('李四')
    const organiser = await admin(ctx, 'cast-110108')
    const activity = await makeActivity(ctx.db)
    const walkIn = await checkIn(organiser, activity.id, { name: '\u202E王五' }, randomUUID())
    expect(walkIn).toMatchObject({ status: 'rejected', code: 'invalid_args' })
    expect(await ctx.db.selectFrom('check_ins').select('id').execute()).toHaveLength(0)
  })
})
