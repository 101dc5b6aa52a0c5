/** Issue 10 item 8: a malformed Origin header is a refusal (403), never a 500 logged as unhandled. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeContext } from './fixtures'

afterEach(() => vi.restoreAllMocks())

describe('Origin check', () => {
  it.each(['null', 'garbage', 'http://a:99999', 'http://', 'http://[::1', 'file://', ' '])(
    'answers 403 bad_origin to Origin: %j and logs nothing',
    async (origin) => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
      const { agent } = await makeContext()
      // with a Host header, as every real request has: the old check parsed the origin against it
      const res = await agent().post('/api/auth/login', { phone: '13800000000', password: 'whatever-1' }, { origin, host: 'localhost' })
      expect(res.status).toBe(403)
      expect(res.body.error).toMatchObject({ code: 'bad_origin' })
      expect(typeof res.body.error.message).toBe('string')
      expect(errors).not.toHaveBeenCalled()
    },
  )

  it('still accepts our own origin and a configured one', async () => {
    const { agent } = await makeContext({ allowedOrigins: ['https://app.example.cn'] })
    const own = await agent().post(
      '/api/auth/login',
      { phone: '13800000000', password: 'whatever-1' },
      { origin: 'http://localhost', host: 'localhost' },
    )
    expect(own.status).toBe(401)
    const listed = await agent().post(
      '/api/auth/login',
      { phone: '13800000000', password: 'whatever-1' },
      { origin: 'https://app.example.cn' },
    )
    expect(listed.status).toBe(401)
    const other = await agent().post(
      '/api/auth/login',
      { phone: '13800000000', password: 'whatever-1' },
      { origin: 'http://localhost:1234', host: 'localhost' },
    )
    expect(other.status).toBe(403)
  })
})
