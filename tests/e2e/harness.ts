/**
 * Browser-test harness: runs the REAL server (server/main.ts) as a child process on a free port
 * with its own temporary data directory, and drives the built client in the system Chromium
 * through playwright-core. Never downloads a browser.
 *
 *   const server = await startServer()            // fresh seeded database, serves dist/
 *   const browser = await launchBrowser()
 *   const page = await (await newPhoneContext(browser)).newPage()
 *   const errors = collectConsoleErrors(page)
 *   await page.goto(server.url)
 *   await screenshot(page, 'home-phone')
 *   await browser.close(); await server.stop()
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { describe, inject } from 'vitest'
import { latestCode, withRegisterCode } from '../server/sms-inbox'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const screenshotDir = join(repoRoot, 'screenshots')
/** The built client the server serves: dist/, or E2E_CLIENT_DIR (e.g. a stand-in while vite.config.ts is missing). */
export const clientDir = process.env.E2E_CLIENT_DIR ? resolve(process.env.E2E_CLIENT_DIR) : join(repoRoot, 'dist')

/** Flags the team agreed on: no GPU, no QUIC, no background traffic to Google services. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** CHROMIUM_PATH, else /usr/bin/chromium if it exists, else null. */
export function chromiumPath(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null
}

export const e2eRequired = process.env.REQUIRE_E2E === '1'
export const e2eEnabled = chromiumPath() !== null
export const missingChromiumReason =
  'Chromium not found (set CHROMIUM_PATH or install /usr/bin/chromium, e.g. apt-get install chromium fonts-noto-cjk)'

/**
 * `describe` when Chromium is present. Without it: skipped with a printed reason, unless
 * REQUIRE_E2E=1 (CI), where the suite runs and its tests fail at launchBrowser() — a missing
 * browser in CI must never look like a green run.
 */
export const describeE2E = describe.skipIf(!e2eEnabled && !e2eRequired)
if (!e2eEnabled) {
  console.warn(`[e2e] ${missingChromiumReason}: ${e2eRequired ? 'REQUIRE_E2E=1, browser tests will FAIL' : 'browser tests are skipped'}`)
}

export interface StartServerOptions {
  /** Extra environment for the server process (overrides the harness defaults). */
  env?: Record<string, string>
  /**
   * Restart on an existing data directory (from an earlier server's `dataDir`, stopped with
   * `stop({ keepData: true })` or killed). The new server then owns it and removes it on stop().
   */
  reuseData?: string
  /** Seed from scratch instead of copying the database global setup seeded once (slower). */
  freshSeed?: boolean
  /** How long to wait for GET /api/health; the first start seeds ~45,000 organisations. */
  timeoutMs?: number
}

export interface TestServer {
  url: string
  port: number
  dataDir: string
  /** SIGTERM (SIGKILL after 10 s), wait for exit, remove dataDir unless keepData. */
  stop(opts?: { keepData?: boolean }): Promise<void>
  /** Send a signal (default SIGKILL, a crash) without waiting or cleaning up. */
  kill(signal?: NodeJS.Signals): void
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string
}

const live = new Set<{ child: ChildProcess; dataDir: string; url: string }>()
// If a test forgets stop() or the worker ends early, do not leave servers or temp dirs behind.
process.on('exit', () => {
  for (const s of live) {
    s.child.kill('SIGKILL')
    rmSync(s.dataDir, { recursive: true, force: true })
  }
})

/** A free TCP port on 127.0.0.1 (main.ts cannot report the port it got for PORT=0). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => (port ? ok(port) : fail(new Error('no free port'))))
    })
  })
}

/** The database global setup seeded once, if any (copied into each fresh dataDir). */
function seededTemplate(): string | null {
  if (process.env.E2E_FRESH_SEED === '1') return null
  try {
    const file = inject('e2eSeededDb')
    return file && existsSync(file) ? file : null
  } catch {
    return null // not running under vitest's e2e project
  }
}

/** Spawns `node --import tsx server/main.ts` and waits until GET /api/health answers ok. */
export async function startServer(opts: StartServerOptions = {}): Promise<TestServer> {
  const port = await freePort()
  const dataDir = opts.reuseData ?? mkdtempSync(join(tmpdir(), 'sh-e2e-'))
  const template = opts.reuseData || opts.freshSeed ? null : seededTemplate()
  if (template) copyFileSync(template, join(dataDir, 'app.db'))

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: clientDir,
      SCRYPT_N: '16384',
      // production needs an SMS gateway chosen: the development sender writes codes to <dataDir>/sms-inbox.jsonl (readSmsCode)
      SMS_GATEWAY: 'dev',
      SMS_LIMIT_PER_IP: '1000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = `http://127.0.0.1:${port}`
  const entry = { child, dataDir, url }
  live.add(entry)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()))

  const cleanUp = () => {
    live.delete(entry)
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await waitForHealth(url, child, opts.timeoutMs ?? 120_000)
  } catch (err) {
    child.kill('SIGKILL')
    await exited
    cleanUp()
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output}`, { cause: err })
  }

  return {
    url,
    port,
    dataDir,
    logs: () => output,
    kill: (signal = 'SIGKILL') => {
      child.kill(signal)
    },
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
      if (keepData) live.delete(entry)
      else cleanUp()
    },
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited early (code ${child.exitCode}, signal ${child.signalCode})`)
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) return
    } catch {
      // not listening yet (still migrating or seeding)
    }
    await new Promise((ok) => setTimeout(ok, 100))
  }
  throw new Error(`server did not answer ${url}/api/health within ${timeoutMs} ms`)
}

/**
 * Launches the system Chromium headless. A plain launch already gets a fresh temporary
 * profile (playwright creates and deletes a playwright_chromiumdev_profile-* dir per launch).
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!executablePath) throw new Error(missingChromiumReason)
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs })
}

const common: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' }

/** A mid-size phone (390×844 CSS px, DPR 2, touch), Chinese locale, service workers on. */
export function newPhoneContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    ...common,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    ...opts,
  })
}

/** A kiosk tablet in landscape (1024×768, touch). */
export function newTabletContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...common, viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1, hasTouch: true, ...opts })
}

/** An admin's desktop (1366×900). */
export function newDesktopContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...common, viewport: { width: 1366, height: 900 }, ...opts })
}

/**
 * Waits until the service worker controls the page: it has installed (precached the app) and
 * claimed the page, so a reload or navigation offline is answered from the cache. Going offline
 * before that loads Chromium's "no internet" page instead (seen on a busy machine).
 */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: timeoutMs })
}

/** Saves screenshots/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  await page.screenshot({ path, fullPage: opts.fullPage ?? false })
  return path
}

/** Collects console errors and uncaught page errors from now on; assert it stays empty. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  return errors
}

/** A cookie-keeping JSON client for the test server that passes the CSRF Origin check. */
export function apiClient(base: string) {
  let cookie = ''
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever fields an answer carries
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(base + path, {
      method,
      headers: { origin: base, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]!
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
}

/**
 * The latest code the server's development SMS sender "sent" to `phone` (for `purpose`, if given),
 * read from its inbox file as a person reads their phone; waits until one arrives.
 */
export async function readSmsCode(
  server: Pick<TestServer, 'dataDir'>,
  phone: string,
  purpose?: 'register' | 'login' | 'reset',
): Promise<string> {
  // a plain loop, not expect.poll: registerAs runs in beforeAll hooks too
  const deadline = Date.now() + 10_000
  for (;;) {
    try {
      return latestCode(server.dataDir, phone, purpose)
    } catch (err) {
      if (Date.now() > deadline) throw err
    }
    await new Promise((ok) => setTimeout(ok, 50))
  }
}

/** `body` with a register code for `body.phone`, asked for through the API (an account made by the API, not the UI). */
export const withSmsCode = <T extends { phone: string }>(server: Pick<TestServer, 'url' | 'dataDir'>, body: T) =>
  withRegisterCode(server.url, server.dataDir, body)

/** The running server at `url` (its data directory holds the SMS inbox). */
function serverAt(url: string): Pick<TestServer, 'url' | 'dataDir'> {
  const entry = [...live].find((e) => e.url === url)
  if (!entry) throw new Error(`no test server of this run at ${url}`)
  return entry
}

/** Registers a new account through the register page (the code read from the SMS inbox) and waits for 我的 (/me). */
export async function registerAs(page: Page, base: string, who: { phone: string; name: string; password: string }): Promise<void> {
  await page.goto(`${base}/register`)
  await page.getByTestId('phone').fill(who.phone)
  await page.getByTestId('send-code').click()
  await page.getByTestId('code-sent').waitFor()
  await page.getByTestId('code').fill(await readSmsCode(serverAt(base), who.phone, 'register'))
  await page.getByTestId('name').fill(who.name)
  await page.getByTestId('password').fill(who.password)
  await page.getByTestId('consent').check()
  await page.getByTestId('submit').click()
  await page.waitForURL(`${base}/me`)
}

/** Logs in through the UI, lands on `next`, and waits for the first sync (the replica holds the person's scope). */
export async function loginAs(page: Page, base: string, phone: string, password: string, next: string): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`)
  await page.getByTestId('phone').fill(phone)
  await page.getByTestId('password').fill(password)
  await page.getByTestId('submit').click()
  await page.waitForURL(`${base}${next}`)
  await page.waitForFunction(() => !document.querySelector('[data-testid=sync-status]')?.textContent?.includes('尚未同步'), null, {
    timeout: 20_000,
  })
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a database the e2e global setup seeded once, or '' when it did not. */
    e2eSeededDb: string
  }
}

let axeSource: string | null = null

/** The part of axe-core's API and result that the helpers below read. */
interface AxeWindow {
  axe: {
    run(
      context: Document,
      options: { resultTypes: string[] },
    ): Promise<{
      violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>
    }>
  }
}

export interface A11yViolation {
  id: string
  impact: string
  help: string
  nodes: string[]
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules and axe's best practices) in the page and answers the
 * serious and critical violations, each with the selectors and summaries of its nodes. The source
 * is evaluated over CDP, so the app's CSP (script-src 'self') does not block it.
 */
export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  axeSource ??= readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8')
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const { axe } = window as unknown as AxeWindow
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact!,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }))
  })
}

/** Fails, naming the screen and every node, when axe-core finds a serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const found = await seriousA11yViolations(page)
  const text = found.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n')
  if (found.length) throw new Error(`axe-core on ${label} (${page.url()}):\n${text}`)
}

/**
 * Visible controls smaller than `min` CSS px in width or height: links, buttons, form controls
 * (a checkbox counts as its label when the label wraps it). Links inside a sentence are left out
 * (WCAG 2.5.8's inline exception), and so are controls scrolled off a horizontally scrolling row.
 */
export async function smallTouchTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = []
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, select, input:not([type=hidden]), textarea, [role=switch]')
    for (const el of controls) {
      const target = el.matches('input[type=checkbox], input[type=radio]') ? (el.closest('label') ?? el) : el
      const box = target.getBoundingClientRect()
      if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue
      if (el.closest('.visually-hidden, .skip-link')) continue
      const inSentence =
        el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.parentElement?.closest('p, li, dd, span') != null
      if (inSentence) continue
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)
        found.push(
          `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        )
      }
    }
    return found
  }, min)
}

/**
 * Text of the app's own controls and headings (buttons, labels, table heads, section headings,
 * options) written in the other language: Han characters on an English screen, Latin words of
 * three letters or more on a Chinese one. Elements marked with their own `lang` (the language
 * switch) are left out; so are names of people and organisations, which are data, not UI words.
 */
export async function wordsInOtherLanguage(page: Page, locale: 'zh-CN' | 'en'): Promise<string[]> {
  return page.evaluate((locale) => {
    const wrong = locale === 'en' ? /\p{Script=Han}/u : /\b[A-Za-z]{3,}\b/
    const found: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('button, label, th, legend, h2, option, [role=switch]')) {
      if (
        el.closest('[lang]:not(html)') ||
        el.closest('[data-testid^=members-], [data-testid=org-name], [data-testid=application] h2, [data-testid=admin-team] h2')
      )
        continue
      const text = (el.innerText || el.textContent || '').trim()
      if (text && wrong.test(text)) found.push(`${el.tagName.toLowerCase()}: ${text.slice(0, 60)}`)
    }
    return found
  }, locale)
}
