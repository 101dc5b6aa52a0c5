/**
 * `npm run migrate:pg -- <sqlite file>` (scripts/migrate-pg.ts, issue 15): a seeded SQLite file, with a
 * member card issued on it, copied into a fresh PostgreSQL schema — every table's count equal, the
 * search index rebuilt by the trigger, the demo logins and the card still good on an app over the
 * copy, a second copy refused, and the command line run once against its own schema.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { defaultConfig } from '../../server/deps'
import type { DB } from '../../server/db/database'
import { migrateToLatest } from '../../server/db/migrate'
import { openSqlite } from '../../server/db/sqlite.dialect'
import { verifyCard, type VerifyKey } from '../../shared/rules/card'
import { seedIfEmpty } from '../../seeds/index'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { migrateSqliteToPostgres, type TableCount } from '../../scripts/migrate-pg'
import { onPostgres, openTestDatabase, TEST_SCHEMA_PREFIX } from './fixtures/database'

const NOW = new Date('2026-11-28T08:00:00Z')
const TIMEOUT = 600_000
const MEMBER = '13800000006' // 李思远, an active member of 海淀区科协

const appOn = (db: DB) => createApp({ db, clock: { now: () => NOW }, config: { ...defaultConfig, scryptN: 1024 } })
type App = ReturnType<typeof appOn>

async function login(app: App, phone: string): Promise<{ status: number; cookie: string }> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  })
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
  return { status: res.status, cookie }
}

describe.skipIf(!onPostgres)('npm run migrate:pg: a SQLite file into PostgreSQL', () => {
  let dir: string
  let file: string
  let pg: DB
  let counts: TableCount[]
  let card: { qr: string; membershipId: string }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'migrate-pg-'))
    file = join(dir, 'app.db')
    const source = openSqlite({ file })
    await migrateToLatest(source.db)
    await seedIfEmpty(source.db, { now: NOW, scryptN: 1024 })
    // a card issued on SQLite (its signing key is created there and must travel)
    const app = appOn(source.db)
    const { cookie } = await login(app, MEMBER)
    const cards = (await (await app.request('/api/cards', { headers: { cookie } })).json()) as {
      cards: Array<{ qr: string; membershipId: string }>
    }
    card = cards.cards[0]!
    await source.db.destroy()

    pg = (await openTestDatabase()).db
    counts = await migrateSqliteToPostgres(file, pg, () => {})
  }, TIMEOUT)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('copies every table with equal counts, the search index rebuilt by the trigger', async () => {
    const byTable = new Map(counts.map((c) => [c.table, c]))
    for (const c of counts) expect(c.target, c.table).toBe(c.source)
    expect(byTable.get('regions')!.target).toBe(44703)
    expect(byTable.get('organizations')!.target).toBeGreaterThan(44_000)
    expect(byTable.get('users')!.target).toBe(209)
    expect(byTable.get('signing_keys')!.target).toBeGreaterThan(0)
    for (const skipped of ['kysely_migration', 'kysely_migration_lock', 'org_search_doc', 'org_search_fts'])
      expect(byTable.has(skipped)).toBe(false)
    // parents first: regions before organizations, organizations before memberships
    const order = counts.map((c) => c.table)
    expect(order.indexOf('regions')).toBeLessThan(order.indexOf('organizations'))
    expect(order.indexOf('organizations')).toBeLessThan(order.indexOf('memberships'))
    const docs = await sql<{ n: number }>`select count(*) n from org_search_doc`.execute(pg)
    expect(Number(docs.rows[0]!.n)).toBe(byTable.get('organizations')!.target)
    const version = await pg.selectFrom('sync_state').select('version').where('id', '=', 1).executeTakeFirstOrThrow()
    expect(version.version).toBeGreaterThan(50_000)
  })

  it('still verifies a member card issued on SQLite, with the copied signing key', async () => {
    const app = appOn(pg)
    const keys = (await (await app.request('/api/cards/public-keys')).json()) as { keys: VerifyKey[] }
    const check = await verifyCard(card.qr, keys.keys, NOW)
    expect(check).toMatchObject({ ok: true, reason: null, card: { m: card.membershipId } })
  })

  it('lets the demo users log in on an app over the copy', async () => {
    const app = appOn(pg)
    expect((await login(app, MEMBER)).status).toBe(200)
    expect((await login(app, '13800000001')).status).toBe(200)
  })

  it('continues audit_log ids after the copied ones (bigserial sequences reset)', async () => {
    const seq = await sql<{ seq: string | null }>`select pg_get_serial_sequence('audit_log', 'id') seq`.execute(pg)
    expect(seq.rows[0]!.seq).toBeTruthy()
    const max = await sql<{ m: number | null }>`select max(id) m from audit_log`.execute(pg)
    const last = await sql<{
      v: number
      called: boolean
    }>`select last_value v, is_called called from ${sql.raw(seq.rows[0]!.seq!)}`.execute(pg)
    if (max.rows[0]!.m !== null) expect(Number(last.rows[0]!.v)).toBe(Number(max.rows[0]!.m))
  })

  it('refuses to copy into a database that holds organisations', async () => {
    await expect(migrateSqliteToPostgres(file, pg, () => {})).rejects.toThrow(/organisations/)
  })

  it(
    'runs as a command against the database DATABASE_URL names (here: a fresh schema)',
    async () => {
      const schema = `${TEST_SCHEMA_PREFIX}${process.pid}_cli_${randomBytes(3).toString('hex')}`
      await sql.raw(`create schema ${schema}`).execute(pg)
      try {
        const url = `${process.env.TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
        const run = spawnSync('npx', ['tsx', 'scripts/migrate-pg.ts', file], {
          env: { ...process.env, DATABASE_URL: url },
          encoding: 'utf8',
          timeout: TIMEOUT,
        })
        expect(run.status, run.stderr).toBe(0)
        expect(run.stdout).toMatch(/^users\s+209 →\s+209$/m)
        expect(run.stdout).toContain('migrate:pg ok:')
        const users = await sql<{ n: number }>`select count(*) n from ${sql.table(`${schema}.users`)}`.execute(pg)
        expect(Number(users.rows[0]!.n)).toBe(209)
        const refused = spawnSync('npx', ['tsx', 'scripts/migrate-pg.ts', file], {
          env: { ...process.env, DATABASE_URL: 'file:app.db' },
          encoding: 'utf8',
        })
        expect(refused.status).toBe(1)
        expect(refused.stderr).toContain('DATABASE_URL')
      } finally {
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(pg)
      }
    },
    TIMEOUT,
  )
})
