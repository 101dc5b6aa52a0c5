/** The only file that reads the environment and listens. */
import { mkdirSync } from 'node:fs'
import type { Server } from 'node:http'
import { availableParallelism } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { defaultConfig, systemClock } from './deps'
import { openDatabase } from './db/open'
import { migrateToLatest } from './db/migrate'
import { seedIfEmpty } from '../seeds/index'
import { purgeExpiredTombstones } from './sync/tombstones'
import { purgeAudit } from './domain/audit'
import { purgeRateLimits } from './db/rate-limit.repository'
import { purgeKnownBrowsers } from './db/known-browser.repository'
import { trustedProxyList } from './middleware/client-ip'
import { parsePublicOrigin } from './public-origin'
import { smsSenderFromEnv } from './sms/from-env'
import { purgeExpiredCodes } from './db/verification-code.repository'
import { ESCALATION_INTERVAL_MS, escalateOverdueRequests } from './domain/service-request-deadlines'
import { runExclusive } from './db/exclusive'
import { purgeFullBudgets } from './sync/budget'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT ?? 8080)
const host = process.env.HOST ?? '0.0.0.0'
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'))
mkdirSync(dataDir, { recursive: true })

// before the database: a production server without an SMS gateway refuses to start (server/sms/from-env.ts)
let sms
try {
  sms = smsSenderFromEnv(process.env, dataDir)
} catch (err) {
  console.error(`Cannot start: ${(err as Error).message}`)
  process.exit(1)
}

// DATABASE_URL=postgres://… : PostgreSQL, shared by any number of instances (issue 15); else the SQLite file
const database = openDatabase(process.env, dataDir)
const { db } = database
await migrateToLatest(db)
const seeded = await seedIfEmpty(db, { now: systemClock.now() })

// scrypt at full cost is memory-bound: two at once on two cores each run at less than half speed
// (bench/login-burst.ts). Half the cores hash; with two or more, one place is kept for known browsers.
const hashConcurrency = Math.max(1, Math.floor(availableParallelism() / 2))
const config = {
  ...defaultConfig,
  hashConcurrency,
  hashReservedForKnown: hashConcurrency >= 2 ? 1 : 0,
  secureCookies: process.env.SECURE_COOKIES === '1',
  clientDir: process.env.CLIENT_DIR === '' ? null : (process.env.CLIENT_DIR ?? join(root, 'dist')),
  allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').filter(Boolean),
  ...(process.env.SCRYPT_N ? { scryptN: Number(process.env.SCRYPT_N) } : {}),
  // SMS codes per number and per address in an hour (server/domain/verification-codes.ts)
  smsLimitPerNumber: Number(process.env.SMS_LIMIT_PER_NUMBER || defaultConfig.smsLimitPerNumber),
  smsLimitPerIp: Number(process.env.SMS_LIMIT_PER_IP || defaultConfig.smsLimitPerIp),
  // the per-account sync budget (shared/rules/sync-budget.ts); benchmarks raise it to measure fairness alone
  mutationBudget: {
    burst: Number(process.env.MUTATION_BURST || defaultConfig.mutationBudget.burst),
    perMinute: Number(process.env.MUTATIONS_PER_MINUTE || defaultConfig.mutationBudget.perMinute),
  },
  // addresses or CIDR ranges of the reverse proxies in front of us, comma-separated
  trustedProxies: (process.env.TRUSTED_PROXIES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  // e.g. https://kexie.example.cn; unset: the request's own host (https behind TLS)
  publicOrigin: process.env.PUBLIC_ORIGIN ? parsePublicOrigin(process.env.PUBLIC_ORIGIN) : null,
}
trustedProxyList(config.trustedProxies) // a typo stops the start here, not at the first request
const app = createApp({ db, clock: systemClock, config, sms })

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(`科技工作者之家 · Scientists' Home on http://localhost:${info.port}  (data: ${database.engine} ${database.where})`)
  console.log(
    sms.name === 'development'
      ? 'SMS: development sender — codes go to this log and the inbox file (SMS_GATEWAY=tencent for real messages)'
      : `SMS: ${sms.name} gateway`,
  )
  if (seeded.created) {
    console.log(`Seeded a fresh database in ${seeded.ms} ms: ${seeded.counts}`)
    console.log('Demo logins (password for all: ' + seeded.demoPassword + '):')
    for (const login of seeded.logins) console.log(`  ${login.role.padEnd(14)} ${login.phone}  ${login.name}  ${login.note}`)
  }
})

// Idle keep-alive connections: Node closes them after 5 s by default, and a reverse proxy that keeps
// upstream connections longer (nginx: 60 s) may send a request on one just as Node closes it — that
// request gets no answer. Outlive the proxy instead (headersTimeout must exceed keepAliveTimeout).
const http = server as Server
http.keepAliveTimeout = 65_000
http.headersTimeout = 66_000

// Maintenance, once at start and daily: tombstones past the promised 30-day offline window,
// audit entries past their retention (never younger than 180 days), known browsers unused for a year.
// Every instance schedules each job; runExclusive (server/db/exclusive.ts) lets one of them run it at a
// time on PostgreSQL, the others skip that round (the jobs are idempotent anyway).
const maintenance = () =>
  runExclusive(db, 'maintenance:daily', async () => {
    await purgeExpiredTombstones(db, systemClock).catch((err) => console.error('tombstone purge failed', err))
    await purgeAudit(db, systemClock.now()).catch((err) => console.error('audit purge failed', err))
    await purgeKnownBrowsers(db, systemClock.now()).catch((err) => console.error('known-browser purge failed', err))
  }).catch((err) => console.error('maintenance failed', err))
void maintenance()
const maintenanceTimer = setInterval(maintenance, 24 * 3600_000)
maintenanceTimer.unref()
// Rate-limit counters whose window is over, expired codes and refilled sync budgets, every window: one row per number ever tried otherwise.
const longestWindow = Math.max(config.loginWindowMs, config.smsWindowMs)
const purgeLimits = () =>
  runExclusive(db, 'maintenance:limits', async () => {
    await purgeRateLimits(db, longestWindow, Date.now()).catch((err) => console.error('rate-limit purge failed', err))
    await purgeExpiredCodes(db, systemClock.now()).catch((err) => console.error('verification-code purge failed', err))
    await purgeFullBudgets(db, config.mutationBudget, Date.now()).catch((err) => console.error('sync budget purge failed', err))
  }).catch((err) => console.error('limits purge failed', err))
const limitsTimer = setInterval(purgeLimits, config.loginWindowMs)
limitsTimer.unref()

// Service requests past their state's deadline are flagged to the level above (issue 14): at start and every 10 minutes.
// One instance at a time; a request is flagged once however many runs see it (a conditional update: service-request-deadlines.ts).
const escalate = () =>
  runExclusive(db, 'maintenance:escalation', () => escalateOverdueRequests(db, systemClock.now())).catch((err) =>
    console.error('request escalation failed', err),
  )
void escalate()
const escalationTimer = setInterval(escalate, ESCALATION_INTERVAL_MS)
escalationTimer.unref()

function shutdown() {
  clearInterval(maintenanceTimer)
  clearInterval(limitsTimer)
  clearInterval(escalationTimer)
  server.close()
  void database.close().finally(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
