/**
 * Does a legitimate login stay fast while strangers burst wrong passwords? (issue 10 item 4)
 *
 *   npx tsx bench/login-burst.ts
 *
 * The real server (server/main.ts) as a child process at production cost (scrypt N=2^17, r=8),
 * TRUSTED_PROXIES=127.0.0.1 so each request can claim its own client address in X-Forwarded-For.
 * One member logs in, in the same run:
 *   idle        nothing else going on (the baseline every ratio is against)
 *   A one-shot  30 concurrent wrong-password logins for 30 other numbers from ONE other address,
 *               the member's login sent 50 ms later, from a browser new to the account and (3
 *               more bursts) from one that logged into it before
 *   B sustained 30 attackers, each request from a new address and a new number, firing again as
 *               soon as answered, for as long as the member logs in (from a browser that logged
 *               into the account before: the known lane)
 *   C sustained the same burst, the member on a browser NEW to the account: refused at once (503,
 *               Retry-After: 1) while the gate is full of strangers; the app retries after 1 s
 * Each member login: 5 in a row (A: 3 bursts each); median and max; × idle = median / the mean
 * of the idle medians measured first and last (the machine is shared and drifts).
 * The attackers run in this same process on the same machine (2 cores): their CPU counts against the server too.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRealServer } from '../tests/server/durability-server'
import { withRegisterCode } from '../tests/server/sms-inbox'

const PASSWORD = 'Bench-burst-2026!'
const PHONE = '17400000001'
const dir = mkdtempSync(join(tmpdir(), 'sh-login-burst-'))
const server = await startRealServer(dir, 300_000, { TRUSTED_PROXIES: '127.0.0.1,::1', SCRYPT_N: String(2 ** 17) })

interface Answer {
  status: number
  ms: number
  known?: string
}
async function login(phone: string, password: string, address: string, cookie?: string): Promise<Answer> {
  const t0 = performance.now()
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ phone, password }),
  })
  await res.arrayBuffer()
  const known = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('sh_known='))
    ?.split(';')[0]
  return { status: res.status, ms: performance.now() - t0, known }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (ms: number) => `${Math.round(ms)} ms`
const counts = (answers: Answer[]) => {
  const by = new Map<number, number>()
  for (const a of answers) by.set(a.status, (by.get(a.status) ?? 0) + 1)
  return [...by]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${n}×${s}`)
    .join(' ')
}
let strangers = 0
const stranger = () => {
  strangers++
  return {
    phone: `173${String(strangers).padStart(8, '0')}`,
    address: `10.${(strangers >> 16) & 255}.${(strangers >> 8) & 255}.${strangers & 255}`,
  }
}

/** The member's login; on 503 waits Retry-After (1 s) and tries again, as the app does. Counts the whole wait. */
async function memberLogin(cookie?: string): Promise<{ ms: number; tries: number }> {
  const t0 = performance.now()
  for (let tries = 1; ; tries++) {
    const a = await login(PHONE, PASSWORD, '192.0.2.1', cookie)
    if (a.status === 200) return { ms: performance.now() - t0, tries }
    if (a.status !== 503) throw new Error(`member login answered ${a.status}`)
    await new Promise((r) => setTimeout(r, 1000))
  }
}

/** 30 attackers firing until stopped; returns their answers. */
function sustainedBurst() {
  let stop = false
  const answers: Answer[] = []
  const loops = Array.from({ length: 30 }, async () => {
    while (!stop) {
      const s = stranger()
      answers.push(await login(s.phone, 'wrong-pass-1', s.address))
    }
  })
  return {
    answers,
    async end() {
      stop = true
      await Promise.all(loops)
    },
  }
}

try {
  const reg = await fetch(`${server.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' },
    body: JSON.stringify(
      await withRegisterCode(server.url, dir, { phone: PHONE, password: PASSWORD, name: '基准测试', acceptPrivacy: true }),
    ),
  })
  if (reg.status !== 201) throw new Error(`register answered ${reg.status}`)
  const known = reg.headers
    .getSetCookie()
    .find((c) => c.startsWith('sh_known='))!
    .split(';')[0]!

  const rows: string[][] = []
  const idle: number[] = []
  for (let i = 0; i < 5; i++) idle.push((await memberLogin()).ms)
  const idleMedian = median(idle)
  /** One scenario's row: the member's login times (median, max, × idle) and what the strangers were answered. */
  const row = (scenario: string, browser: 'new' | 'known', ms: number[], strangers: string) => [
    scenario,
    browser,
    fmt(median(ms)),
    fmt(Math.max(...ms)),
    (median(ms) / idleMedian).toFixed(2),
    strangers,
  ]
  rows.push(row('idle', 'new', idle, '—'))

  // A: one-shot bursts from one address
  const a: number[] = []
  const aAnswers: Answer[] = []
  for (let rep = 0; rep < 3; rep++) {
    const burst = Array.from({ length: 30 }, () => login(stranger().phone, 'wrong-pass-1', `203.0.113.${rep + 1}`))
    await new Promise((r) => setTimeout(r, 50))
    a.push((await memberLogin()).ms)
    aAnswers.push(...(await Promise.all(burst)))
  }
  rows.push(row('A one-shot, one address', 'new', a, counts(aAnswers)))
  const ak: number[] = []
  const akAnswers: Answer[] = []
  for (let rep = 0; rep < 3; rep++) {
    const burst = Array.from({ length: 30 }, () => login(stranger().phone, 'wrong-pass-1', `203.0.113.${rep + 11}`))
    await new Promise((r) => setTimeout(r, 50))
    ak.push((await memberLogin(known)).ms)
    akAnswers.push(...(await Promise.all(burst)))
  }
  rows.push(row('A one-shot, one address', 'known', ak, counts(akAnswers)))

  // B: sustained burst from many addresses, member on a known browser
  let burst = sustainedBurst()
  await new Promise((r) => setTimeout(r, 500))
  const b: number[] = []
  for (let i = 0; i < 5; i++) b.push((await memberLogin(known)).ms)
  await burst.end()
  rows.push(row('B sustained, 30 addresses', 'known', b, counts(burst.answers)))

  // C: the same, member on a browser new to the account
  burst = sustainedBurst()
  await new Promise((r) => setTimeout(r, 500))
  const c: Array<{ ms: number; tries: number }> = []
  for (let i = 0; i < 5; i++) c.push(await memberLogin())
  await burst.end()
  const tries = c.map((x) => x.tries).join('/')
  rows.push(
    row(
      'C sustained, 30 addresses',
      'new',
      c.map((x) => x.ms),
      `${counts(burst.answers)}; member tries ${tries}`,
    ),
  )

  // the machine is shared: idle again at the end, and ratios against the mean of both idle medians
  const idleAfter: number[] = []
  for (let i = 0; i < 5; i++) idleAfter.push((await memberLogin()).ms)
  rows.push(row('idle, after', 'new', idleAfter, '—'))
  const baseline = (idleMedian + median(idleAfter)) / 2
  for (const r of rows) r[4] = (Number(r[2]!.replace(' ms', '')) / baseline).toFixed(2)

  console.log(`idle baseline (mean of the two idle medians): ${fmt(baseline)}`)
  console.log('| scenario | member’s browser | member login median | max | × idle | strangers’ answers |')
  console.log('| --- | --- | ---: | ---: | ---: | --- |')
  for (const r of rows) console.log(`| ${r.join(' | ')} |`)
} finally {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}
