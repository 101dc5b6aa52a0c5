/**
 * Brings a backup back as the database of a data directory:
 *
 *   npm run restore -- <backup.db>                       → into $DATA_DIR (default ./data)
 *   npm run restore -- <backup.db> --data-dir /new/dir   → into another (e.g. fresh) directory
 *
 * Stop the server first, or restore into a new DATA_DIR and point the server at it. The script
 * refuses (exit 2) while any process holds the target database open: it asks SQLite for an
 * exclusive lock, which a running server's connection prevents.
 *
 * Steps: 1. check the backup (integrity_check, has a users table); 2. lock the current database
 * exclusively, checkpoint its WAL, and keep it as app.db.before-restore-<timestamp> (nothing is
 * ever deleted); 3. copy the backup in under a temporary name, check it again, and rename it to
 * app.db (a rename is atomic, so a crash leaves either the old or the new database, never half).
 * Exit codes: 0 restored, 1 failed, 2 the database is in use.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import { isPostgresUrl } from '../server/db/open'

class InUse extends Error {}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const dirFlag = args.indexOf('--data-dir')
const dataDir = resolve(dirFlag >= 0 ? (args[dirFlag + 1] ?? '') : (process.env.DATA_DIR ?? join(root, 'data')))
const backup = args.find((a, i) => !a.startsWith('--') && (dirFlag < 0 || i !== dirFlag + 1))
const target = join(dataDir, 'app.db')

function checkDatabase(file: string): number {
  const db = new SQLite(file, { readonly: true, fileMustExist: true })
  try {
    const check = db.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`${file} failed its integrity check: ${String(check)}`)
    return (db.prepare('select count(*) as n from users').get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** Locks the current database exclusively (or refuses), folds its WAL in, and moves it aside. */
function setAsideCurrent(stamp: string): string | null {
  if (!existsSync(target)) return null
  const db = new SQLite(target, { fileMustExist: true, timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('begin exclusive')
    db.exec('commit')
    db.pragma('wal_checkpoint(TRUNCATE)')
  } catch (err) {
    db.close()
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new InUse(`${target} is in use (is the server running?)`)
    throw err
  }
  db.close()
  const kept = `${target}.before-restore-${stamp}`
  renameSync(target, kept)
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true })
  return kept
}

function main() {
  // On PostgreSQL (issue 15) the database is not a file here: PostgreSQL's own tools restore it.
  if (isPostgresUrl(process.env.DATABASE_URL))
    throw new Error(
      'DATABASE_URL points to PostgreSQL; this script restores the SQLite file only. Restore a pg_dump -Fc archive with\n' +
        '  pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" app-<stamp>.dump\n' +
        '(stop the servers first; see "Backups on PostgreSQL" in README.md)',
    )
  if (!backup) throw new Error('usage: npm run restore -- <backup.db> [--data-dir DIR]')
  const users = checkDatabase(resolve(backup))
  mkdirSync(dataDir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const incoming = `${target}.restoring`
  rmSync(incoming, { force: true })
  copyFileSync(resolve(backup), incoming)
  checkDatabase(incoming)
  const kept = setAsideCurrent(stamp)
  renameSync(incoming, target)
  console.log(
    `restore ok: ${target} now holds ${resolve(backup)} (${users} users)${kept ? `; the previous database is kept as ${kept}` : ''}`,
  )
}

try {
  main()
} catch (err) {
  console.error(`restore refused: ${err instanceof Error ? err.message : String(err)}`)
  if (err instanceof InUse)
    console.error('Stop the server first, or restore into a new directory with --data-dir and start the server there.')
  process.exit(err instanceof InUse ? 2 : 1)
}
