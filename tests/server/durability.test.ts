/**
 * Kill the real server with SIGKILL in the middle of a stream of acknowledged writes, restart it
 * on the same data directory, and find every acknowledged write there and the database intact.
 *
 * Three kinds of write run at once: registrations (new users), logins (new sessions) and sync
 * pushes (profile.update: a users row change plus an idempotency record). A write counts as
 * acknowledged only when its success answer arrived; writes in flight at the kill may or may not
 * have landed, and that is allowed.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { httpAgent, startRealServer, type RunningServer } from './durability-server'
import { withRegisterCode } from './sms-inbox'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { onPostgres } from './fixtures/database'

const PASSWORD = 'Durable-2026!'
const phoneOf = (n: number) => `177${String(n).padStart(8, '0')}`

// About the SQLite file (WAL, fsync, integrity_check on app.db after a SIGKILL): on PostgreSQL durability is the
// database server's own, and the real server here runs on the data directory's SQLite file whatever the test project.
describe.skipIf(onPostgres)('durability under SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sh-durability-'))
  const servers: RunningServer[] = []
  afterAll(async () => {
    for (const s of servers) await s.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps every acknowledged write and an intact database', { timeout: 300_000 }, async () => {
    const first = await startRealServer(dataDir)
    servers.push(first)

    // Writers: one account per push stream, registered before the stream starts.
    const writers = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const a = httpAgent(first.url)
        expect(
          (
            await a.send(
              'POST',
              '/api/auth/register',
              await withRegisterCode(first.url, dataDir, {
                phone: phoneOf(i),
                password: PASSWORD,
                name: `写入者${i}`,
                acceptPrivacy: true,
              }),
            )
          ).status,
        ).toBe(201)
        return { a, clientId: randomUUID(), userIndex: i }
      }),
    )
    const ack = {
      registered: [phoneOf(1), phoneOf(2), phoneOf(3)],
      sessions: [] as string[],
      mutations: [] as string[],
      lastBio: new Map<number, number>(),
    }
    let stop = false
    const total = () => ack.registered.length + ack.sessions.length + ack.mutations.length

    async function registrations() {
      // The per-address limits (SMS codes: 30 an hour; registrations: 100 per window) cap this
      // stream; the others go on.
      for (let n = 10; n < 90 && !stop; n++) {
        const body = await withRegisterCode(first.url, dataDir, {
          phone: phoneOf(n),
          password: PASSWORD,
          name: `用户${n}`,
          acceptPrivacy: true,
        }).catch(() => null)
        if (!body) continue
        const res = await httpAgent(first.url).send('POST', '/api/auth/register', body)
        if (res.status === 201) ack.registered.push(phoneOf(n))
      }
    }
    async function logins() {
      while (!stop) {
        const a = httpAgent(first.url)
        const res = await a.send('POST', '/api/auth/login', { phone: phoneOf(1), password: PASSWORD })
        if (res.status === 200) ack.sessions.push(a.cookie)
      }
    }
    async function pushes(w: (typeof writers)[number]) {
      for (let n = 1; !stop; n++) {
        const id = randomUUID()
        const res = await w.a.send('POST', '/api/sync/push', {
          clientId: w.clientId,
          schemaVersion: SYNC_SCHEMA_VERSION,
          mutations: [{ id, name: 'profile.update', args: { bio: `bio-${n}` }, createdAt: new Date().toISOString() }],
        })
        if (res.status === 200 && res.body.results[0]?.status === 'applied') {
          ack.mutations.push(id)
          ack.lastBio.set(w.userIndex, n)
        }
      }
    }
    const streams = [registrations(), logins(), logins(), ...writers.map(pushes)].map((p) => p.catch(() => 'connection lost'))

    // Kill once enough has been acknowledged, while every stream still has requests in flight.
    const started = Date.now()
    while (total() < 300 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20))
    await first.kill()
    stop = true
    await Promise.all(streams)
    expect(first.child.signalCode).toBe('SIGKILL')
    expect(ack.sessions.length).toBeGreaterThan(10)
    expect(ack.mutations.length).toBeGreaterThan(10)

    const second = await startRealServer(dataDir)
    servers.push(second)
    expect(second.log()).not.toMatch(/Seeded a fresh database/) // the old data was found, not re-seeded

    for (const cookie of ack.sessions) {
      const res = await fetch(`${second.url}/api/me`, { headers: { cookie } })
      expect(res.status, 'an acknowledged login’s session survives').toBe(200)
    }
    for (const w of writers) {
      const me = await (await fetch(`${second.url}/api/me`, { headers: { cookie: w.a.cookie } })).json()
      const bioNo = Number(String(me.bio).replace('bio-', ''))
      // an unacknowledged later write may have landed too; an acknowledged one can never be missing
      expect(bioNo).toBeGreaterThanOrEqual(ack.lastBio.get(w.userIndex) ?? 0)
    }

    const db = new SQLite(join(dataDir, 'app.db'), { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      const phones = new Set((db.prepare('select phone from users').all() as Array<{ phone: string }>).map((r) => r.phone))
      for (const p of ack.registered) expect(phones.has(p), `registered ${p}`).toBe(true)
      const recorded = new Set(
        (db.prepare('select mutation_id from sync_mutations').all() as Array<{ mutation_id: string }>).map((r) => r.mutation_id),
      )
      for (const id of ack.mutations) expect(recorded.has(id), `mutation ${id}`).toBe(true)
    } finally {
      db.close()
    }
    console.log(
      `durability: killed after ${ack.registered.length} registrations, ${ack.sessions.length} logins, ${ack.mutations.length} pushes acknowledged; all present after restart`,
    )
  })
})
