/**
 * Fairness under one member's sync batches (issue 10 item 5), against the real server process
 * (server/main.ts on a freshly seeded file database, production pragmas). One account runs four
 * loops of 100-mutation pushes (four devices, profile.update); meanwhile another person asks
 * GET /api/me again and again. Figures: that GET's median and p95 when the server is idle and under
 * the load, and their ratio, on the same server in the same run.
 *
 * Configurations: the server as it is (default per-account budget), the same with the budget
 * raised out of reach (fairness from yielding alone), and with `--before <dir>` an older checkout
 * (e.g. `git archive <commit> | tar -x -C <dir>` plus a node_modules symlink) for comparison.
 * Run: npx tsx bench/sync-fairness.ts [--before <dir>] [--seconds 10]
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, startRealServer } from '../tests/server/durability-server'
import { latestCode } from '../tests/server/sms-inbox'
import { SYNC_SCHEMA_VERSION } from '../shared/schemas/sync'

const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}
const LOAD_MS = Number(arg('--seconds') ?? 10) * 1000
const IDLE_GETS = 200
const LOOPS = 4
const BATCH = 100

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}

async function account(url: string, dir: string, phone: string): Promise<string> {
  // a checkout with SMS codes (issue 12) registers with one from its inbox; an older one without
  const ask = await fetch(`${url}/api/auth/sms-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, purpose: 'register' }),
  })
  const code = ask.status === 200 ? { code: latestCode(dir, phone, 'register') } : {}
  const body = { phone, password: 'Bench-2026!', name: '压测', acceptPrivacy: true, ...code }
  await fetch(`${url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: body.password }),
  })
  if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

async function timedGet(url: string, cookie: string): Promise<number> {
  const t = performance.now()
  const res = await fetch(`${url}/api/me`, { headers: { cookie } })
  await res.text()
  if (res.status !== 200) throw new Error(`GET /api/me ${res.status}`)
  return performance.now() - t
}

async function measure(label: string, root: string, env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  const dir = mkdtempSync(join(tmpdir(), 'sh-fairness-bench-'))
  const server = await startRealServer(dir, 300_000, {}, root)
  try {
    const pusher = await account(server.url, dir, '17500000001')
    const reader = await account(server.url, dir, '17500000002')
    for (let i = 0; i < 20; i++) await timedGet(server.url, reader) // warm up
    const idle: number[] = []
    for (let i = 0; i < IDLE_GETS; i++) idle.push(await timedGet(server.url, reader))

    let stop = false
    let applied = 0
    let limited = 0
    async function loop() {
      const clientId = randomUUID()
      while (!stop) {
        const mutations = Array.from({ length: BATCH }, (_, i) => ({
          id: randomUUID(),
          name: 'profile.update',
          args: { bio: `第${i}版` },
          createdAt: new Date().toISOString(),
        }))
        const res = await fetch(`${server.url}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: pusher },
          body: JSON.stringify({ clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations }),
        })
        const body = (await res.json()) as { results: unknown[]; retry?: { code: string } }
        applied += body.results.length
        if (body.retry?.code === 'rate_limited') limited++
      }
    }
    const started = performance.now()
    const loops = Array.from({ length: LOOPS }, loop)
    const loaded: number[] = []
    await new Promise((r) => setTimeout(r, 200)) // let the loops get going
    while (performance.now() - started < LOAD_MS) loaded.push(await timedGet(server.url, reader))
    stop = true
    await Promise.all(loops)
    const seconds = (performance.now() - started) / 1000
    return {
      label,
      idleP50: pct(idle, 50),
      idleP95: pct(idle, 95),
      loadP50: pct(loaded, 50),
      loadP95: pct(loaded, 95),
      gets: loaded.length,
      mps: applied / seconds,
      limited,
    }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const rows = []
const before = arg('--before')
if (before) rows.push(await measure(`before (${before})`, before, {}))
rows.push(await measure('now, budget out of reach', repoRoot, { MUTATION_BURST: '1000000000', MUTATIONS_PER_MINUTE: '1000000000' }))
rows.push(await measure('now, default budget', repoRoot, { MUTATION_BURST: undefined, MUTATIONS_PER_MINUTE: undefined }))

const ms = (x: number) => `${x.toFixed(1)} ms`
console.log(`\n${LOOPS} loops × ${BATCH}-mutation pushes from one account for ${LOAD_MS / 1000} s; another person's GET /api/me\n`)
console.log('| server | idle p50 / p95 | under load p50 / p95 | GETs under load | p50 ratio | mutations/s | rate_limited answers |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows) {
  console.log(
    `| ${r.label} | ${ms(r.idleP50)} / ${ms(r.idleP95)} | ${ms(r.loadP50)} / ${ms(r.loadP95)} | ${r.gets} | ${(r.loadP50 / r.idleP50).toFixed(1)}× | ${Math.round(r.mps)} | ${r.limited} |`,
  )
}
