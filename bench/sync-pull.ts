/**
 * Initial pull of a 10,000-row scope through the real HTTP server, pages of 500 and 1,000, with
 * and without gzip: bytes on the wire, time, and the ratio to reading the same rows straight from
 * SQLite. Run: npx tsx bench/sync-pull.ts
 */
import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { nextVersion } from '../server/db/version'
import { insertOrganization } from '../server/db/organization-tree.repository'
import { startBenchServer } from './sync-server'

const MEMBERSHIPS = 5_000 // + 5,000 organisations + 1 profile = a 10,001-row scope
const RUNS = 3

const s = await startBenchServer()
const user = await s.makeUser(1)
const now = new Date().toISOString()
const societies = ['中国农学会', '中国医学会', '中国化学会', '中国电子学会', '中国林学会']
await s.db.transaction().execute(async (trx) => {
  for (let i = 0; i < MEMBERSHIPS; i++) {
    const orgId = `org-bench-${i}`
    await insertOrganization(trx, {
      id: orgId,
      kind: 'society',
      level: null,
      name: `${societies[i % 5]}第${i}分会`,
      short_name: null,
      region_code: null,
      parent_id: null,
      discipline: '农科',
      status: 'established',
      join_policy: 'approval',
      description: '面向基层科技工作者的学术交流与科普服务组织',
      contact: null,
      created_at: now,
      version: await nextVersion(trx),
    })
    await trx
      .insertInto('memberships')
      .values({
        id: `m-${String(i).padStart(6, '0')}-${user.id.slice(0, 8)}`,
        user_id: user.id,
        org_id: orgId,
        status: 'active',
        role: 'member',
        member_no: `NO${String(i).padStart(8, '0')}`,
        reason: null,
        valid_until: '2027-12-31',
        created_at: now,
        updated_at: now,
        version: await nextVersion(trx),
      })
      .execute()
  }
})
const cookie = await s.login(user.phone)

/** GET over a raw socket so the byte count is what travelled, before any decompression. */
function get(path: string, gzip: boolean): Promise<{ wire: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${s.url}${path}`,
      { headers: { cookie, ...(gzip ? { 'accept-encoding': 'gzip' } : {}) }, agent: keepAlive },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8')
          if (res.statusCode !== 200) return reject(new Error(`${res.statusCode} ${text}`))
          const headerBytes = Object.entries(res.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 20)
          resolve({ wire: raw.length + headerBytes, body: JSON.parse(text) })
        })
      },
    )
    req.on('error', reject)
    req.end()
  })
}
const { Agent } = await import('node:http')
const keepAlive = new Agent({ keepAlive: true })

async function initialPull(limit: number, gzip: boolean) {
  const started = performance.now()
  let cursor = 0
  let wire = 0
  let rows = 0
  let pages = 0
  for (;;) {
    const { wire: w, body } = await get(`/api/sync/pull?cursor=${cursor}&limit=${limit}`, gzip)
    wire += w
    rows += body.changes.length
    pages++
    cursor = body.cursor
    if (!body.hasMore) break
  }
  return { ms: performance.now() - started, wire, rows, pages }
}

function sqliteRead() {
  const started = performance.now()
  const profile = s.raw.prepare('select * from users where id = ?').all(user.id)
  const memberships = s.raw.prepare('select * from memberships where user_id = ? order by version').all(user.id)
  const orgs = s.raw.prepare('select o.* from organizations o join memberships m on m.org_id = o.id where m.user_id = ?').all(user.id)
  return { ms: performance.now() - started, rows: profile.length + memberships.length + orgs.length }
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
await initialPull(1000, true) // warm up
sqliteRead()
const base = median(Array.from({ length: RUNS * 3 }, () => sqliteRead().ms))
const rows = sqliteRead().rows
console.log(`scope: ${rows} rows; straight SQLite read (better-sqlite3, median of ${RUNS * 3}): ${base.toFixed(1)} ms\n`)
console.log('| page | gzip | pages | changes | bytes on the wire | bytes/row | time (median of 3) | × SQLite read |')
console.log('| ---: | :--: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const limit of [500, 1000]) {
  for (const gzip of [false, true]) {
    const runs = [] as Awaited<ReturnType<typeof initialPull>>[]
    for (let i = 0; i < RUNS; i++) runs.push(await initialPull(limit, gzip))
    const ms = median(runs.map((r) => r.ms))
    const r = runs[0]!
    console.log(
      `| ${limit} | ${gzip ? 'yes' : 'no'} | ${r.pages} | ${r.rows} | ${r.wire.toLocaleString('en')} | ${(r.wire / r.rows).toFixed(0)} | ${ms.toFixed(0)} ms | ${(ms / base).toFixed(1)} |`,
    )
  }
}
keepAlive.destroy()
await s.close()
