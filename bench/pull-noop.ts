/**
 * The request floor of a pull with nothing new (a phone's periodic sync), against /api/health in the
 * same run: 8 concurrent keep-alive clients for 5 s each, the real app on a real port over a temp
 * SQLite file (synchronous = FULL). Every pull names its clientId, as the app's do.
 *
 *   npx tsx bench/pull-noop.ts
 */
import { randomUUID } from 'node:crypto'
import { SYNC_SCHEMA_VERSION } from '../shared/schemas/sync'
import { startBenchServer } from './sync-server'

const SECONDS = 5
const CONCURRENCY = 8

async function rate(url: string, headers: Record<string, string>): Promise<number> {
  let done = 0
  const until = Date.now() + SECONDS * 1000
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        const res = await fetch(url, { headers })
        if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`)
        await res.arrayBuffer()
        done++
      }
    }),
  )
  return done / SECONDS
}

const server = await startBenchServer()
try {
  const user = await server.makeUser(1)
  const cookie = await server.login(user.phone)
  const clientId = randomUUID()
  const first = await fetch(`${server.url}/api/sync/pull?clientId=${clientId}&schemaVersion=${SYNC_SCHEMA_VERSION}`, {
    headers: { cookie },
  })
  const { cursor } = (await first.json()) as { cursor: number }
  const pullUrl = `${server.url}/api/sync/pull?clientId=${clientId}&cursor=${cursor}&schemaVersion=${SYNC_SCHEMA_VERSION}`
  await rate(`${server.url}/api/health`, {}) // warm-up
  const health = await rate(`${server.url}/api/health`, {})
  const pull = await rate(pullUrl, { cookie })
  console.log('| request | requests/s | × /api/health |')
  console.log('| --- | ---: | ---: |')
  console.log(`| /api/health | ${health.toFixed(0)} | 1.000 |`)
  console.log(`| pull, nothing new | ${pull.toFixed(0)} | ${(pull / health).toFixed(3)} |`)
} finally {
  await server.close()
}
