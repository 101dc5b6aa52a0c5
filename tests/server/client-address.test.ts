/**
 * Issue 10 item 7: forwarded addresses are believed only from trusted proxies, and a person whose
 * browser logged in before is not locked out by strangers' failures from the same address.
 */
import { describe, expect, it } from 'vitest'
import { makeContext, makeUser, TEST_PASSWORD } from './fixtures'

type Ctx = Awaited<ReturnType<typeof makeContext>>

/** POST /api/auth/login as if from the socket address `peer`, with optional forwarded header and cookie. */
async function login(ctx: Ctx, peer: string, body: { phone: string; password: string }, headers: Record<string, string> = {}) {
  const res = await ctx.app.request(
    '/api/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: peer } } },
  )
  return { status: res.status, cookies: res.headers.getSetCookie() }
}
const wrong = (i: number) => ({ phone: `137${String(i).padStart(8, '0')}`, password: 'wrong-pass-1' })
const ipCounter = (ctx: Ctx, ip: string) =>
  ctx.db.selectFrom('rate_limits').select('count').where('key', '=', `login:ip:${ip}`).executeTakeFirst()

describe('trusted proxies', () => {
  it('ignores X-Forwarded-For when no proxy is trusted: one socket address is one address', async () => {
    const ctx = await makeContext({ loginLimitPerIp: 3 })
    for (let i = 0; i < 3; i++)
      expect((await login(ctx, '203.0.113.9', wrong(i), { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401)
    expect((await login(ctx, '203.0.113.9', wrong(9), { 'x-forwarded-for': '198.51.100.77' })).status).toBe(429)
    expect((await ipCounter(ctx, '203.0.113.9'))?.count).toBe(3)
  })

  it('behind a trusted proxy, limits the forwarded client (rightmost untrusted hop), not the proxy', async () => {
    const ctx = await makeContext({ loginLimitPerIp: 3, trustedProxies: ['10.0.0.0/8', '::1'] })
    // client 198.51.100.1 through two of our proxies; what it wrote itself (left) proves nothing
    const via = (client: string, spoof = '') => ({ 'x-forwarded-for': `${spoof}${client}, 10.0.0.7` })
    for (let i = 0; i < 3; i++) expect((await login(ctx, '10.0.0.5', wrong(i), via('198.51.100.1', `192.0.2.${i}, `))).status).toBe(401)
    expect((await login(ctx, '10.0.0.5', wrong(5), via('198.51.100.1', '192.0.2.99, '))).status).toBe(429)
    // another person behind the same proxy is a different address
    expect((await login(ctx, '10.0.0.5', wrong(6), via('198.51.100.2'))).status).toBe(401)
    // an IPv4 peer on a dual-stack socket is the same peer
    expect((await login(ctx, '::ffff:10.0.0.5', wrong(7), via('198.51.100.1'))).status).toBe(429)
    expect(await ipCounter(ctx, '10.0.0.5')).toBeUndefined()
  })

  it('an untrusted peer cannot choose its address with X-Forwarded-For', async () => {
    const ctx = await makeContext({ loginLimitPerIp: 2, trustedProxies: ['10.0.0.0/8'] })
    for (let i = 0; i < 2; i++) await login(ctx, '203.0.113.50', wrong(i), { 'x-forwarded-for': `198.51.100.${i}` })
    expect((await login(ctx, '203.0.113.50', wrong(3), { 'x-forwarded-for': '198.51.100.200' })).status).toBe(429)
  })

  it('refuses a malformed TRUSTED_PROXIES entry when the app is built', async () => {
    await expect(makeContext({ trustedProxies: ['10.0.0.0/33'] })).rejects.toThrow(/TRUSTED_PROXIES/)
    await expect(makeContext({ trustedProxies: ['proxy.internal'] })).rejects.toThrow(/TRUSTED_PROXIES/)
  })
})

describe('strangers’ failures from the same address', () => {
  it('do not refuse a correct password from a browser that logged into that account before', async () => {
    const ctx = await makeContext({ loginLimitPerIp: 5 })
    const u = await makeUser(ctx.db)
    const first = await login(ctx, '203.0.113.7', { phone: u.phone, password: TEST_PASSWORD })
    expect(first.status).toBe(200)
    const known = first.cookies.find((c) => c.startsWith('sh_known='))!.split(';')[0]!
    expect(first.cookies.find((c) => c.startsWith('sh_known='))).toMatch(/HttpOnly/i)
    // the community centre's NAT: others fail until the address is throttled
    for (let i = 0; i < 5; i++) expect((await login(ctx, '203.0.113.7', wrong(i))).status).toBe(401)
    expect((await login(ctx, '203.0.113.7', wrong(9))).status).toBe(429)
    // the member's own browser still gets in; a browser that never logged into the account does not
    expect((await login(ctx, '203.0.113.7', { phone: u.phone, password: TEST_PASSWORD }, { cookie: known })).status).toBe(200)
    expect((await login(ctx, '203.0.113.7', { phone: u.phone, password: TEST_PASSWORD })).status).toBe(429)
    // the cookie is bound to its account: it does not exempt another number
    const other = await makeUser(ctx.db)
    expect((await login(ctx, '203.0.113.7', { phone: other.phone, password: TEST_PASSWORD }, { cookie: known })).status).toBe(429)
  })

  it('a known browser is still held to the per-number limit', async () => {
    const ctx = await makeContext()
    const u = await makeUser(ctx.db)
    const first = await login(ctx, '203.0.113.8', { phone: u.phone, password: TEST_PASSWORD })
    const known = first.cookies.find((c) => c.startsWith('sh_known='))!.split(';')[0]!
    for (let i = 0; i < 5; i++)
      expect((await login(ctx, '203.0.113.8', { phone: u.phone, password: 'wrong-pass-1' }, { cookie: known })).status).toBe(401)
    expect((await login(ctx, '203.0.113.8', { phone: u.phone, password: TEST_PASSWORD }, { cookie: known })).status).toBe(429)
  })

  it('a successful login gives the address its attempt back: the per-address limit counts failures only', async () => {
    const ctx = await makeContext({ loginLimitPerIp: 3 })
    const users = [await makeUser(ctx.db), await makeUser(ctx.db), await makeUser(ctx.db), await makeUser(ctx.db)]
    for (const u of users) expect((await login(ctx, '203.0.113.20', { phone: u.phone, password: TEST_PASSWORD })).status).toBe(200)
    expect((await ipCounter(ctx, '203.0.113.20'))?.count).toBe(0)
  })
})
