/**
 * Codes by SMS (server/domain/verification-codes.ts): the life of a code (6 digits, hashed, 5 minutes,
 * 5 tries, one live code per number and purpose, single use), the limits per number and per address,
 * no account enumeration, sign-in by code, 忘记密码, and the admin's one-time reset code.
 */
import { describe, expect, it } from 'vitest'
import { beijingContext, makeContext, makeMembership, makeSession, makeUser, type Ctx } from './fixtures'

const ask = (ctx: Ctx, phone: string, purpose: 'register' | 'login' | 'reset') => ctx.agent().post('/api/auth/sms-code', { phone, purpose })
const lastCode = (ctx: Ctx, phone: string, purpose: 'register' | 'login' | 'reset') => ctx.sms.lastCode(phone, purpose)
/** a code that is not `code` (still six digits) */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')
const person = { phone: '13812345678', password: 'Kexie-2026!', name: '张三', acceptPrivacy: true }

describe('the life of a code', () => {
  it('is 6 digits, stored only as a salted hash, and registers once', async () => {
    const ctx = await makeContext()
    const res = await ask(ctx, person.phone, 'register')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ sent: true, resendAfterSeconds: 60, expiresInSeconds: 300 })
    const code = lastCode(ctx, person.phone, 'register')!
    expect(code).toMatch(/^\d{6}$/)
    const stored = await ctx.db.selectFrom('verification_codes').selectAll().execute()
    expect(stored).toHaveLength(1)
    expect(JSON.stringify(stored)).not.toContain(code)
    expect((await ctx.agent().post('/api/auth/register', { ...person, code })).status).toBe(201)
    expect(await ctx.db.selectFrom('verification_codes').selectAll().execute()).toHaveLength(0)
  })

  it('expires after 5 minutes (the clock)', async () => {
    const ctx = await makeContext()
    await ask(ctx, person.phone, 'register')
    const code = lastCode(ctx, person.phone, 'register')!
    ctx.clock.advance(5 * 60_000)
    const late = await ctx.agent().post('/api/auth/register', { ...person, code })
    expect(late.status).toBe(401)
    expect(late.body.error.code).toBe('code_invalid')
  })

  it('is burned after 5 wrong tries: the right code fails then, with the same answer', async () => {
    const ctx = await makeContext()
    await ask(ctx, person.phone, 'register')
    const code = lastCode(ctx, person.phone, 'register')!
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await ctx.agent().post('/api/auth/register', { ...person, code: otherThan(code) }))
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401])
    const right = await ctx.agent().post('/api/auth/register', { ...person, code })
    expect(right.status).toBe(401)
    expect(right.body.error).toEqual(answers[0]!.body.error)
    expect(await ctx.db.selectFrom('users').select('id').execute()).toHaveLength(0)
  })

  it('4 wrong tries leave it usable; a weak password keeps it too', async () => {
    const ctx = await makeContext()
    await ask(ctx, person.phone, 'register')
    const code = lastCode(ctx, person.phone, 'register')!
    for (let i = 0; i < 4; i++)
      expect((await ctx.agent().post('/api/auth/register', { ...person, code: otherThan(code) })).status).toBe(401)
    expect((await ctx.agent().post('/api/auth/register', { ...person, code, password: '12345678' })).status).toBe(422)
    expect((await ctx.agent().post('/api/auth/register', { ...person, code })).status).toBe(201)
  })

  it('one live code per number and purpose: a new one replaces the old', async () => {
    const ctx = await makeContext()
    await ask(ctx, person.phone, 'register')
    const first = lastCode(ctx, person.phone, 'register')!
    ctx.clock.advance(60_000)
    await ask(ctx, person.phone, 'register')
    const second = lastCode(ctx, person.phone, 'register')!
    expect(await ctx.db.selectFrom('verification_codes').selectAll().execute()).toHaveLength(1)
    if (first !== second) expect((await ctx.agent().post('/api/auth/register', { ...person, code: first })).status).toBe(401)
    expect((await ctx.agent().post('/api/auth/register', { ...person, code: second })).status).toBe(201)
  })

  it('a code for one purpose does not work for another', async () => {
    const ctx = await makeContext()
    const u = await makeUser(ctx.db)
    await ask(ctx, u.phone, 'reset')
    const code = lastCode(ctx, u.phone, 'reset')!
    expect((await ctx.agent().post('/api/auth/login/code', { phone: u.phone, code })).status).toBe(401)
  })
})

describe('limits', () => {
  it('per number and purpose: one code a minute, 429 rate_limited with Retry-After', async () => {
    const ctx = await makeContext()
    expect((await ask(ctx, person.phone, 'register')).status).toBe(200)
    const again = await ask(ctx, person.phone, 'register')
    expect(again.status).toBe(429)
    expect(again.body.error.code).toBe('rate_limited')
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect(ctx.sms.messagesTo(person.phone)).toHaveLength(1)
  })

  it('per number: at most smsLimitPerNumber codes an hour, whatever the purpose', async () => {
    const ctx = await makeContext({ smsLimitPerNumber: 3 })
    const u = await makeUser(ctx.db)
    const statuses = []
    for (const purpose of ['login', 'reset'] as const) {
      for (let i = 0; i < 2; i++) {
        statuses.push((await ask(ctx, u.phone, purpose)).status)
        ctx.clock.advance(61_000)
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(ctx.sms.messagesTo(u.phone)).toHaveLength(3)
  })

  it('per address: at most smsLimitPerIp codes an hour, for any numbers; another address is not held up', async () => {
    const ctx = await makeContext({ smsLimitPerIp: 3 })
    const from = async (peer: string, phone: string) =>
      (
        await ctx.app.request(
          '/api/auth/sms-code',
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, purpose: 'register' }) },
          { incoming: { socket: { remoteAddress: peer } } },
        )
      ).status
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push(await from('198.51.100.7', `1371234000${i}`))
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(await from('198.51.100.8', '13712340009')).toBe(200)
  })

  it('sign-in by code shares the password login’s per-number limit', async () => {
    const ctx = await makeContext({ loginLimitPerAccount: 3 })
    const u = await makeUser(ctx.db)
    for (let i = 0; i < 3; i++)
      expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: 'wrong-one-1' })).status).toBe(401)
    await ask(ctx, u.phone, 'login')
    const res = await ctx.agent().post('/api/auth/login/code', { phone: u.phone, code: lastCode(ctx, u.phone, 'login') })
    expect(res.status).toBe(429)
    expect(res.body.error.code).toBe('too_many_attempts')
  })
})

describe('no account enumeration', () => {
  it('asking a login or reset code: the same answer for a known and an unknown number; only the known one gets an SMS', async () => {
    const ctx = await makeContext()
    const u = await makeUser(ctx.db)
    for (const purpose of ['login', 'reset'] as const) {
      const known = await ask(ctx, u.phone, purpose)
      const unknown = await ask(ctx, '13900009999', purpose)
      expect(known.status).toBe(200)
      expect(unknown.status).toBe(known.status)
      expect(unknown.body).toEqual(known.body)
    }
    expect(ctx.sms.messagesTo(u.phone).map((m) => m.purpose)).toEqual(['login', 'reset'])
    expect(ctx.sms.messagesTo('13900009999')).toEqual([])
  })

  it('registering a number that has an account: the same answer; its owner gets a warning without a code', async () => {
    const ctx = await makeContext()
    const u = await makeUser(ctx.db)
    const taken = await ask(ctx, u.phone, 'register')
    const fresh = await ask(ctx, '13900009998', 'register')
    expect(taken.status).toBe(200)
    expect(taken.body).toEqual(fresh.body)
    const [warning] = ctx.sms.messagesTo(u.phone)
    expect(warning).toMatchObject({ kind: 'already_registered', code: null })
    expect(warning!.text).toContain('忘记密码')
    expect(warning!.text).toContain('验证码登录')
    // whatever code is tried, the answer is a wrong code's, never "taken"
    const tried = await ctx.agent().post('/api/auth/register', { ...person, phone: u.phone, code: '123456' })
    const wrong = await ctx
      .agent()
      .post('/api/auth/register', { ...person, phone: '13900009998', code: otherThan(lastCode(ctx, '13900009998', 'register')!) })
    expect(tried.status).toBe(401)
    expect(tried.body).toEqual(wrong.body)
  })

  it('signing in or resetting with a code for an unknown number: the same answer as a wrong code', async () => {
    const ctx = await makeContext()
    const u = await makeUser(ctx.db)
    await ask(ctx, u.phone, 'login')
    const wrong = await ctx.agent().post('/api/auth/login/code', { phone: u.phone, code: otherThan(lastCode(ctx, u.phone, 'login')!) })
    const unknown = await ctx.agent().post('/api/auth/login/code', { phone: '13900009997', code: '123456' })
    expect(wrong.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
    const reset = await ctx
      .agent()
      .post('/api/auth/password/reset', { phone: '13900009997', code: '123456', newPassword: 'New-home-2026!' })
    expect(reset.status).toBe(401)
    expect(reset.body).toEqual(wrong.body)
  })
})

describe('sign-in by code', () => {
  it('gives a session like a password login; the code works once', async () => {
    const ctx = await makeContext()
    const u = await makeUser(ctx.db)
    await ask(ctx, u.phone, 'login')
    const code = lastCode(ctx, u.phone, 'login')!
    expect(ctx.sms.messagesTo(u.phone)[0]!.text).toContain(code)
    const a = ctx.agent()
    const res = await a.post('/api/auth/login/code', { phone: u.phone, code })
    expect(res.status).toBe(200)
    expect(res.body.phone).toBe(u.phone)
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect((await a.get('/api/me')).body.id).toBe(u.id)
    expect((await ctx.agent().post('/api/auth/login/code', { phone: u.phone, code })).status).toBe(401)
  })
})

describe('忘记密码', () => {
  it('a code and a new password: the new one works, the old does not, every session ends, audited', async () => {
    const ctx = await makeContext()
    const u = await makeUser(ctx.db)
    const other = await makeSession(ctx, u)
    expect((await other.get('/api/me')).status).toBe(200)
    await ask(ctx, u.phone, 'reset')
    const code = lastCode(ctx, u.phone, 'reset')!
    const weak = await ctx.agent().post('/api/auth/password/reset', { phone: u.phone, code, newPassword: 'password1' })
    expect(weak.status).toBe(422)
    const res = await ctx.agent().post('/api/auth/password/reset', { phone: u.phone, code, newPassword: 'New-home-2026!' })
    expect(res.status).toBe(200)
    expect((await other.get('/api/me')).status).toBe(401)
    expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: u.password })).status).toBe(401)
    expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: 'New-home-2026!' })).status).toBe(200)
    const entry = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'password.reset').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actor_id: u.id, target: u.id })
    expect(JSON.parse(entry.detail!)).toEqual({ via: 'sms' })
    // used once
    const again = await ctx.agent().post('/api/auth/password/reset', { phone: u.phone, code, newPassword: 'Third-home-2026!' })
    expect(again.status).toBe(401)
  })

  it('a reset clears the number’s login lock', async () => {
    const ctx = await makeContext({ loginLimitPerAccount: 2 })
    const u = await makeUser(ctx.db)
    for (let i = 0; i < 2; i++) await ctx.agent().post('/api/auth/login', { phone: u.phone, password: 'wrong-one-1' })
    expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: u.password })).status).toBe(429)
    await ask(ctx, u.phone, 'reset')
    const code = lastCode(ctx, u.phone, 'reset')!
    expect((await ctx.agent().post('/api/auth/password/reset', { phone: u.phone, code, newPassword: 'New-home-2026!' })).status).toBe(200)
    expect((await ctx.agent().post('/api/auth/login', { phone: u.phone, password: 'New-home-2026!' })).status).toBe(200)
  })
})

describe('the admin’s one-time reset code', () => {
  async function world() {
    const ctx = await beijingContext()
    const member = await makeUser(ctx.db, { name: '王会员' })
    const membership = await makeMembership(ctx.db, { userId: member.id, orgId: 'cast-110108010' })
    const orgAdmin = await makeUser(ctx.db)
    await makeMembership(ctx.db, { userId: orgAdmin.id, orgId: 'cast-110108', role: 'admin' })
    const admin = await makeSession(ctx, orgAdmin)
    return { ctx, member, membership, orgAdmin, admin }
  }

  it('is shown once, audited without the code, works once on the 忘记密码 screen', async () => {
    const { ctx, member, membership, orgAdmin, admin } = await world()
    const res = await admin.post(`/api/admin/memberships/${membership}/reset-code`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ userName: '王会员', phone: `${member.phone.slice(0, 3)}****${member.phone.slice(7)}` })
    expect(res.body.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/)
    const entry = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'password.reset_code').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actor_id: orgAdmin.id, target: member.id, org_id: 'cast-110108010' })
    expect(entry.detail).not.toContain(res.body.code.replace('-', ''))
    expect(JSON.stringify(await ctx.db.selectFrom('verification_codes').selectAll().execute())).not.toContain(
      res.body.code.replace('-', ''),
    )
    expect(ctx.sms.inbox).toEqual([]) // nothing sent: the admin reads it out
    // typed in lower case with spaces: still the code
    const typed = res.body.code.toLowerCase().replace('-', ' ')
    const reset = await ctx.agent().post('/api/auth/password/reset', { phone: member.phone, code: typed, newPassword: 'New-home-2026!' })
    expect(reset.status).toBe(200)
    const done = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'password.reset').executeTakeFirstOrThrow()
    expect(JSON.parse(done.detail!)).toEqual({ via: 'admin_code', issuedBy: orgAdmin.id })
    expect((await ctx.agent().post('/api/auth/login', { phone: member.phone, password: 'New-home-2026!' })).status).toBe(200)
    const twice = await ctx.agent().post('/api/auth/password/reset', { phone: member.phone, code: typed, newPassword: 'Third-home-2026!' })
    expect(twice.status).toBe(401)
  })

  it('lasts 24 hours', async () => {
    const { ctx, member, membership, admin } = await world()
    const { code } = (await admin.post(`/api/admin/memberships/${membership}/reset-code`)).body
    ctx.clock.advance(24 * 3600_000)
    expect((await ctx.agent().post('/api/auth/password/reset', { phone: member.phone, code, newPassword: 'New-home-2026!' })).status).toBe(
      401,
    )
  })

  it('is refused for another administrator (unless a system admin asks), for oneself, for a member, and outside the subtree', async () => {
    const { ctx, orgAdmin, admin } = await world()
    const peer = await makeUser(ctx.db)
    const peerMembership = await makeMembership(ctx.db, { userId: peer.id, orgId: 'cast-110108010' })
    await makeMembership(ctx.db, { userId: peer.id, orgId: 'cast-110108011', role: 'admin' })
    const refused = await admin.post(`/api/admin/memberships/${peerMembership}/reset-code`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('is_admin')
    const system = await makeSession(ctx, await makeUser(ctx.db, { systemRole: 'system_admin' }))
    expect((await system.post(`/api/admin/memberships/${peerMembership}/reset-code`)).status).toBe(200)
    const own = await makeMembership(ctx.db, { userId: orgAdmin.id, orgId: 'cast-110108010' })
    expect((await admin.post(`/api/admin/memberships/${own}/reset-code`)).status).toBe(403)
    const stranger = await makeUser(ctx.db)
    const elsewhere = await makeMembership(ctx.db, { userId: stranger.id, orgId: 'cast-110105' })
    expect((await admin.post(`/api/admin/memberships/${elsewhere}/reset-code`)).status).toBe(403)
    const plain = await makeSession(ctx, stranger)
    expect((await plain.post(`/api/admin/memberships/${peerMembership}/reset-code`)).status).toBe(403)
    const codes = await ctx.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'password.reset_code').execute()
    expect(codes).toHaveLength(1)
  })
})
