/**
 * A/B of "near me" between this tree and an older checkout, in ONE process over ONE database, the
 * requests alternating A, B, A, B… so a noisy machine slows both alike. Same data as
 * activities-near.ts (real organisations + 100,000 activities), seeded by this tree's code.
 * Run: git archive <commit> | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/node_modules
 *      npx tsx bench/near-ab.ts /tmp/old
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createApp } from '../server/app'
import { defaultConfig } from '../server/deps'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { seedIfEmpty } from '../seeds/index'
import { mulberry32, pick } from '../seeds/random'

const oldTree = process.argv[2]
if (!oldTree) throw new Error('usage: npx tsx bench/near-ab.ts <path to the older tree>')
const oldApp = (await import(pathToFileURL(resolve(oldTree, 'server/app.ts')).href)) as { createApp: typeof createApp }

const N = 100_000
const QUERIES = 400
const now = new Date('2026-11-28T08:00:00Z')
const dir = mkdtempSync(join(tmpdir(), 'near-ab-'))
const { db, raw } = openSqlite({ file: join(dir, 'app.db') })
await migrateToLatest(db)
await seedIfEmpty(db, raw, { now, scryptN: 1024, demo: false })
const rand = mulberry32(7)
const regions = raw.prepare("select code from regions where level in ('county', 'township')").pluck().all() as string[]
const haidian = regions.filter((c) => c.startsWith('110108'))
const insert = raw.prepare(
  `insert into activities (id, org_id, kind, title, description, venue_address, hub_id, region_code, starts_at, ends_at,
     registration_opens_at, registration_closes_at, capacity, places_taken, requires_approval, audience, status, hours, created_by, created_at, updated_at, version)
   values (?, ?, 'academic', ?, '', '某地', null, ?, ?, ?, ?, ?, 100, 0, 0, 'public', 'published', 2, null, ?, ?, ?)`,
)
raw.transaction(() => {
  for (let i = 0; i < N; i++) {
    const r = rand()
    const region = r < 0.1 ? null : r < 0.2 ? pick(rand, haidian) : pick(rand, regions)
    const starts = now.getTime() + Math.floor((rand() * 210 - 30) * 86_400_000)
    const iso = (ms: number) => new Date(ms).toISOString()
    insert.run(
      `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`, region ? `cast-${region}` : 'cast-national', `活动${i}`, region,
      iso(starts), iso(starts + 7_200_000), iso(starts - 20 * 86_400_000), iso(starts - 3_600_000), iso(now.getTime()), iso(now.getTime()), i + 1_000_000,
    )
  }
})()
raw.exec('analyze')

const config = { ...defaultConfig, scryptN: 1024 }
const apps = { old: oldApp.createApp({ db, clock: { now: () => now }, config }), new: createApp({ db, clock: { now: () => now }, config }) }
async function measure(label: string, regionFor: () => string) {
  const ms = { old: [] as number[], new: [] as number[] }
  for (let i = 0; i < QUERIES; i++) {
    const region = regionFor()
    for (const k of i % 2 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
      const t = performance.now()
      const res = await apps[k].request(`/api/activities?near=1&region=${region}`)
      await res.json()
      ms[k].push(performance.now() - t)
      if (res.status !== 200) throw new Error(`${k}: status ${res.status}`)
    }
  }
  const p50 = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!
  console.log(`| ${label} | ${QUERIES} | ${p50(ms.old).toFixed(2)} ms | ${p50(ms.new).toFixed(2)} ms | ${(p50(ms.new) / p50(ms.old)).toFixed(2)} |`)
}
const townships = regions.filter((c) => c.length === 9)
await measure('warm-up', () => pick(rand, townships))
console.log('\n| query | requests each | old p50 | new p50 | new ÷ old |')
console.log('| --- | ---: | ---: | ---: | ---: |')
await measure('near a random township', () => pick(rand, townships))
await measure('near a random county (+ its townships)', () => pick(rand, regions.filter((c) => c.length === 6)))
await measure('near 海淀 (county subtree, hot)', () => '110108')
await db.destroy()
rmSync(dir, { recursive: true, force: true })
