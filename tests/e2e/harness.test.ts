/**
 * Smoke test of the harness itself: the real server starts, serves the built shell with its
 * security headers to a phone-sized Chromium, and the page loads without console errors.
 * What the shell shows belongs to the client's own browser tests.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { collectConsoleErrors, describeE2E, launchBrowser, newPhoneContext, screenshot, startServer, type TestServer } from './harness'

describeE2E('browser-test harness', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('answers GET /api/health on 127.0.0.1 with a JSON ok', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const res = await fetch(`${server.url}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('opens / on a phone with status 200, a CSP header and no console errors', async () => {
    const context = await newPhoneContext(browser)
    const page = await context.newPage()
    const errors = collectConsoleErrors(page)
    const response = await page.goto(server.url, { waitUntil: 'load' })
    expect(response?.status()).toBe(200)
    const csp = (await response?.allHeaders())?.['content-security-policy'] ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(page.viewportSize()).toEqual({ width: 390, height: 844 })
    expect(await page.evaluate(() => navigator.language)).toBe('zh-CN')
    await page.waitForTimeout(300) // let late module errors surface before asserting none
    const path = await screenshot(page, 'harness-home-phone')
    expect(path).toMatch(/screenshots\/harness-home-phone\.png$/)
    expect(errors).toEqual([])
    await context.close()
  })

  it('collects console and page errors, so tests asserting none can fail', async () => {
    const context = await newPhoneContext(browser)
    const page = await context.newPage()
    const errors = collectConsoleErrors(page)
    await page.goto(server.url)
    await page.evaluate(() => {
      console.error('deliberate console error')
      setTimeout(() => {
        throw new Error('deliberate page error')
      })
    })
    await expect.poll(() => errors.length).toBe(2)
    expect(errors[0]).toContain('deliberate console error')
    expect(errors[1]).toContain('deliberate page error')
    await context.close()
  })

  it('restarts on the same data directory and keeps its database', async () => {
    const first = await startServer()
    await first.stop({ keepData: true })
    // A marker table of our own: migrations never touch it, so it survives only if the file does.
    const file = join(first.dataDir, 'app.db')
    const writer = new Database(file)
    writer.exec("CREATE TABLE e2e_marker (v TEXT); INSERT INTO e2e_marker VALUES ('kept')")
    writer.close()

    const second = await startServer({ reuseData: first.dataDir })
    try {
      expect(second.dataDir).toBe(first.dataDir)
      expect((await fetch(`${second.url}/api/health`)).ok).toBe(true)
      const reader = new Database(file, { readonly: true })
      expect(reader.prepare('SELECT v FROM e2e_marker').pluck().get()).toBe('kept')
      reader.close()
    } finally {
      await second.stop()
    }
    expect(existsSync(first.dataDir)).toBe(false)
  })
})
