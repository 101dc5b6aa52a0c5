/**
 * One member's sync batches must not starve everyone (issue 10 item 5), against the real server
 * process (server/main.ts). A push of 100 profile edits runs while the same person asks GET /api/me
 * again and again on other connections. Each answer shows the bio as it stood when it was served:
 * an edit from the middle of the batch ("第37版") proves a GET was answered between two mutations
 * of that push — served while the push was still running, finished before it. Before the fix the
 * push ran its 100 transactions back to back on the event loop, so a GET could only ever see the
 * state before the batch or after it. Ordering, not milliseconds: nothing here depends on speed,
 * only on the server interleaving at all (three attempts, in case a busy machine stalls this test
 * process for the length of a whole push).
 */
import { randomUUID } from 'node:crypto'
import { Agent, request, type ClientRequest } from 'node:http'
import type { Socket } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpAgent, startRealServer, type RunningServer } from './durability-server'
import { withRegisterCode } from './sms-inbox'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'

const BATCH = 100
const ATTEMPTS = 3

describe('fair sync against the real server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sh-fairness-'))
  let server: RunningServer | undefined
  beforeAll(async () => {
    server = await startRealServer(dataDir)
  }, 300_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers a GET between the mutations of one long push', { timeout: 300_000 }, async () => {
    const person = httpAgent(server!.url)
    const phone = '17600000001'
    expect(
      (
        await person.send(
          'POST',
          '/api/auth/register',
          await withRegisterCode(server!.url, dataDir, { phone, password: 'Fair-2026!', name: '公平', acceptPrivacy: true }),
        )
      ).status,
    ).toBe(201)
    expect((await person.send('POST', '/api/auth/login', { phone, password: 'Fair-2026!' })).status).toBe(200)
    const clientId = randomUUID()

    const seenMidBatch: string[] = []
    for (let attempt = 0; attempt < ATTEMPTS && seenMidBatch.length === 0; attempt++) {
      const bios = Array.from({ length: BATCH }, (_, i) => `${attempt}:第${i}版`)
      const mutations = bios.map((bio) => ({
        id: randomUUID(),
        name: 'profile.update',
        args: { bio },
        createdAt: new Date().toISOString(),
      }))
      let pushDone = false
      const pushed = person
        .send('POST', '/api/sync/push', { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations })
        .finally(() => (pushDone = true))
      // fetch's pool sends these on another connection than the busy push's, so they never queue behind it on one socket
      while (!pushDone) {
        const me = await person.send('GET', '/api/me')
        expect(me.status).toBe(200)
        const at = bios.indexOf(me.body.bio)
        if (at >= 0 && at < BATCH - 1 && !pushDone) seenMidBatch.push(me.body.bio)
      }
      const res = await pushed
      expect(res.status).toBe(200)
      expect(res.body.results).toHaveLength(BATCH)
      expect(res.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true)
    }
    expect(seenMidBatch.length, 'no GET was answered while a push was being applied').toBeGreaterThan(0)
  })

  it(
    'keeps an idle keep-alive connection longer than Node’s 5 s default (a proxy reusing it is not cut off)',
    { timeout: 120_000 },
    async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      const get = () =>
        new Promise<Socket>((ok, fail) => {
          const req: ClientRequest = request(`${server!.url}/api/health`, { agent }, (res) => {
            res.resume()
            res.on('end', () => ok(req.socket as Socket))
          })
          req.on('error', fail)
          req.end()
        })
      const first = await get()
      await new Promise((r) => setTimeout(r, 6_000)) // idle past Node's default keepAliveTimeout: the point of the test
      const second = await get()
      expect(second).toBe(first) // the same connection: the server did not close it
      agent.destroy()
    },
  )
})
