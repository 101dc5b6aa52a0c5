/**
 * What the first page load downloads: the entry script, its modulepreloads and the stylesheet
 * that dist/index.html names, raw and gzip (level 9); "as sent" is the brotli copy the build wrote
 * beside each file (scripts/precompress.ts), which the server sends to a browser accepting br;
 * plus the service worker's precache total (as sent, too) and any asset left out of it.
 *
 *   npx vite build && npx tsx bench/first-load.ts [distDir ...]
 *
 * Give two dist folders (e.g. a copy built before a change, then dist/) to compare them.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

function firstLoad(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
  /** the brotli copy's size when the build wrote one, else the file's (what the server sends) */
  const sent = (path: string) => statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size
  let raw = 0
  let gzip = 0
  let asSent = 0
  for (const file of files) {
    const bytes = readFileSync(join(dist, file))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
    asSent += sent(join(dist, file))
  }
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8')
  const assets = readdirSync(join(dist, 'assets')).filter((a) => !/\.(?:br|gz)$/.test(a))
  const precached = assets.filter((a) => sw.includes(`assets/${a}`))
  const precacheBytes = precached.reduce((sum, a) => sum + statSync(join(dist, 'assets', a)).size, 0)
  const precacheSent = precached.reduce((sum, a) => sum + sent(join(dist, 'assets', a)), 0)
  const notPrecached = assets.filter((a) => !sw.includes(`assets/${a}`))
  return { files: files.length, raw, gzip, asSent, precacheBytes, precacheSent, notPrecached }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['dist']
const rows = dirs.map((d) => ({ d, ...firstLoad(d) }))
console.log('| dist | first-load files | raw | gzip | as sent (br) | precached assets | precache as sent | not precached |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
for (const r of rows)
  console.log(
    `| ${r.d} | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.asSent)} | ${kb(r.precacheBytes)} | ${kb(r.precacheSent)} | ${r.notPrecached.join(', ') || '—'} |`,
  )
if (rows.length === 2)
  console.log(`\nfirst load gzip: ${(rows[1]!.gzip / rows[0]!.gzip).toFixed(3)}× (${rows[1]!.gzip - rows[0]!.gzip} bytes)`)
