/**
 * `npm run backup` while the real server runs under a write load, then `npm run restore` into a
 * fresh directory: the restored database is intact, has the backup's row counts table by table,
 * and a server started on it serves what was written before the backup began. Restoring over a
 * database a running server holds is refused.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { httpAgent, repoRoot, startRealServer, type RunningServer } from './durability-server'
import { withRegisterCode } from './sms-inbox'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { onPostgres } from './fixtures/database'

function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((ok) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: repoRoot, env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        ok({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr })
      },
    )
  })
}

function snapshot(file: string) {
  const db = new SQLite(file, { readonly: true, fileMustExist: true })
  try {
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{
        name: string
      }>
    ).map((r) => r.name)
    const counts = Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]))
    return { integrity: db.pragma('integrity_check', { simple: true }), counts }
  } finally {
    db.close()
  }
}

// `npm run backup` / `npm run restore` copy the SQLite file (app.db); a PostgreSQL deployment is backed up with
// pg_dump, and the real server here runs on the data directory's SQLite file whatever the test project.
describe.skipIf(onPostgres)('online backup and restore', () => {
  const base = mkdtempSync(join(tmpdir(), 'sh-backup-'))
  const servers: RunningServer[] = []
  afterAll(async () => {
    for (const s of servers) await s.stop()
    rmSync(base, { recursive: true, force: true })
  })

  it(
    'backs up under load, restores into a fresh directory with equal row counts, and refuses to restore over a live database',
    { timeout: 300_000 },
    async () => {
      const liveDir = join(base, 'live')
      const server = await startRealServer(liveDir)
      servers.push(server)
      const writer = httpAgent(server.url)
      expect(
        (
          await writer.send(
            'POST',
            '/api/auth/register',
            await withRegisterCode(server.url, liveDir, {
              phone: '17700000001',
              password: 'Backup-2026!',
              name: '备份',
              acceptPrivacy: true,
            }),
          )
        ).status,
      ).toBe(201)
      const sessionBefore = writer.cookie

      // write load: pushes one mutation at a time until told to stop
      let stop = false
      let loadError: unknown = null
      let applied = 0
      const clientId = randomUUID()
      const load = (async () => {
        for (let n = 1; !stop; n++) {
          const res = await writer.send('POST', '/api/sync/push', {
            clientId,
            schemaVersion: SYNC_SCHEMA_VERSION,
            mutations: [{ id: randomUUID(), name: 'profile.update', args: { bio: `bio-${n}` }, createdAt: new Date().toISOString() }],
          })
          if (res.body?.results?.[0]?.status === 'applied') applied++
        }
      })().catch((err: unknown) => {
        // the server going away ends the load; the assertions below say what went wrong
        stop = true
        loadError = err
      })
      while (applied < 50 && !stop) await new Promise((r) => setTimeout(r, 10))
      expect(loadError).toBeNull()
      const appliedAtStart = applied

      const backupFile = join(base, 'copies', 'app-under-load.db')
      const backup = await runScript('scripts/backup.ts', [backupFile], { DATA_DIR: liveDir })
      expect(backup.code, backup.out).toBe(0)
      expect(backup.out).toMatch(/backup ok/)
      expect(applied, 'the load kept running during the backup').toBeGreaterThan(appliedAtStart)
      stop = true
      await load
      expect(loadError).toBeNull()

      const copy = snapshot(backupFile)
      expect(copy.integrity).toBe('ok')
      expect(copy.counts.organizations).toBeGreaterThan(40_000) // the seeded database, not an empty file
      expect(copy.counts.sync_mutations).toBeGreaterThanOrEqual(appliedAtStart)
      expect(copy.counts.sync_mutations).toBeLessThanOrEqual(applied)
      expect(existsSync(`${backupFile}.partial`)).toBe(false)

      // restoring over the database the running server holds is refused, and the server is unharmed
      const refused = await runScript('scripts/restore.ts', [backupFile], { DATA_DIR: liveDir })
      expect(refused.code, refused.out).toBe(2)
      expect(refused.out).toMatch(/in use/)
      expect((await fetch(`${server.url}/api/me`, { headers: { cookie: sessionBefore } })).status).toBe(200)
      expect(readdirSync(liveDir).filter((f) => f.includes('before-restore'))).toEqual([])

      const freshDir = join(base, 'fresh')
      const restored = await runScript('scripts/restore.ts', [backupFile, '--data-dir', freshDir], {})
      expect(restored.code, restored.out).toBe(0)
      const after = snapshot(join(freshDir, 'app.db'))
      expect(after.integrity).toBe('ok')
      expect(after.counts).toEqual(copy.counts)

      // a server on the restored directory serves the session created before the backup
      await server.stop()
      const revived = await startRealServer(freshDir)
      servers.push(revived)
      expect(revived.log()).not.toMatch(/Seeded a fresh database/)
      const me = await fetch(`${revived.url}/api/me`, { headers: { cookie: sessionBefore } })
      expect(me.status).toBe(200)
      expect((await me.json()).name).toBe('备份')
      await revived.stop()

      // with the server stopped, restoring in place works and keeps the previous database aside
      const inPlace = await runScript('scripts/restore.ts', [backupFile], { DATA_DIR: liveDir })
      expect(inPlace.code, inPlace.out).toBe(0)
      expect(readdirSync(liveDir).filter((f) => f.includes('before-restore'))).toHaveLength(1)
      expect(snapshot(join(liveDir, 'app.db')).counts).toEqual(copy.counts)
    },
  )

  it('refuses a file that is not a sound database', { timeout: 60_000 }, async () => {
    const dir = join(base, 'bad')
    const res = await runScript('scripts/restore.ts', [join(repoRoot, 'package.json'), '--data-dir', dir], {})
    expect(res.code).toBe(1)
    expect(existsSync(join(dir, 'app.db'))).toBe(false)
  })
})
