/**
 * Issue 6 in a real browser: a person sees and ends their other sessions, downloads all their
 * data, is not logged out silently while work is unsent, and deletes their account.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  describeE2E,
  launchBrowser,
  newDesktopContext,
  newPhoneContext,
  registerAs,
  screenshot,
  startServer,
  type TestServer,
  waitForServiceWorkerControl,
} from './harness'

const PHONE = '13711112222'
const PASSWORD = 'Privacy-Matters-26'

async function register(page: Page, url: string) {
  await registerAs(page, url, { phone: PHONE, name: '宋隐私', password: PASSWORD })
}

describeE2E('security: sessions, export, logout with unsent work, account deletion', () => {
  let server: TestServer
  let browser: Browser
  let phone: BrowserContext
  let laptop: BrowserContext
  let page: Page

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    phone = await newPhoneContext(browser, { acceptDownloads: true })
    laptop = await newDesktopContext(browser)
    page = await phone.newPage()
    await register(page, server.url)
    const other = await laptop.newPage()
    await other.goto(`${server.url}/login`)
    await other.getByTestId('phone').fill(PHONE)
    await other.getByTestId('password').fill(PASSWORD)
    await other.getByTestId('submit').click()
    await other.waitForURL(`${server.url}/me`)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('lists both devices and ends the other one', async () => {
    await page.goto(`${server.url}/me/security`)
    await expect.poll(() => page.getByTestId('session-item').count()).toBe(2)
    await screenshot(page, 'security-sessions')
    await page.getByTestId('end-others').click()
    await expect.poll(() => page.getByTestId('session-item').count()).toBe(1)
    const laptopMe = await laptop.request.get(`${server.url}/api/me`)
    expect(laptopMe.status()).toBe(401)
  })

  it('downloads all of the person’s data as JSON', async () => {
    await page.goto(`${server.url}/me/security`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()])
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'))
    expect(data.profile).toMatchObject({ phone: PHONE, name: '宋隐私' })
    expect(typeof data.profile.privacyConsentAt).toBe('string')
  })

  it('does not log out silently while an edit is unsent', async () => {
    await page.goto(`${server.url}/me`)
    await page.waitForFunction(() => !document.querySelector('[data-testid=sync-status]')?.textContent?.includes('尚未同步'), null, {
      timeout: 15_000,
    })
    // offline, /me/edit must come from the service worker's cache: wait until it controls the page
    await waitForServiceWorkerControl(page)
    await phone.setOffline(true)
    await page.goto(`${server.url}/me/edit`)
    await page.locator('#pf-employer').fill('国家图书馆')
    await page.getByTestId('profile-save').click()
    await page.getByTestId('sync-pending').filter({ hasText: '待同步 1' }).waitFor()
    await page.goto(`${server.url}/me`)
    await page.getByTestId('logout').click()
    await expect.poll(() => page.getByTestId('logout-pending').textContent()).toContain('没有同步')
    expect(page.url()).toBe(`${server.url}/me`)
    await screenshot(page, 'security-logout-pending')
    await phone.setOffline(false)
    await page.getByTestId('logout').click() // online now: it syncs first, then logs out
    await page.waitForURL(/\/login/)
    const me = await laptop.request.post(`${server.url}/api/auth/login`, { data: { phone: PHONE, password: PASSWORD } })
    expect((await me.json()).employer).toBe('国家图书馆')
  })

  it('deletes the account and says what is kept', async () => {
    await page.getByTestId('phone').fill(PHONE)
    await page.getByTestId('password').fill(PASSWORD)
    await page.getByTestId('submit').click()
    await page.waitForURL(`${server.url}/me`)
    await page.goto(`${server.url}/me/security`)
    await page.getByTestId('delete-password').fill('not-my-password')
    await page.getByTestId('delete-account').click()
    await page.getByTestId('confirm-ok').click() // the app's own dialog, not window.confirm
    await expect.poll(() => page.locator('.field__error').textContent()).toContain('不正确')
    await page.getByTestId('delete-password').fill(PASSWORD)
    await page.getByTestId('delete-account').click()
    await page.getByTestId('confirm-ok').click() // the app's own dialog, not window.confirm
    await expect.poll(() => page.getByTestId('delete-done').isVisible()).toBe(true)
    await screenshot(page, 'security-deleted')
    const login = await laptop.request.post(`${server.url}/api/auth/login`, { data: { phone: PHONE, password: PASSWORD } })
    expect(login.status()).toBe(401)
    expect(await page.evaluate(() => localStorage.getItem('sh.account.lastMe'))).toBeNull()
  })
})
