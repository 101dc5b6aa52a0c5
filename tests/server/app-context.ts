/**
 * Test context: every test gets its own fresh, migrated in-memory database and an app built on it,
 * plus small builders for the rows it needs. No test reads another's rows.
 */
import { randomUUID } from 'node:crypto'
import { createApp } from '../../server/app'
import { defaultConfig, type AppConfig, type Clock } from '../../server/deps'
import { openSqlite } from '../../server/db/sqlite.dialect'
import { migrateToLatest } from '../../server/db/migrate'
import { hashPassword } from '../../server/domain/passwords'
import { insertUser } from '../../server/db/user.repository'
import type { DB } from '../../server/db/database'

export const TEST_PASSWORD = 'Kexie-2026!'

export class TestClock implements Clock {
  constructor(public current = new Date('2026-11-28T08:00:00Z')) {}
  now() {
    return new Date(this.current)
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
}

export async function makeContext(overrides: Partial<AppConfig> = {}) {
  const { db, raw } = openSqlite({ file: ':memory:' })
  await migrateToLatest(db)
  const clock = new TestClock()
  const config: AppConfig = { ...defaultConfig, scryptN: 1024, ...overrides }
  const app = createApp({ db, clock, config })
  return { db, raw, app, clock, config, ...clientFor(app) }
}

type App = ReturnType<typeof createApp>

/** A tiny cookie-keeping client over app.request(). */
export function clientFor(app: App) {
  function agent() {
    let cookie = ''
    async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await app.request(path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const set = res.headers.get('set-cookie')
      if (set) {
        const [pair] = set.split(';')
        cookie = pair!.endsWith('=') ? '' : pair!
      }
      const text = await res.text()
      let json: any
      try {
        json = text ? JSON.parse(text) : null
      } catch {
        json = text
      }
      return { status: res.status, body: json, headers: res.headers }
    }
    return {
      get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
      post: (path: string, body?: unknown, headers?: Record<string, string>) => request('POST', path, body ?? {}, headers),
      request,
      get cookie() {
        return cookie
      },
    }
  }
  return { agent }
}

let phoneCounter = 0
/** Inserts a user directly (fast) and returns it with its plain password. */
export async function makeUser(db: DB, over: { name?: string; phone?: string; regionCode?: string | null; systemRole?: 'member' | 'system_admin' } = {}) {
  const id = randomUUID()
  const phone = over.phone ?? `139${String(10_000_000 + ++phoneCounter).slice(-8)}`
  const now = new Date().toISOString()
  await insertUser(db, {
    id,
    phone,
    name: over.name ?? `测试用户${phoneCounter}`,
    password_hash: await hashPassword(TEST_PASSWORD, 1024),
    region_code: over.regionCode ?? null,
    discipline: null,
    employer: null,
    title: null,
    bio: null,
    system_role: over.systemRole ?? 'member',
    privacy_consent_at: now,
    created_at: now,
    updated_at: now,
  })
  return { id, phone, password: TEST_PASSWORD }
}
