import { describe, expect, it } from 'vitest'
import { makeContext, makeUser, TEST_PASSWORD } from './fixtures'

const good = { phone: '13812345678', password: 'Kexie-2026!', name: '张三', acceptPrivacy: true }

describe('auth', () => {
  it('registers, reads /api/me, logs out and logs in again', async () => {
    const { agent, withCode } = await makeContext()
    const a = agent()
    const reg = await a.post('/api/auth/register', await withCode(good))
    expect(reg.status).toBe(201)
    expect(reg.body).toMatchObject({ phone: good.phone, name: '张三', systemRole: 'member' })
    expect(reg.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(reg.headers.get('set-cookie')).toMatch(/SameSite=Lax/i)
    expect((await a.get('/api/me')).body.name).toBe('张三')
    expect((await a.post('/api/auth/logout')).status).toBe(200)
    expect((await a.get('/api/me')).status).toBe(401)
    const login = await a.post('/api/auth/login', { phone: good.phone, password: good.password })
    expect(login.status).toBe(200)
    expect((await a.get('/api/me')).body.phone).toBe(good.phone)
  })

  it.each([
    ['malformed number', { ...good, phone: '1234' }, 400, 'invalid_input'],
    ['short password', { ...good, password: 'abc' }, 400, 'invalid_input'],
    ['common password', { ...good, password: '12345678' }, 422, 'weak_password'],
    ['password containing the number', { ...good, password: 'x13812345678' }, 422, 'weak_password'],
    ['no privacy consent', { ...good, acceptPrivacy: false }, 400, 'invalid_input'],
    ['extra field', { ...good, isAdmin: true }, 400, 'invalid_input'],
    ['empty name', { ...good, name: '  ' }, 400, 'invalid_input'],
  ])('refuses registration with %s', async (_label, body, status, code) => {
    const { agent, db } = await makeContext()
    const res = await agent().post('/api/auth/register', { code: '123456', ...body })
    expect(res.status).toBe(status)
    expect(res.body.error.code).toBe(code)
    expect(typeof res.body.error.message).toBe('string')
    expect(await db.selectFrom('users').select('id').execute()).toHaveLength(0)
  })

  it('a registered number gets no register code, so a second registration is refused as a wrong code', async () => {
    const { agent, withCode, sms, clock } = await makeContext()
    expect((await agent().post('/api/auth/register', await withCode(good))).status).toBe(201)
    clock.advance(61_000) // one code per number and purpose a minute
    await expect(withCode(good)).rejects.toThrow(/no register code/)
    expect(sms.messagesTo(good.phone).at(-1)?.kind).toBe('already_registered')
    const again = await agent().post('/api/auth/register', { ...good, code: '000000', name: '李四' })
    expect(again.status).toBe(401)
    expect(again.body.error.code).toBe('code_invalid')
  })

  it('answers wrong password and unknown number the same way', async () => {
    const { agent, db } = await makeContext()
    const u = await makeUser(db)
    const wrong = await agent().post('/api/auth/login', { phone: u.phone, password: 'not-the-password' })
    const unknown = await agent().post('/api/auth/login', { phone: '13900000001', password: 'whatever1' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body.error).toEqual(unknown.body.error)
  })

  it('rate-limits failed logins per number with 429, and still refuses the right password then', async () => {
    const { agent, db } = await makeContext()
    const u = await makeUser(db)
    for (let i = 0; i < 5; i++) expect((await agent().post('/api/auth/login', { phone: u.phone, password: 'wrong-pass' })).status).toBe(401)
    const blocked = await agent().post('/api/auth/login', { phone: u.phone, password: TEST_PASSWORD })
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.code).toBe('too_many_attempts')
  })

  it('lets the window pass and then allows login again', async () => {
    const { agent, db, clock } = await makeContext()
    const u = await makeUser(db)
    for (let i = 0; i < 5; i++) await agent().post('/api/auth/login', { phone: u.phone, password: 'wrong-pass' })
    clock.advance(15 * 60_000)
    expect((await agent().post('/api/auth/login', { phone: u.phone, password: TEST_PASSWORD })).status).toBe(200)
  })

  it('changes the password, ends other sessions, and refuses a wrong current password', async () => {
    const { agent, db } = await makeContext()
    const u = await makeUser(db)
    const a = agent()
    const b = agent()
    await a.post('/api/auth/login', { phone: u.phone, password: u.password })
    await b.post('/api/auth/login', { phone: u.phone, password: u.password })
    expect((await a.post('/api/auth/password', { currentPassword: 'nope-nope', newPassword: 'New-pass-2026' })).status).toBe(401)
    expect((await a.post('/api/auth/password', { currentPassword: u.password, newPassword: '12345678' })).status).toBe(422)
    expect((await a.post('/api/auth/password', { currentPassword: u.password, newPassword: 'New-pass-2026' })).status).toBe(200)
    expect((await a.get('/api/me')).status).toBe(200)
    expect((await b.get('/api/me')).status).toBe(401)
    expect((await agent().post('/api/auth/login', { phone: u.phone, password: 'New-pass-2026' })).status).toBe(200)
  })

  it('refuses a password change without a session', async () => {
    const { agent } = await makeContext()
    const res = await agent().post('/api/auth/password', { currentPassword: 'a', newPassword: 'New-pass-2026' })
    expect(res.status).toBe(401)
  })

  it('ends an idle session after 30 minutes', async () => {
    const { agent, db, clock } = await makeContext()
    const u = await makeUser(db)
    const a = agent()
    await a.post('/api/auth/login', { phone: u.phone, password: u.password })
    clock.advance(29 * 60_000)
    expect((await a.get('/api/me')).status).toBe(200)
    clock.advance(31 * 60_000)
    expect((await a.get('/api/me')).status).toBe(401)
  })
})

describe('api basics', () => {
  it('health, openapi, unknown route, non-JSON body, malformed JSON, cross-site origin', async () => {
    const { agent } = await makeContext()
    const a = agent()
    expect((await a.get('/api/health')).body).toEqual({ ok: true })
    const doc = await a.get('/api/openapi.json')
    expect(doc.body.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.body.paths)).toContain('/api/auth/register')
    expect((await a.get('/api/nope')).body.error.code).toBe('not_found')
    const form = await a.request('POST', '/api/auth/login', 'phone=1', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    const broken = await a.request('POST', '/api/auth/login', '{"phone":', { 'content-type': 'application/json' })
    expect(broken.status).toBe(400)
    expect(broken.body.error.code).toBe('invalid_input')
    const cross = await a.post('/api/auth/login', { phone: '13800000000', password: 'x' }, { origin: 'https://evil.example' })
    expect(cross.status).toBe(403)
  })
})
