import { describe, expect, it } from 'vitest'
import { type Ctx, makeContext, makeMembership, makeOrg, makeSession, makeUser } from './fixtures'
import { hashPassword, verifyPassword } from '../../server/domain/passwords'

const loggedIn = (ctx: Ctx, user: { phone: string; password: string }, ua = 'test-agent') => makeSession(ctx, user, { 'user-agent': ua })

describe('my sessions', () => {
  it('lists my own sessions only, marks the current one, and never shows a token', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const other = await makeUser(ctx.db)
    const phone = await loggedIn(ctx, me, 'phone')
    const laptop = await loggedIn(ctx, me, 'laptop')
    await loggedIn(ctx, other, 'someone else')
    const res = await laptop.get('/api/me/sessions')
    expect(res.status).toBe(200)
    expect(res.body.items.map((s: { userAgent: string }) => s.userAgent).sort()).toEqual(['laptop', 'phone'])
    expect(res.body.items.filter((s: { current: boolean }) => s.current).map((s: { userAgent: string }) => s.userAgent)).toEqual(['laptop'])
    const token = laptop.cookie.split('=')[1]!
    expect(JSON.stringify(res.body)).not.toContain(token)
    for (const s of res.body.items) expect(s.id).toMatch(/^[A-Za-z0-9_-]{12}$/)
    expect((await phone.get('/api/me/sessions')).body.items).toHaveLength(2)
  })

  it('ends another session of mine, which is then logged out, and audits it', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const phone = await loggedIn(ctx, me, 'phone')
    const laptop = await loggedIn(ctx, me, 'laptop')
    const list = (await laptop.get('/api/me/sessions')).body.items as Array<{ id: string; userAgent: string }>
    const phoneId = list.find((s) => s.userAgent === 'phone')!.id
    const end = await laptop.post(`/api/me/sessions/${phoneId}/end`)
    expect(end.status).toBe(200)
    expect(end.body).toEqual({ ended: 1 })
    expect((await phone.get('/api/me')).status).toBe(401)
    expect((await laptop.get('/api/me')).status).toBe(200)
    const entries = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'session.end').execute()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actor_id: me.id, target: me.id })
  })

  it('refuses to end another person’s session with 404, exactly like a missing one', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const victim = await makeUser(ctx.db)
    const mine = await loggedIn(ctx, me)
    const theirs = await loggedIn(ctx, victim)
    const theirId = (await theirs.get('/api/me/sessions')).body.items[0].id as string
    const attempt = await mine.post(`/api/me/sessions/${theirId}/end`)
    const missing = await mine.post('/api/me/sessions/AAAAAAAAAAAA/end')
    expect(attempt.status).toBe(404)
    expect(missing.status).toBe(404)
    expect(attempt.body).toEqual(missing.body)
    expect((await theirs.get('/api/me')).status).toBe(200)
    expect(await ctx.db.selectFrom('audit_log').selectAll().execute()).toHaveLength(0)
  })

  it('refuses a malformed session id (400) and anonymous callers (401)', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const a = await loggedIn(ctx, me)
    const bad = await a.post("/api/me/sessions/'%20or%201=1/end")
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_input')
    const anon = ctx.agent()
    expect((await anon.get('/api/me/sessions')).status).toBe(401)
    expect((await anon.post('/api/me/sessions/end-others')).status).toBe(401)
    expect((await anon.post('/api/me/sessions/AAAAAAAAAAAA/end')).status).toBe(401)
  })

  it('ends every other session of mine but not this one, and nobody else’s', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const other = await makeUser(ctx.db)
    const a = await loggedIn(ctx, me)
    const b = await loggedIn(ctx, me)
    const c = await loggedIn(ctx, me)
    const o = await loggedIn(ctx, other)
    const res = await a.post('/api/me/sessions/end-others')
    expect(res.body).toEqual({ ended: 2 })
    expect((await a.get('/api/me')).status).toBe(200)
    expect((await b.get('/api/me')).status).toBe(401)
    expect((await c.get('/api/me')).status).toBe(401)
    expect((await o.get('/api/me')).status).toBe(200)
  })
})

describe('session lifetime', () => {
  it('gives a member 30 minutes idle but an org admin 15', async () => {
    const ctx = await makeContext()
    await makeOrg(ctx.db, { id: 'cast-national', name: '中国科学技术协会', level: 'national' })
    const member = await makeUser(ctx.db)
    const admin = await makeUser(ctx.db)
    await makeMembership(ctx.db, { userId: admin.id, orgId: 'cast-national', role: 'admin' })
    const m = await loggedIn(ctx, member)
    const a = await loggedIn(ctx, admin)
    ctx.clock.advance(14 * 60_000)
    expect((await a.get('/api/me')).status).toBe(200) // activity resets the idle clock
    expect((await m.get('/api/me')).status).toBe(200)
    ctx.clock.advance(16 * 60_000)
    expect((await m.get('/api/me')).status).toBe(200)
    expect((await a.get('/api/me')).status).toBe(401)
  })

  it('gives a system admin 15 minutes idle', async () => {
    const ctx = await makeContext()
    const root = await makeUser(ctx.db, { systemRole: 'system_admin' })
    const a = await loggedIn(ctx, root)
    ctx.clock.advance(15 * 60_000 + 1000)
    expect((await a.get('/api/me')).status).toBe(401)
    expect(await ctx.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0)
  })

  it('ends any session 12 hours after login even when it is used all the time', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const a = await loggedIn(ctx, me)
    for (let i = 0; i < 24; i++) {
      ctx.clock.advance(29 * 60_000)
      expect((await a.get('/api/me')).status).toBe(200)
    }
    ctx.clock.advance(30 * 60_000)
    expect((await a.get('/api/me')).status).toBe(401)
  })

  it('never reuses a cookie planted before login (session fixation)', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const planted = 'sh_session=attacker-chosen-token-0123456789'
    const res = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planted },
      body: JSON.stringify({ phone: me.phone, password: me.password }),
    })
    expect(res.status).toBe(200)
    const issued = res.headers.get('set-cookie')!.split(';')[0]!
    expect(issued).toMatch(/^sh_session=/)
    expect(issued).not.toBe(planted)
    const withPlanted = await ctx.app.request('/api/me', { headers: { cookie: planted } })
    expect(withPlanted.status).toBe(401)
  })

  it('replaces a live session at the next login instead of keeping both', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const a = await loggedIn(ctx, me)
    const first = a.cookie
    expect((await a.post('/api/auth/login', { phone: me.phone, password: me.password })).status).toBe(200)
    expect(a.cookie).not.toBe(first)
    expect((await ctx.app.request('/api/me', { headers: { cookie: first } })).status).toBe(401)
    expect(await ctx.db.selectFrom('sessions').selectAll().execute()).toHaveLength(1)
  })

  it('sets __Host- prefixed Secure cookies when served over HTTPS', async () => {
    const ctx = await makeContext({ secureCookies: true })
    const me = await makeUser(ctx.db)
    const res = await ctx.agent().post('/api/auth/login', { phone: me.phone, password: me.password })
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^__Host-sh_session=/)
    expect(cookie).toMatch(/; Secure/i)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).not.toMatch(/Domain=/i)
  })

  it('records privacy consent at registration', async () => {
    const ctx = await makeContext()
    const res = await ctx
      .agent()
      .post('/api/auth/register', await ctx.withCode({ phone: '13812345678', password: 'Kexie-2026!', name: '张三', acceptPrivacy: true }))
    expect(res.status).toBe(201)
    const row = await ctx.db.selectFrom('users').select('privacy_consent_at').where('phone', '=', '13812345678').executeTakeFirstOrThrow()
    expect(row.privacy_consent_at).toBe(ctx.clock.now().toISOString())
  })

  it('audits a password change', async () => {
    const ctx = await makeContext()
    const me = await makeUser(ctx.db)
    const a = await loggedIn(ctx, me)
    expect((await a.post('/api/auth/password', { currentPassword: me.password, newPassword: 'New-pass-2026' })).status).toBe(200)
    const rows = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'password.change').execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.actor_id).toBe(me.id)
    expect(rows[0]!.detail ?? '').not.toContain('New-pass')
  })
})

describe('password hashing', () => {
  it('runs OWASP’s scrypt cost (N=2^17, r=8) and stores the parameters beside the hash', async () => {
    const hash = await hashPassword('Kexie-2026!', 2 ** 17)
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1'])
    expect(await verifyPassword('Kexie-2026!', hash, 2 ** 17)).toEqual({ ok: true, needsRehash: false })
    expect((await verifyPassword('Kexie-2026?', hash, 2 ** 17)).ok).toBe(false)
  })
})
