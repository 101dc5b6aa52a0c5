/**
 * "Near me" with 100,000 activities: GET /api/activities?near=1&region=… (in-process app.request,
 * so the figure is the route + query, not the network) over a file database with the production
 * pragmas, seeded with the real regions and organisations and 100,000 activities (near-seed.ts).
 * Run: npx tsx bench/activities-near.ts
 */
import { rmSync } from 'node:fs'
import { createApp } from '../server/app'
import { defaultConfig } from '../server/deps'
import { pick } from '../seeds/random'
import { N, now, openNearDb } from './near-seed'

const QUERIES = 400
const { dir, db, rand, townships, counties, haidianStreets, insertSeconds } = await openNearDb('activities-near-', { varied: true })
console.log(`inserted ${N.toLocaleString()} activities in ${insertSeconds.toFixed(1)} s`)

const app = createApp({ db, clock: { now: () => now }, config: { ...defaultConfig, scryptN: 1024 } })
async function measure(label: string, regionFor: () => string, extra = '') {
  const ms: number[] = []
  let items = 0
  for (let i = 0; i < QUERIES; i++) {
    const region = regionFor()
    const t = performance.now()
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
await measure('near a random county (+ its townships)', () => pick(rand, counties))
await measure('near a 海淀 street (hot district), page 1', () => pick(rand, haidianStreets))
await measure('near 海淀 (county subtree, hot)', () => '110108')
await measure('near a 海淀 street, page 5', () => pick(rand, haidianStreets), '&page=5')
await db.destroy()
rmSync(dir, { recursive: true, force: true })
