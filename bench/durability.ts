/**
 * What does `synchronous = FULL` cost against NORMAL? (SQLite file in WAL mode, as the server runs.)
 *
 *   npx tsx bench/durability.ts [rows]
 *
 * Three workloads, each on a fresh file with the server's pragmas except `synchronous`:
 *  - single: one row per transaction (a login, a push of one mutation: what the API does)
 *  - ledger: one transaction of 3 statements (version bump + row + idempotency record)
 *  - batch:  100 rows per transaction
 * FULL fsyncs the WAL at every commit; NORMAL only at checkpoints, so with NORMAL a power cut
 * (not a process crash) can lose the last commits. Prints commits/s and the FULL/NORMAL ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'

const ROWS = Number(process.argv[2] ?? 3000)
type Mode = 'FULL' | 'NORMAL'
type Workload = 'single' | 'ledger' | 'batch'

function open(dir: string, mode: Mode) {
  const db = new SQLite(join(dir, `${mode}.db`))
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma(`synchronous = ${mode}`)
  db.exec(`create table state (id integer primary key, version integer not null);
    insert into state values (1, 0);
    create table rows (id integer primary key, body text not null, version integer not null);
    create table records (id text primary key, result text not null)`)
  return db
}

function run(mode: Mode, workload: Workload): { commitsPerSec: number; rowsPerSec: number } {
  const dir = mkdtempSync(join(tmpdir(), 'sh-bench-sync-'))
  const db = open(dir, mode)
  const bump = db.prepare('update state set version = version + 1 where id = 1 returning version')
  const insert = db.prepare('insert into rows (body, version) values (?, ?)')
  const record = db.prepare('insert into records (id, result) values (?, ?)')
  const body = JSON.stringify({ bio: '研究土壤与作物'.repeat(4), at: new Date().toISOString() })
  const single = db.transaction((i: number) => insert.run(`${body}${i}`, i))
  const ledger = db.transaction((i: number) => {
    const { version } = bump.get() as { version: number }
    insert.run(body, version)
    record.run(`m-${i}`, '{"status":"applied"}')
  })
  const batch = db.transaction((from: number) => {
    for (let i = from; i < from + 100; i++) insert.run(body, i)
  })
  const started = performance.now()
  let commits = 0
  if (workload === 'batch') for (let i = 0; i < ROWS * 10; i += 100, commits++) batch(i)
  else for (let i = 0; i < ROWS; i++, commits++) (workload === 'single' ? single : ledger)(i)
  const secs = (performance.now() - started) / 1000
  db.close()
  rmSync(dir, { recursive: true, force: true })
  return { commitsPerSec: commits / secs, rowsPerSec: (workload === 'batch' ? ROWS * 10 : ROWS) / secs }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(`| workload | FULL commits/s | NORMAL commits/s | FULL rows/s | NORMAL rows/s | FULL ÷ NORMAL |`)
console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`)
for (const workload of ['single', 'ledger', 'batch'] as const) {
  // median of 3 alternating runs, so a disk hiccup does not decide the figure
  const full: number[] = []
  const normal: number[] = []
  const fullRows: number[] = []
  const normalRows: number[] = []
  for (let k = 0; k < 3; k++) {
    const f = run('FULL', workload)
    const n = run('NORMAL', workload)
    full.push(f.commitsPerSec)
    fullRows.push(f.rowsPerSec)
    normal.push(n.commitsPerSec)
    normalRows.push(n.rowsPerSec)
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!
  console.log(
    `| ${workload} | ${fmt(med(full))} | ${fmt(med(normal))} | ${fmt(med(fullRows))} | ${fmt(med(normalRows))} | ${(med(full) / med(normal)).toFixed(2)} |`,
  )
}
