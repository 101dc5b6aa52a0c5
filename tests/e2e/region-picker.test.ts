/**
 * Issue 12 in a real browser on a phone: a new member sets where they live by taps (province →
 * county → township: 北京市's 市辖区 never shows) and then by pinyin initials, saves through sync,
 * and the 附近 activities follow the saved place. Offline, the levels browsed before still open
 * (service worker cache) and one never opened says why it cannot.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  collectConsoleErrors,
  describeE2E,
  launchBrowser,
  newPhoneContext,
  registerAs,
  screenshot,
  startServer,
  type TestServer,
} from './harness'

const PHONE = '13712345670'
const PASSWORD = 'Region-Picker-2026'

describeE2E('region picker: where you live by taps and by pinyin, and 附近 follows it', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let errors: string[]

  const field = () => page.getByTestId('pf-region')
  const sheet = () => page.getByTestId('pf-region-sheet')
  const place = (code: string) => sheet().locator(`.region-sheet__item[data-code="${code}"]`)
  const serverRegion = async () =>
    ((await (await page.request.get(`${server.url}/api/me`)).json()) as { regionCode: string | null }).regionCode
  /** Saves and waits until the server holds `code` (the state line may still say 已同步 from the save before). */
  const saved = async (code: string) => {
    await page.getByTestId('profile-save').click()
    await expect.poll(serverRegion, { timeout: 20_000 }).toBe(code)
    await expect.poll(() => page.getByTestId('profile-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('applied')
  }

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    context = await newPhoneContext(browser)
    page = await context.newPage()
    errors = collectConsoleErrors(page)
    await registerAs(page, server.url, { phone: PHONE, name: '韩选区', password: PASSWORD })
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('sets the region by taps, province → county → township, without 市辖区', async () => {
    await page.goto(`${server.url}/me/edit`)
    await expect.poll(() => field().textContent()).toContain('未选择')
    await field().click()
    await place('11').waitFor()
    expect(await sheet().locator('.region-sheet__item').count()).toBe(31) // the provinces of the mainland
    await screenshot(page, 'region-picker-provinces')
    await place('11').click()
    await place('110108').waitFor()
    // 北京市's districts straight under it: no 市辖区 level in between
    expect(await sheet().getByText('市辖区').count()).toBe(0)
    await screenshot(page, 'region-picker-beijing')
    await place('110108').click()
    await place('110108011').waitFor()
    expect(await sheet().locator('nav [aria-current=location]').textContent()).toContain('海淀区')
    // every target in the sheet is at least 44 px tall
    const heights = await sheet()
      .locator('button')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().height))
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44)
    await screenshot(page, 'region-picker-haidian')
    await place('110108011').click()
    await expect.poll(() => field().textContent()).toContain('北京市 海淀区 中关村街道')
    await saved('110108011')
    await screenshot(page, 'region-picker-profile-saved')
  })

  it('sets it by pinyin initials, saves, and 附近 uses it', async () => {
    await field().click()
    await sheet().getByTestId('pf-region-search').fill('wsljd')
    const hit = place('110108001')
    await hit.waitFor()
    expect(await hit.textContent()).toContain('北京市 海淀区 万寿路街道')
    await screenshot(page, 'region-picker-search')
    await hit.click()
    await expect.poll(() => field().textContent()).toContain('北京市 海淀区 万寿路街道')
    await saved('110108001')

    // the saved place, not an older copy of the profile
    const near = page.waitForRequest((r) => r.url().includes('/api/activities?') && r.url().includes('near=1&region=110108001'))
    await page.goto(`${server.url}/activities`)
    await near
    await expect.poll(() => page.getByTestId('near-region').textContent()).toContain('北京市 海淀区 万寿路街道')
    // what the page lists is what the server answers for activities near that place
    const expected = (await (await page.request.get(`${server.url}/api/activities?near=1&region=110108001`)).json()) as {
      items: { title: string }[]
    }
    expect(expected.items.length).toBeGreaterThan(0)
    await expect.poll(() => page.locator('.card--list').first().textContent()).toContain(expected.items[0]!.title)
    await screenshot(page, 'region-picker-near-activities')
  })

  it('offline, opens the levels browsed before and says why another cannot be opened', async () => {
    await page.goto(`${server.url}/me/edit`)
    await expect.poll(() => field().textContent()).toContain('万寿路街道')
    await context.setOffline(true)
    await field().click()
    await place('110108011').waitFor() // 海淀区's townships, from the service worker's cache
    await sheet().locator('nav button[data-crumb=""]').click()
    await place('44').waitFor()
    await place('44').click() // 广东省 was never opened on this phone
    const error = sheet().getByTestId('pf-region-level-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('离线时无法加载“广东省”的下一级')
    await screenshot(page, 'region-picker-offline-level')
    await sheet().getByRole('button', { name: '关闭' }).first().click()
    await context.setOffline(false)
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
  })
})
