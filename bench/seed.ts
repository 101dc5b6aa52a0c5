/**
 * Seeding a fresh file database (regions, 科协, societies, demo accounts): time and size.
 * Run: npx tsx bench/seed.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { seedIfEmpty } from '../seeds/index'

const RUNS = 3
const times: number[] = []
let rows = 0
let bytes = 0
for (let run = 0; run < RUNS; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'seed-bench-'))
  const { db, raw } = openSqlite({ file: join(dir, 'app.db') })
  await migrateToLatest(db)
  const started = performance.now()
  // scryptN 1024: the demo password hash is not what this measures.
  await seedIfEmpty(db, { now: new Date('2026-11-28T00:00:00Z'), scryptN: 1024 })
  times.push(performance.now() - started)
  rows = ['regions', 'organizations', 'users', 'memberships'].reduce(
    (n, t) => n + (raw.prepare(`select count(*) from ${t}`).pluck().get() as number),
    0,
  )
  raw.pragma('wal_checkpoint(TRUNCATE)')
  raw.close()
  bytes = statSync(join(dir, 'app.db')).size
  rmSync(dir, { recursive: true, force: true })
}
times.sort((a, b) => a - b)
const median = times[Math.floor(RUNS / 2)]!
console.log(
  `seed: median ${median.toFixed(0)} ms over ${RUNS} runs (${times.map((t) => t.toFixed(0)).join(', ')}), ${rows} rows, ${Math.round(rows / (median / 1000))} rows/s, file ${(bytes / 1048576).toFixed(1)} MiB`,
)
