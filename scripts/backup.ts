/**
 * Online backup of the live database, safe while the server runs and writes:
 *
 *   npm run backup                      → $DATA_DIR/backups/app-<timestamp>.db
 *   npm run backup -- /path/to/copy.db  → that file
 *
 * Uses SQLite's backup API (better-sqlite3 `.backup()`), copying every page in one step inside one
 * read transaction, so the result is one transaction-consistent database and, in WAL mode, the
 * server's writers carry on meanwhile. The copy is then switched to a single file (journal_mode
 * DELETE) and checked with `PRAGMA integrity_check` before the script reports success.
 * Exit codes: 0 done, 1 failed (message on stderr).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import { isPostgresUrl } from '../server/db/open'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'))
const source = join(dataDir, 'app.db')
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const target = resolve(process.argv[2] ?? join(dataDir, 'backups', `app-${stamp}.db`))

async function main() {
  // On PostgreSQL (issue 15) the database is not a file here: PostgreSQL's own tools back it up.
  if (isPostgresUrl(process.env.DATABASE_URL))
    throw new Error(
      'DATABASE_URL points to PostgreSQL; this script copies the SQLite file only. Back up PostgreSQL with\n' +
        '  pg_dump -Fc --dbname "$DATABASE_URL" --file app-$(date -u +%Y%m%dT%H%M%SZ).dump\n' +
        '(see "Backups on PostgreSQL" in README.md)',
    )
  if (!existsSync(source)) throw new Error(`no database at ${source} (set DATA_DIR)`)
  if (existsSync(target)) throw new Error(`${target} exists already; choose another path`)
  mkdirSync(dirname(target), { recursive: true })
  // Written under a temporary name, so a half-made backup is never mistaken for a good one.
  const partial = `${target}.partial`
  rmSync(partial, { force: true })
  const started = performance.now()
  const live = new SQLite(source, { fileMustExist: true, timeout: 5000 })
  try {
    // All remaining pages in one step. A copy made in several steps restarts from the beginning
    // whenever another process writes between two steps, so under a steady write load (the server
    // acknowledging pushes) it can restart forever — CI saw exactly that. One step reads one WAL
    // snapshot: writers in WAL mode are not blocked by a reader, so the server keeps writing.
    await live.backup(partial, { progress: () => 0x7fffffff })
  } finally {
    live.close()
  }
  const copy = new SQLite(partial)
  try {
    copy.pragma('journal_mode = DELETE')
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`)
    const users = (copy.prepare('select count(*) as n from users').get() as { n: number }).n
    copy.close()
    renameSync(partial, target)
    console.log(`backup ok: ${target} (${users} users, ${Math.round(performance.now() - started)} ms)`)
  } catch (err) {
    if (copy.open) copy.close()
    rmSync(partial, { force: true })
    throw err
  }
}

main().catch((err: unknown) => {
  console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
