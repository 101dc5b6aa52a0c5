/**
 * Push throughput over real HTTP: mutations applied per second with 1, 10 and 100 concurrent
 * clients (each its own person and clientId), each pushing its outbox in batches, bounded by a
 * mutation count and a time limit per level. The database is a file with the production pragmas
 * (WAL, synchronous=FULL: every mutation's transaction is durable before it is answered).
 * Run: npx tsx bench/sync-push.ts [batchSize=10]
 */
import { randomUUID } from 'node:crypto'
import { SYNC_SCHEMA_VERSION } from '../shared/schemas/sync'
import { startBenchServer } from './sync-server'

const BATCH = Number(process.argv[2] ?? 10)
const MAX_MUTATIONS = 6_000
const MAX_MS = 10_000

const s = await startBenchServer()
const clients = [] as Array<{ cookie: string; clientId: string }>
for (let i = 0; i < 100; i++) {
  const u = await s.makeUser(1000 + i)
  clients.push({ cookie: await s.login(u.phone), clientId: randomUUID() })
}

async function level(concurrency: number) {
  let issued = 0
  let applied = 0
  const latencies: number[] = []
  const started = performance.now()
  async function run(c: { cookie: string; clientId: string }) {
    while (issued < MAX_MUTATIONS && performance.now() - started < MAX_MS) {
      const n = Math.min(BATCH, MAX_MUTATIONS - issued)
      issued += n
      const mutations = Array.from({ length: n }, (_, i) => ({
        id: randomUUID(),
        name: 'profile.update',
        args: { bio: `第${issued + i}次更新`, title: '研究员' },
        createdAt: new Date().toISOString(),
      }))
      const t = performance.now()
      const res = await fetch(`${s.url}/api/sync/push`, {
        method: 'POST',
        headers: { cookie: c.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: c.clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations }),
      })
      const body = (await res.json()) as { results: Array<{ status: string }> }
      latencies.push(performance.now() - t)
      if (res.status !== 200) throw new Error(`push ${res.status} ${JSON.stringify(body)}`)
      applied += body.results.filter((r) => r.status === 'applied').length
    }
  }
  await Promise.all(clients.slice(0, concurrency).map(run))
  const ms = performance.now() - started
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!
  return { applied, ms, perSec: applied / (ms / 1000), p50: pct(0.5), p95: pct(0.95) }
}

await level(1) // warm up (JIT, page cache)
console.log(`batch of ${BATCH} mutations per push; at most ${MAX_MUTATIONS} mutations or ${MAX_MS / 1000} s per level\n`)
console.log('| concurrent clients | mutations applied | time | mutations/s | push p50 | push p95 |')
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |')
for (const n of [1, 10, 100]) {
  const r = await level(n)
  console.log(
    `| ${n} | ${r.applied} | ${(r.ms / 1000).toFixed(2)} s | ${r.perSec.toFixed(0)} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms |`,
  )
}
await s.close()
