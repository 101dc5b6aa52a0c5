import type { DB } from './db/database'
import { MUTATION_BURST, MUTATIONS_PER_MINUTE } from '../shared/rules/sync-budget'
import type { HashGate } from './domain/hash-gate'
import type { SmsSender } from './sms/sender'

export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

export interface AppConfig {
  /** scrypt cost; OWASP's N=2^17 in production, small in tests */
  scryptN: number
  /** mark cookies Secure (and use the __Host- prefix) when served over HTTPS */
  secureCookies: boolean
  /** folder holding the built client; null serves the API only */
  clientDir: string | null
  /** origins allowed to send state-changing requests, besides the request's own host */
  allowedOrigins: string[]
  /** a session ends after this long without a request … */
  sessionIdleMs: number
  /** … or this long for an admin (system admin, or an active admin membership) */
  adminSessionIdleMs: number
  /** … and this long after login, whatever happens */
  sessionAbsoluteMs: number
  /** failed logins allowed per number, and per IP address, in one window */
  loginLimitPerAccount: number
  loginLimitPerIp: number
  loginWindowMs: number
  /** SMS codes one number, and one address, may ask for in one window (server/domain/verification-codes.ts) */
  smsLimitPerNumber: number
  smsLimitPerIp: number
  /** a multiple of loginWindowMs (the rate-limit purge keeps the longest window) */
  smsWindowMs: number
  /** sync mutations one account may push: a burst, then a steady rate (shared/rules/sync-budget.ts) */
  mutationBudget: { burst: number; perMinute: number }
  /** scrypt jobs running at once, waiting per lane, and places kept for known browsers (server/domain/hash-gate.ts) */
  hashConcurrency: number
  hashQueue: number
  hashReservedForKnown: number
  /** proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed; empty: none */
  trustedProxies: string[]
  /** the address people reach the app at (absolute links in .ics); null: the request's own origin */
  publicOrigin: string | null
}

export interface AppDeps {
  db: DB
  clock: Clock
  config: AppConfig
  /** the scrypt gate; createApp makes one from config unless a test or bench passes its own */
  hashGate?: HashGate
  /** the SMS sender; createApp keeps messages in memory unless given one (server/main.ts always gives one) */
  sms?: SmsSender
}

export const defaultConfig: AppConfig = {
  scryptN: 2 ** 17,
  secureCookies: false,
  clientDir: null,
  allowedOrigins: [],
  sessionIdleMs: 30 * 60_000,
  adminSessionIdleMs: 15 * 60_000,
  sessionAbsoluteMs: 12 * 3600_000,
  loginLimitPerAccount: 5,
  loginLimitPerIp: 100,
  loginWindowMs: 15 * 60_000,
  smsLimitPerNumber: 5,
  smsLimitPerIp: 30,
  smsWindowMs: 3600_000,
  mutationBudget: { burst: MUTATION_BURST, perMinute: MUTATIONS_PER_MINUTE },
  hashConcurrency: 1,
  hashQueue: 4,
  hashReservedForKnown: 0,
  trustedProxies: [],
  publicOrigin: null,
}
