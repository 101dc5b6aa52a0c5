/**
 * Registration throughput under contention: C concurrent people (1, 10, 100) each push one
 * activity.register (and, to keep the level going, the next person takes their place) for ONE
 * activity with 100 places, over real HTTP against a file database with the production pragmas
 * (WAL, synchronous=FULL: every mutation is a durable transaction). 1,000 registrations per level:
 * 100 get places, 900 join the waitlist; each level checks capacity and FIFO afterwards.
 * Run: npx tsx bench/activities-register.ts
 */
import { randomUUID } from 'node:crypto'
import { SYNC_SCHEMA_VERSION } from '../shared/schemas/sync'
import { insertActivity } from '../server/db/activity.repository'
import { insertOrganization } from '../server/db/organization-tree.repository'
import { startBenchServer } from './sync-server'

const PER_LEVEL = 1_000
const s = await startBenchServer()
await insertOrganization(s.db, {
  id: 'cast-national',
  kind: 'cast',
  level: 'national',
  name: '中国科学技术协会',
  short_name: '中国科协',
  region_code: null,
  parent_id: null,
  discipline: null,
  status: 'established',
  join_policy: 'approval',
  description: null,
  contact: null,
  created_at: new Date().toISOString(),
  version: 1,
})

const people: Array<{ cookie: string; clientId: string }> = []
for (let i = 0; i < PER_LEVEL; i++) {
  const u = await s.makeUser(5000 + i)
  people.push({ cookie: await s.login(u.phone), clientId: randomUUID() })
}

async function makeActivity() {
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  const row = await s.db.transaction().execute((trx) =>
    insertActivity(trx, {
      id: randomUUID(),
      org_id: 'cast-national',
      kind: 'academic',
      title: '压测活动',
      description: '',
      venue_address: '线上',
      hub_id: null,
      region_code: null,
      starts_at: iso(now + 86_400_000),
      ends_at: iso(now + 90_000_000),
      registration_opens_at: iso(now - 3_600_000),
      registration_closes_at: iso(now + 80_000_000),
      capacity: 100,
      requires_approval: 0,
      audience: 'public',
      status: 'published',
      credit_hours: 2,
      created_by: null,
      created_at: iso(now),
      updated_at: iso(now),
    }),
  )
  return row.id
}

async function level(concurrency: number) {
  const activityId = await makeActivity()
  let next = 0
  const latencies: number[] = []
  const statuses = new Map<string, number>()
  const started = performance.now()
  async function worker() {
    while (next < PER_LEVEL) {
      const p = people[next++]!
      const t = performance.now()
      const res = await fetch(`${s.url}/api/sync/push`, {
        method: 'POST',
        headers: { cookie: p.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: p.clientId,
          schemaVersion: SYNC_SCHEMA_VERSION,
          mutations: [
            {
              id: randomUUID(),
              name: 'activity.register',
              args: { registrationId: randomUUID(), activityId },
              createdAt: new Date().toISOString(),
            },
          ],
        }),
      })
      const body = (await res.json()) as { results: Array<{ status: string; data?: { status: string } }> }
      latencies.push(performance.now() - t)
      const st = body.results[0]?.data?.status ?? body.results[0]?.status ?? `http ${res.status}`
      statuses.set(st, (statuses.get(st) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const ms = performance.now() - started
  // the invariants hold under this load too
  const regs = await s.db.selectFrom('registrations').select(['status']).where('activity_id', '=', activityId).orderBy('seq').execute()
  const firstWaiting = regs.findIndex((r) => r.status === 'waitlisted')
  if (
    regs.filter((r) => r.status === 'registered').length !== 100 ||
    firstWaiting !== 100 ||
    regs.slice(100).some((r) => r.status !== 'waitlisted')
  ) {
    throw new Error('capacity or FIFO broken')
  }
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!
  return { ms, perSec: PER_LEVEL / (ms / 1000), p50: pct(0.5), p95: pct(0.95), statuses }
}

await level(10) // warm up (JIT, page cache)
console.log(`${PER_LEVEL} registrations per level for one activity with 100 places; one mutation per push\n`)
console.log('| concurrent people | registered / waitlisted | time | registrations/s | push p50 | push p95 |')
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |')
for (const n of [1, 10, 100]) {
  const r = await level(n)
  console.log(
    `| ${n} | ${r.statuses.get('registered')} / ${r.statuses.get('waitlisted')} | ${(r.ms / 1000).toFixed(2)} s | ${r.perSec.toFixed(0)} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms |`,
  )
}
await s.close()
