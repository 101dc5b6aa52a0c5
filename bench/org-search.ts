/**
 * Organisation search latency at full scale (~44,900 organisations from the real seed).
 *
 *   npx tsx bench/org-search.ts
 *
 * Seeds a fresh file database in a temp dir, then times a fixed list of queries (1-, 2- and 3+-
 * character terms, filters, a logged-in person's region ranking) two ways: the search itself
 * (searchOrgIds + filling the page) and the whole in-process request GET /api/orgs via
 * app.request(). Prints p50/p95 in ms per query and over all.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { createApp } from '../server/app'
import { defaultConfig, systemClock } from '../server/deps'
import { searchOrgIds, type OrgSearchParams } from '../server/db/search'
import { orgSummariesByIds } from '../server/db/organization.repository'
import { seedIfEmpty } from '../seeds/index'

const RUNS = 40
const WARMUP = 5

type Case = { label: string; params: Partial<OrgSearchParams> }
const CASES: Case[] = [
  { label: '1 char 海', params: { q: '海' } },
  { label: '1 char 协 (matches ~all)', params: { q: '协' } },
  { label: '2 char 海淀', params: { q: '海淀' } },
  { label: '2 char 物理', params: { q: '物理' } },
  { label: '2 char 科协 (matches ~all)', params: { q: '科协' } },
  { label: '2 char 街道 + region 33', params: { q: '街道', region: '33' } },
  { label: '3+ 海淀区科协', params: { q: '海淀区科协' } },
  { label: '3+ 计算机学会', params: { q: '计算机学会' } },
  { label: '3+ 农技协', params: { q: '农技协' } },
  { label: '3+ 中关村', params: { q: '中关村' } },
  { label: '3+ 北京市海淀区', params: { q: '北京市海淀区' } },
  { label: '3+ 科学技术协会 (matches ~all)', params: { q: '科学技术协会' } },
  { label: '3+ no match', params: { q: '不存在的组织名' } },
  { label: 'two terms 杭州 西湖', params: { q: '杭州 西湖' } },
  { label: 'filter kind=society discipline=理科', params: { kind: 'society', discipline: '理科' } },
  { label: 'filter region=110108', params: { region: '110108' } },
  { label: 'logged in (110108011) 街道', params: { q: '街道', userRegion: '110108011' } },
  { label: 'logged in (110108011) 科协', params: { q: '科协', userRegion: '110108011' } },
  { label: 'browse all, page 100', params: { page: 100 } },
]

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
const f = (n: number) => n.toFixed(2).padStart(7)

const dir = mkdtempSync(join(tmpdir(), 'org-search-bench-'))
try {
  const { db, raw } = openSqlite({ file: join(dir, 'bench.db') })
  await migrateToLatest(db)
  const seedStart = performance.now()
  await seedIfEmpty(db, { now: new Date('2026-11-28T00:00:00Z'), scryptN: 1024, demo: false })
  const orgs = raw.prepare('select count(*) from organizations').pluck().get() as number
  console.log(`seeded ${orgs} organisations in ${Math.round(performance.now() - seedStart)} ms (search triggers included)\n`)
  const app = createApp({ db, clock: systemClock, config: { ...defaultConfig, scryptN: 1024 } })

  const all: { search: number[]; http: number[] } = { search: [], http: [] }
  console.log(`${'query'.padEnd(40)} ${'total'.padStart(6)}   search p50/p95 ms   request p50/p95 ms`)
  for (const c of CASES) {
    const params: OrgSearchParams = { q: '', page: 1, pageSize: 20, ...c.params }
    const qs = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (k !== 'userRegion' && v !== '' && v !== undefined) qs.set(k, String(v))
    const search: number[] = []
    const http: number[] = []
    let total = 0
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now()
      const r = await searchOrgIds(db, params)
      await orgSummariesByIds(db, r.ids)
      const t1 = performance.now()
      total = r.total
      if (!params.userRegion) {
        const res = await app.request(`/api/orgs?${qs}`)
        if (res.status !== 200) throw new Error(`${c.label}: ${res.status} ${await res.text()}`)
        await res.json()
      }
      const t2 = performance.now()
      if (i >= WARMUP) {
        search.push(t1 - t0)
        if (!params.userRegion) http.push(t2 - t1)
      }
    }
    all.search.push(...search)
    all.http.push(...http)
    const httpCol = http.length ? `${f(pct(http, 50))} /${f(pct(http, 95))}` : '      (needs a session)'
    console.log(`${c.label.padEnd(40)} ${String(total).padStart(6)}  ${f(pct(search, 50))} /${f(pct(search, 95))}    ${httpCol}`)
  }
  console.log(
    `\n${'ALL QUERIES'.padEnd(40)} ${''.padStart(6)}  ${f(pct(all.search, 50))} /${f(pct(all.search, 95))}    ${f(pct(all.http, 50))} /${f(pct(all.http, 95))}`,
  )

  // The organisation page (breadcrumbs, child 科协, attached organisations, member count).
  console.log('\norganisation page                        request p50/p95 ms')
  for (const id of ['cast-national', 'cast-11', 'cast-110108', 'cast-110108011']) {
    const times: number[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now()
      const res = await app.request(`/api/orgs/${id}`)
      if (res.status !== 200) throw new Error(`${id}: ${res.status}`)
      await res.json()
      if (i >= WARMUP) times.push(performance.now() - t0)
    }
    console.log(`GET /api/orgs/${id}`.padEnd(40), `${f(pct(times, 50))} /${f(pct(times, 95))}`)
  }
  raw.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
