/**
 * "Near me" with 100,000 activities: GET /api/activities?near=1&region=… (in-process app.request,
 * so the figure is the route + query, not the network) over a file database with the production
 * pragmas, seeded with the real regions and organisations. 100,000 activities spread over every
 * county and township (10% national, 10% in 海淀 as a hot district), from 30 days ago to 180 days
 * ahead, inserted with one prepared statement in one transaction.
 * Run: npx tsx bench/activities-near.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../server/app'
import { defaultConfig } from '../server/deps'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { seedIfEmpty } from '../seeds/index'
import { mulberry32, pick } from '../seeds/random'

const N = 100_000
const QUERIES = 400
const now = new Date('2026-11-28T08:00:00Z')
const dir = mkdtempSync(join(tmpdir(), 'activities-near-'))
const { db, raw } = openSqlite({ file: join(dir, 'app.db') })
await migrateToLatest(db)
await seedIfEmpty(db, raw, { now, scryptN: 1024, demo: false })

const rand = mulberry32(7)
const regions = raw.prepare("select code from regions where level in ('county', 'township')").pluck().all() as string[]
const haidian = regions.filter((c) => c.startsWith('110108'))
const townships = regions.filter((c) => c.length === 9)
let t = performance.now()
const insert = raw.prepare(
  `insert into activities (id, org_id, kind, title, description, venue_address, hub_id, region_code, starts_at, ends_at,
     registration_opens_at, registration_closes_at, capacity, places_taken, requires_approval, audience, status, credit_hours, created_by, created_at, updated_at, version)
   values (?, ?, 'academic', ?, '', '某地', null, ?, ?, ?, ?, ?, 100, ?, 0, 'public', ?, 2, null, ?, ?, ?)`,
)
raw.transaction(() => {
  for (let i = 0; i < N; i++) {
    const r = rand()
    const region = r < 0.1 ? null : r < 0.2 ? pick(rand, haidian) : pick(rand, regions)
    const starts = now.getTime() + Math.floor((rand() * 210 - 30) * 86_400_000)
    const iso = (ms: number) => new Date(ms).toISOString()
    insert.run(
      `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`, region ? `cast-${region}` : 'cast-national', `活动${i}`, region,
      iso(starts), iso(starts + 7_200_000), iso(starts - 20 * 86_400_000), iso(starts - 3_600_000), Math.floor(rand() * 100),
      rand() < 0.03 ? 'cancelled' : 'published', iso(now.getTime()), iso(now.getTime()), i + 1_000_000,
    )
  }
})()
raw.exec('analyze')
console.log(`inserted ${N.toLocaleString()} activities in ${((performance.now() - t) / 1000).toFixed(1)} s`)

const app = createApp({ db, clock: { now: () => now }, config: { ...defaultConfig, scryptN: 1024 } })
async function measure(label: string, regionFor: () => string, extra = '') {
  const ms: number[] = []
  let items = 0
  for (let i = 0; i < QUERIES; i++) {
    const region = regionFor()
    t = performance.now()
    const res = await app.request(`/api/activities?near=1&region=${region}${extra}`)
    const body = (await res.json()) as { items: unknown[] }
    ms.push(performance.now() - t)
    if (res.status !== 200) throw new Error(`status ${res.status}`)
    items += body.items.length
  }
  ms.sort((a, b) => a - b)
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))]!.toFixed(2)
  console.log(`| ${label} | ${QUERIES} | ${(items / QUERIES).toFixed(1)} | ${p(0.5)} ms | ${p(0.95)} ms | ${p(0.99)} ms |`)
}
await measure('warm-up', () => pick(rand, townships))
console.log('\n| query | requests | items/page | p50 | p95 | p99 |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
await measure('near a random township, page 1', () => pick(rand, townships))
await measure('near a random county (+ its townships)', () => pick(rand, regions.filter((c) => c.length === 6)))
await measure('near a 海淀 street (hot district), page 1', () => pick(rand, haidian.filter((c) => c.length === 9)))
await measure('near 海淀 (county subtree, hot)', () => '110108')
await measure('near a 海淀 street, page 5', () => pick(rand, haidian.filter((c) => c.length === 9)), '&page=5')
await db.destroy()
rmSync(dir, { recursive: true, force: true })
