/**
 * A/B of "near me" between this tree and an older checkout, in ONE process over ONE database, the
 * requests alternating A, B, A, B… so a noisy machine slows both alike. Same data as
 * activities-near.ts (real organisations + 100,000 activities), seeded by this tree's code.
 * Run: git archive <commit> | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/node_modules
 *      npx tsx bench/near-ab.ts /tmp/old
 */
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createApp } from '../server/app'
import { defaultConfig } from '../server/deps'
import { pick } from '../seeds/random'
import { now, openNearDb } from './near-seed'

const oldTree = process.argv[2]
if (!oldTree) throw new Error('usage: npx tsx bench/near-ab.ts <path to the older tree>')
const oldApp = (await import(pathToFileURL(resolve(oldTree, 'server/app.ts')).href)) as { createApp: typeof createApp }

const QUERIES = 400
const { dir, db, rand, townships, counties } = await openNearDb('near-ab-', { varied: false })

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
  console.log(
    `| ${label} | ${QUERIES} | ${p50(ms.old).toFixed(2)} ms | ${p50(ms.new).toFixed(2)} ms | ${(p50(ms.new) / p50(ms.old)).toFixed(2)} |`,
  )
}
await measure('warm-up', () => pick(rand, townships))
console.log('\n| query | requests each | old p50 | new p50 | new ÷ old |')
console.log('| --- | ---: | ---: | ---: | ---: |')
await measure('near a random township', () => pick(rand, townships))
await measure('near a random county (+ its townships)', () => pick(rand, counties))
await measure('near 海淀 (county subtree, hot)', () => '110108')
await db.destroy()
rmSync(dir, { recursive: true, force: true })
