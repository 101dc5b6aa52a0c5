import { describe, expect, it } from 'vitest'
import { makeContext, makeUser } from './fixtures'

const person = { phone: '13812345678', name: '张三', acceptPrivacy: true }

describe('password strength on the server', () => {
  it.each(['P@ssw0rd', 'qwertyuiop', '1qaz2wsx3edc', 'Aa123456789', 'woaini1314'])(
    'refuses registering with %s (422, nothing written)',
    async (password) => {
      const { agent, db } = await makeContext()
      const res = await agent().post('/api/auth/register', { ...person, code: '123456', password })
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe('weak_password')
      expect(res.body.error.message).toMatch(/too easy to guess/)
      expect(await db.selectFrom('users').select('id').execute()).toHaveLength(0)
    },
  )

  it('registers with the demo password', async () => {
    const { agent, withCode } = await makeContext()
    expect((await agent().post('/api/auth/register', await withCode({ ...person, password: 'Demo-2026!' }))).status).toBe(201)
  })

  it('refuses a guessable new password and keeps the old one', async () => {
    const { agent, db } = await makeContext()
    const u = await makeUser(db)
    const a = agent()
    await a.post('/api/auth/login', { phone: u.phone, password: u.password })
    const res = await a.post('/api/auth/password', { currentPassword: u.password, newPassword: 'P@ssw0rd' })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('weak_password')
    expect((await agent().post('/api/auth/login', { phone: u.phone, password: u.password })).status).toBe(200)
  })
})
