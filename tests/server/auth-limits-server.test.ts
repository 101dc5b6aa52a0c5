/**
 * Issue 10 item 2 over real HTTP against the real server process (server/main.ts as a child
 * process): 40 wrong passwords for one number sent at once are not all checked — at most the
 * per-number limit (5) answer 401, the rest are refused — and behind a trusted proxy the limit
 * follows the forwarded client, not the proxy.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpAgent, startRealServer, type RunningServer } from './durability-server'
import { withRegisterCode } from './sms-inbox'

const PASSWORD = 'Limits-2026!'
const LIMIT = 5

async function login(url: string, phone: string, password: string, forwardedFor?: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ phone, password }),
  })
  const body = await res.json()
  return { status: res.status, code: body?.error?.code as string | undefined }
}

describe('login limits on the real server under concurrent requests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sh-limits-'))
  let server: RunningServer
  beforeAll(async () => {
    server = await startRealServer(dataDir, 180_000, { TRUSTED_PROXIES: '127.0.0.1,::1' })
  }, 200_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('40 concurrent wrong passwords for one number: at most 5 checked, the rest refused', { timeout: 120_000 }, async () => {
    const phone = '17612340001'
    const reg = await httpAgent(server.url).send(
      'POST',
      '/api/auth/register',
      await withRegisterCode(server.url, dataDir, {
        phone,
        password: PASSWORD,
        name: '限流',
        acceptPrivacy: true,
      }),
    )
    expect(reg.status).toBe(201)
    // each from its own forwarded address: only the per-number limit can stop them
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(server.url, phone, 'wrong-pass-1', `198.51.100.${i + 1}`)))
    const checked = answers.filter((a) => a.status === 401).length
    expect(checked).toBeGreaterThan(0)
    expect(checked).toBeLessThanOrEqual(LIMIT)
    for (const a of answers.filter((x) => x.status !== 401)) {
      expect([429, 503]).toContain(a.status)
      expect(a.code).toBe(a.status === 429 ? 'too_many_attempts' : 'busy')
    }
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(
      40 - LIMIT - answers.filter((a) => a.status === 503).length,
    )
    // the number is now throttled: even the right password waits for the window
    expect((await login(server.url, phone, PASSWORD, '198.51.100.200')).status).toBe(429)
    expect(server.log()).not.toMatch(/unhandled/)
  })

  it('behind the trusted proxy, one client’s failures do not throttle another client’s correct login', { timeout: 120_000 }, async () => {
    const phone = '17612340002'
    const reg = await httpAgent(server.url).send(
      'POST',
      '/api/auth/register',
      await withRegisterCode(server.url, dataDir, {
        phone,
        password: PASSWORD,
        name: '代理',
        acceptPrivacy: true,
      }),
    )
    expect(reg.status).toBe(201)
    // one client fails for many numbers, in concurrent waves of 6 (what the hash gate holds for one
    // client: 2 hashing + 4 waiting), until its address is throttled: exactly the limit is checked
    let checked = 0
    let throttled = false
    for (let wave = 0; wave < 40 && !throttled; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          login(server.url, `175${String(wave * 6 + i).padStart(8, '0')}`, 'wrong-pass-1', '203.0.113.66'),
        ),
      )
      checked += answers.filter((a) => a.status === 401).length
      throttled = answers.some((a) => a.status === 429)
    }
    expect(throttled).toBe(true)
    expect(checked).toBe(100)
    expect((await login(server.url, '17599999999', 'wrong-pass-1', '203.0.113.66')).status).toBe(429)
    // a different person behind the same proxy (a fresh browser) logs in
    expect((await login(server.url, phone, PASSWORD, '203.0.113.77')).status).toBe(200)
  })
})
