/**
 * Issue 3 in a real browser: an edit made offline survives a reload while still offline, shows as
 * pending, reaches the server once back online; a mutation the server rejects is shown with its
 * reason. Then logout on a shared phone leaves none of the person's data in any browser storage.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  describeE2E,
  launchBrowser,
  newPhoneContext,
  registerAs,
  screenshot,
  startServer,
  type TestServer,
  waitForServiceWorkerControl,
} from './harness'
import { leftovers } from './leftovers'
import { chooseVanishingRegion, vanishingRegion } from './vanishing-region'

const PHONE = '13987654321'
const PASSWORD = 'Offline-First-2026'

describeE2E('sync engine: offline edit, reload, reconnect, rejection, logout wipe', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let page: Page

  const serverProfile = async () => {
    const res = await page.request.get(`${server.url}/api/me`)
    return res.json() as Promise<{ name: string; employer: string | null; regionCode: string | null }>
  }

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    context = await newPhoneContext(browser)
    page = await context.newPage()
    await registerAs(page, server.url, { phone: PHONE, name: '林同步', password: PASSWORD })
    // The first pull has brought the profile row once the bar shows a last-sync time.
    await page.getByTestId('sync-pending').filter({ hasText: '已全部同步' }).waitFor({ timeout: 15_000 })
    await page.waitForFunction(() => !document.querySelector('[data-testid=sync-status]')?.textContent?.includes('尚未同步'), null, {
      timeout: 15_000,
    })
    await waitForServiceWorkerControl(page, 30_000)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('keeps an offline edit across a reload and applies it once back online', async () => {
    await context.setOffline(true)
    await page.goto(`${server.url}/me/edit`)
    await page.locator('#pf-name').fill('林离线')
    await page.locator('#pf-employer').fill('中国农业大学')
    await page.getByTestId('profile-save').click()
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toContain('待同步 1')
    await page.reload()
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toContain('待同步 1')
    await page.goto(`${server.url}/me`)
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toBe('林离线')
    expect(await page.getByTestId('profile-pending').isVisible()).toBe(true)
    await screenshot(page, 'sync-offline-pending')
    await page.goto(`${server.url}/sync`)
    await expect.poll(() => page.getByTestId('outbox-item').count()).toBe(1)
    await screenshot(page, 'sync-outbox-pending')
    expect((await serverProfile()).name).toBe('林同步') // not there yet: the request would fail offline anyway

    await context.setOffline(false)
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 20_000 }).toContain('已全部同步')
    const after = await serverProfile()
    expect(after).toMatchObject({ name: '林离线', employer: '中国农业大学' })
  })

  it('shows a rejected mutation with its reason and keeps what was typed', async () => {
    // a place the picker offered, gone by the time the edit reaches the server
    const place = vanishingRegion(server)
    await page.goto(`${server.url}/me/edit`)
    await chooseVanishingRegion(page)
    await context.setOffline(true)
    await page.getByTestId('profile-save').click()
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toContain('待同步 1')
    place.remove()
    await context.setOffline(false)
    await expect.poll(() => page.getByTestId('sync-problem').textContent(), { timeout: 20_000 }).toContain('未被接受')
    await page.goto(`${server.url}/sync`)
    await expect.poll(() => page.getByTestId('outbox-reason').textContent()).toContain('地区不存在')
    await screenshot(page, 'sync-outbox-rejected')
    expect((await serverProfile()).regionCode).toBeNull()
    // the rolled-back replica shows the server's truth, not the refused value
    await page.getByTestId('outbox-discard').click()
    await page.getByTestId('confirm-ok').click() // the app's own dialog, not window.confirm
    await expect.poll(() => page.getByTestId('outbox-empty').isVisible()).toBe(true)
  })

  it('wipes every personal store on logout', async () => {
    await page.goto(`${server.url}/me`)
    await page.getByTestId('logout').click()
    await page.waitForURL(/\/login/)
    expect(await leftovers(page, [PHONE, '林离线', '中国农业大学'])).toEqual([])
  })
})
