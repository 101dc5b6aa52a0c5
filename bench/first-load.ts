/**
 * What the first page load downloads: the entry script, its modulepreloads and the stylesheet
 * that dist/index.html names, raw and gzip (level 9, as a server would send them); plus the
 * service worker's precache total and any asset left out of it.
 *
 *   npx vite build && npx tsx bench/first-load.ts [distDir ...]
 *
 * Give two dist folders (e.g. a copy built before a change, then dist/) to compare them.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

function firstLoad(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
  let raw = 0
  let gzip = 0
  for (const file of files) {
    const bytes = readFileSync(join(dist, file))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
  }
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8')
  const assets = readdirSync(join(dist, 'assets'))
  const precached = assets.filter((a) => sw.includes(`assets/${a}`))
  const precacheBytes = precached.reduce((sum, a) => sum + statSync(join(dist, 'assets', a)).size, 0)
  const notPrecached = assets.filter((a) => !sw.includes(`assets/${a}`))
  return { files: files.length, raw, gzip, precacheBytes, notPrecached }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['dist']
const rows = dirs.map((d) => ({ d, ...firstLoad(d) }))
console.log('| dist | first-load files | raw | gzip | precached assets | not precached |')
console.log('| --- | ---: | ---: | ---: | ---: | --- |')
for (const r of rows)
  console.log(`| ${r.d} | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.precacheBytes)} | ${r.notPrecached.join(', ') || '—'} |`)
if (rows.length === 2)
  console.log(`\nfirst load gzip: ${(rows[1]!.gzip / rows[0]!.gzip).toFixed(3)}× (${rows[1]!.gzip - rows[0]!.gzip} bytes)`)
