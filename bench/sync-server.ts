/** Shared by the sync benchmarks: the real app on a real port (127.0.0.1, random) over a temp database file. */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../server/app'
import { defaultConfig, systemClock } from '../server/deps'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { hashPassword } from '../server/domain/passwords'
import { BLANK_PROFILE, insertUser } from '../server/db/user.repository'

export const BENCH_PASSWORD = 'Bench-2026!'

export async function startBenchServer() {
  const dir = mkdtempSync(join(tmpdir(), 'sync-bench-'))
  const { db, raw } = openSqlite({ file: join(dir, 'app.db') })
  await migrateToLatest(db)
  const config = { ...defaultConfig, scryptN: 1024, loginLimitPerIp: 1_000_000 }
  const app = createApp({ db, clock: systemClock, config })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  const passwordHash = await hashPassword(BENCH_PASSWORD, 1024)

  async function makeUser(phoneNo: number) {
    const id = randomUUID()
    const now = new Date().toISOString()
    const phone = `139${String(phoneNo).padStart(8, '0')}`
    await db.transaction().execute((trx) =>
      insertUser(trx, {
        id,
        phone,
        name: `压测用户${phoneNo}`,
        password_hash: passwordHash,
        ...BLANK_PROFILE,
        privacy_consent_at: now,
        created_at: now,
        updated_at: now,
      }),
    )
    return { id, phone }
  }

  async function login(phone: string): Promise<string> {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, password: BENCH_PASSWORD }),
    })
    if (res.status !== 200) throw new Error(`login ${res.status}`)
    return res.headers.get('set-cookie')!.split(';')[0]!
  }

  async function close() {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
  return { url, port, db, raw, makeUser, login, close }
}
