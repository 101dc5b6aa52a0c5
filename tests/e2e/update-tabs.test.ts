/**
 * Issue 11 item 7 in a real browser: a new version accepted in one tab never reloads another tab
 * that holds unsaved input; that tab says so and reloads once its form is saved. The accepting tab
 * was opened before the service worker first installed, and still gets the new version.
 *
 * "Deploying" a new version: the server serves a temporary copy of dist/; the test gives its
 * index.html a marker and a new precache revision in sw.js, so the browser finds a byte-different
 * service worker that precaches the new shell.
 */
import { precompress } from '../../scripts/precompress'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  clientDir,
  collectConsoleErrors,
  describeE2E,
  launchBrowser,
  newPhoneContext,
  registerAs,
  screenshot,
  startServer,
  type TestServer,
  waitForServiceWorkerControl,
} from './harness'

const PHONE = '13911112222'
const PASSWORD = 'Two-Tabs-Update-2026'
const BIO = '做了二十年水稻育种，正在写'

/** Writes version 2 of the shell into `dir`: a marker in index.html and its new precache revision. */
/** A new deployment: a changed page and worker, and (as the build writes them) their compressed copies. */
async function deployVersion2(dir: string) {
  const index = join(dir, 'index.html')
  writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', '<head><meta name="sh-build" content="2">'))
  const sw = join(dir, 'sw.js')
  const before = readFileSync(sw, 'utf8')
  const after = before.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1version-2"')
  if (after === before) throw new Error('sw.js carries no index.html revision: the build format changed')
  writeFileSync(sw, after)
  await precompress(dir)
}

const build = (page: Page) => page.evaluate(() => document.querySelector('meta[name=sh-build]')?.getAttribute('content') ?? '1')
/** A mark that lives as long as the document: gone after a reload. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { shMark?: boolean }).shMark = true))
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { shMark?: boolean }).shMark === true)
const controlled = (page: Page) => waitForServiceWorkerControl(page, 30_000)

describeE2E('a service-worker update across two tabs', () => {
  let server: TestServer
  let browser: Browser
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sh-client-'))
    cpSync(clientDir, dir, { recursive: true })
    server = await startServer({ env: { CLIENT_DIR: dir } })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reloads the accepting tab, and the tab with a half-typed bio only after it is saved', async () => {
    const context = await newPhoneContext(browser)
    // Tab A: the first visit of this browser profile, so its page loaded before any service worker.
    const a = await context.newPage()
    const errorsA = collectConsoleErrors(a)
    await registerAs(a, server.url, { phone: PHONE, name: '周两页', password: PASSWORD })
    await controlled(a) // the first install took this page over (clientsClaim), without a reload
    await mark(a)

    // Tab B: 编辑资料 with a bio typed and not saved.
    const b = await context.newPage()
    const errorsB = collectConsoleErrors(b)
    await b.goto(`${server.url}/me/edit`)
    await controlled(b)
    await expect.poll(() => b.locator('#pf-name').inputValue(), { timeout: 20_000 }).toBe('周两页')
    await mark(b)
    await b.locator('#pf-bio').fill(BIO)

    await deployVersion2(dir)
    // What the browser does on its own now and then (the app also asks every hour).
    await a.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()))

    // Both tabs offer the new version; tab A accepts it.
    await b.getByTestId('update-prompt').waitFor({ timeout: 30_000 })
    await a.getByTestId('update-prompt').waitFor({ timeout: 30_000 })
    await screenshot(a, 'update-prompt')
    await a.getByTestId('update-prompt').locator('.btn--primary').click()

    // Tab A reloads into version 2.
    await expect
      .poll(async () => (await sameDocument(a).catch(() => true)) === false && (await build(a)) === '2', { timeout: 30_000 })
      .toBe(true)

    // Tab B is now controlled by version 2 too, but keeps its page and what was typed.
    await b.getByTestId('update-ready').waitFor({ timeout: 30_000 })
    expect(await b.getByTestId('update-ready').textContent()).toContain('新版本已就绪，保存后刷新')
    expect(await sameDocument(b)).toBe(true)
    expect(await b.locator('#pf-bio').inputValue()).toBe(BIO)
    expect(await build(b)).toBe('1')
    await screenshot(b, 'update-ready-unsaved')

    // Saving makes the form clean: then tab B loads version 2, with the bio saved.
    await b.getByTestId('profile-save').click()
    await expect
      .poll(async () => (await sameDocument(b).catch(() => true)) === false && (await build(b)) === '2', { timeout: 30_000 })
      .toBe(true)
    await expect.poll(() => b.locator('#pf-bio').inputValue(), { timeout: 20_000 }).toBe(BIO)
    await expect.poll(async () => (await b.request.get(`${server.url}/api/me`)).json(), { timeout: 30_000 }).toMatchObject({ bio: BIO })

    expect(errorsA).toEqual([])
    expect(errorsB).toEqual([])
    await context.close()
  })
})
