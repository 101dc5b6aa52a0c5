/**
 * Region picker reads at full scale (the real seed: 3,216 provinces/cities/counties + 41,352 townships).
 *
 *   npx tsx bench/region-search.ts
 *
 * Seeds a fresh file database (regions, their pinyin keys and 科协; no demo data), then times in
 * one run, per query: the search as served (`searchRegions`: three index ranges over name, pinyin
 * and initials, with chains), the whole request GET /api/regions/search through app.request(), and
 * two baselines on the same data: the same match done as a LIKE scan (what the search would cost
 * without the key indexes) and a primary-key lookup of one region (the cheapest query there is).
 * Also a node (GET /api/regions/{code}: chain and children). Prints p50/p95 ms and the ratios, and
 * the query plan of one arm, which must name the index.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { createApp } from '../server/app'
import { defaultConfig, systemClock } from '../server/deps'
import { regionNode, searchRegions } from '../server/db/region.repository'
import { regionSearchKey } from '../shared/schemas/region'
import { seedIfEmpty } from '../seeds/index'

const RUNS = 60
const WARMUP = 5
const QUERIES = ['海', '海淀', '中关村', 'h', 'hd', 'haidian', 'zhongguancun', 'zgc', 'jiedao', 'xx', 'wsljd', '不存在的地名']

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
const f = (n: number) => n.toFixed(3).padStart(8)
async function time(run: () => unknown): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now()
    await run()
    if (i >= WARMUP) out.push(performance.now() - t0)
  }
  return out
}

const dir = mkdtempSync(join(tmpdir(), 'region-search-bench-'))
try {
  const { db, raw } = openSqlite({ file: join(dir, 'bench.db') })
  await migrateToLatest(db)
  const seedStart = performance.now()
  await seedIfEmpty(db, { now: new Date('2026-11-28T00:00:00Z'), scryptN: 1024, demo: false })
  const regions = raw.prepare('select count(*) from regions').pluck().get() as number
  console.log(`seeded ${regions} regions (with pinyin keys) in ${Math.round(performance.now() - seedStart)} ms\n`)
  const app = createApp({ db, clock: systemClock, config: { ...defaultConfig, scryptN: 1024 } })

  const scan = raw.prepare(
    `select code, name, level from regions where placeholder = 0
       and (name like ? || '%' or pinyin like ? || '%' or initials like ? || '%')
     order by length(code), length(name), code limit 21`,
  )
  const byKey = raw.prepare('select code, name, level from regions where code = ?')
  console.log(
    `${'query'.padEnd(14)} ${'matches'.padStart(7)}   search p50/p95 ms   request p50/p95 ms   LIKE scan p50 ms   PK lookup p50 ms   scan ÷ search   search ÷ PK`,
  )
  const all = { search: [] as number[], http: [] as number[], scan: [] as number[], pk: [] as number[] }
  for (const q of QUERIES) {
    const key = regionSearchKey(q)
    const matches = (
      raw
        .prepare(
          `select count(*) from regions where placeholder = 0 and (name like ? || '%' or pinyin like ? || '%' or initials like ? || '%')`,
        )
        .pluck()
        .get(key, key, key) as number
    ).toLocaleString('en')
    const search = await time(() => searchRegions(db, { q, maxLevel: 'township', page: 1, pageSize: 20 }))
    const http = await time(async () => {
      const res = await app.request(`/api/regions/search?q=${encodeURIComponent(q)}`)
      if (res.status !== 200) throw new Error(`${q}: ${res.status}`)
      await res.json()
    })
    const scanned = await time(() => scan.all(key, key, key))
    const pk = await time(() => byKey.get('110108011'))
    all.search.push(...search)
    all.http.push(...http)
    all.scan.push(...scanned)
    all.pk.push(...pk)
    console.log(
      `${q.padEnd(14)} ${matches.padStart(7)}   ${f(pct(search, 50))} /${f(pct(search, 95))}   ${f(pct(http, 50))} /${f(pct(http, 95))}   ${f(pct(scanned, 50))}         ${f(pct(pk, 50))}         ${(pct(scanned, 50) / pct(search, 50)).toFixed(1).padStart(6)}×     ${(pct(search, 50) / pct(pk, 50)).toFixed(0).padStart(5)}×`,
    )
  }
  console.log(
    `${'all'.padEnd(14)} ${''.padStart(7)}   ${f(pct(all.search, 50))} /${f(pct(all.search, 95))}   ${f(pct(all.http, 50))} /${f(pct(all.http, 95))}   ${f(pct(all.scan, 50))}         ${f(pct(all.pk, 50))}`,
  )

  console.log('\nnodes (chain + children):')
  for (const code of [null, '11', '44', '110108', '4419', '441900003']) {
    const node = await time(() => regionNode(db, code))
    const http = await time(async () => (await app.request(code ? `/api/regions/${code}` : '/api/regions')).json())
    const n = (await regionNode(db, code))!.children.length
    console.log(
      `${String(code ?? '(provinces)').padEnd(14)} ${String(n).padStart(4)} children   node p50/p95 ${f(pct(node, 50))} /${f(pct(node, 95))}   request p50/p95 ${f(pct(http, 50))} /${f(pct(http, 95))}`,
    )
  }

  console.log('\nquery plan of one search arm (pinyin):')
  for (const row of raw
    .prepare(`explain query plan select code from regions where pinyin >= ? and pinyin < ? and placeholder = 0 and length(code) <= 9`)
    .all('haidian', 'haidian\u{10FFFF}') as { detail: string }[])
    console.log(`  ${row.detail}`)
  raw.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
