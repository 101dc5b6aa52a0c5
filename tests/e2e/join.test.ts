/**
 * Issue 4 in a real browser: a new person finds 海淀区科协 by typing, applies while offline, the
 * application syncs and waits for review, the demo county admin approves it at /admin, and the
 * person's member card shows a QR whose signature verifies (also offline, from the saved copy).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { verifyCard } from '../../shared/rules/card'
import {
  describeE2E,
  launchBrowser,
  newDesktopContext,
  newPhoneContext,
  registerAs,
  screenshot,
  startServer,
  type TestServer,
} from './harness'

const PHONE = '13655556666'
const PASSWORD = 'Join-Haidian-2026'

describeE2E('find and join: search, offline apply, approval, member card', () => {
  let server: TestServer
  let browser: Browser
  let phone: BrowserContext
  let page: Page

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    phone = await newPhoneContext(browser)
    page = await phone.newPage()
    await registerAs(page, server.url, { phone: PHONE, name: '韩入会', password: PASSWORD })
    await page.waitForFunction(() => !document.querySelector('[data-testid=sync-status]')?.textContent?.includes('尚未同步'), null, {
      timeout: 15_000,
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('finds 海淀区科协 by typing 海淀', async () => {
    await page.goto(`${server.url}/orgs`)
    await page.getByTestId('org-search').fill('海淀')
    await expect
      .poll(() => page.getByTestId('org-result').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('北京市海淀区科学技术协会')]))
    await screenshot(page, 'join-search')
    await page.getByTestId('org-result').filter({ hasText: '北京市海淀区科学技术协会' }).first().click()
    await page.waitForURL(`${server.url}/orgs/cast-110108`)
    expect(await page.getByTestId('org-name').textContent()).toBe('北京市海淀区科学技术协会')
  })

  it('filters by kind and discipline', async () => {
    await page.goto(`${server.url}/orgs`)
    await page.getByTestId('kind-society').click()
    await page.getByTestId('discipline').selectOption('工科')
    await page.getByTestId('org-search').fill('计算机')
    await expect.poll(() => page.getByTestId('org-result').allTextContents()).toEqual([expect.stringContaining('中国计算机学会')])
    await page.getByTestId('discipline').selectOption('医科')
    await expect.poll(() => page.getByTestId('org-result').count()).toBe(0)
    await page.goto(`${server.url}/orgs/cast-110108`)
  })

  it('applies while offline, then the application syncs and waits for review', async () => {
    await page.getByTestId('apply').waitFor() // the page has loaded before the network goes
    await phone.setOffline(true)
    await page.getByTestId('apply').click()
    await expect.poll(() => page.getByTestId('join-state').getAttribute('data-state')).toBe('syncing')
    await screenshot(page, 'join-offline-pending')
    await phone.setOffline(false)
    await expect.poll(() => page.getByTestId('join-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('pending')
    await screenshot(page, 'join-under-review')
  })

  it('is approved by the demo county admin at /admin', async () => {
    const desk: BrowserContext = await newDesktopContext(browser)
    const admin = await desk.newPage()
    await admin.goto(`${server.url}/login?next=/admin`)
    await admin.getByTestId('phone').fill('13800000004')
    await admin.getByTestId('password').fill('Demo-2026!')
    await admin.getByTestId('submit').click()
    await admin.waitForURL(`${server.url}/admin`)
    await admin.getByTestId('admin-queue-link').click()
    const mine = admin.getByTestId('application').filter({ hasText: '韩入会' })
    await mine.waitFor()
    expect(await mine.textContent()).toContain('136****6666') // masked for the admin
    await screenshot(admin, 'join-admin-queue')
    await mine.getByTestId('approve').click()
    await expect.poll(() => mine.getByTestId('decided').textContent()).toContain('已通过')
    // the member list of the admin's organisation now holds the new member, phone masked
    await admin.getByTestId('members-cast-110108').click()
    const row = admin.getByTestId('member-row').filter({ hasText: '韩入会' })
    await row.waitFor()
    expect(await row.textContent()).toContain('136****6666')
    expect(await admin.getByTestId('member-list').textContent()).not.toContain(PHONE)
    await screenshot(admin, 'join-admin-members')
    await desk.close()
  })

  it('shows the person a member card whose QR verifies, online and offline', async () => {
    await page.goto(`${server.url}/sync`)
    await page.getByTestId('sync-now').click()
    await page.goto(`${server.url}/orgs/cast-110108`)
    await expect.poll(() => page.getByTestId('join-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('active')
    await page.getByTestId('show-card').click()
    await page.waitForURL(`${server.url}/me/cards`)
    const card = page.getByTestId('member-card')
    await card.waitFor()
    expect(await page.getByTestId('card-check').textContent()).toContain('有效')
    await screenshot(page, 'join-member-card')
    const qr = (await card.getAttribute('data-qr'))!
    const keys = (await (await fetch(`${server.url}/api/cards/public-keys`)).json()) as { keys: Array<{ kid: string; jwk: JsonWebKey }> }
    const check = await verifyCard(qr, keys.keys, new Date())
    expect(check).toMatchObject({ ok: true, card: { o: 'cast-110108', p: '韩入会' } })

    // Reloading offline needs the service worker to serve the shell: wait until it controls the page.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 })
    await phone.setOffline(true)
    await page.reload()
    await page.getByTestId('member-card').waitFor()
    expect(await page.getByTestId('card-check').textContent()).toContain('有效')
    await phone.setOffline(false)
  })

  it('lets the system admin read the audit log of that approval', async () => {
    const desk = await newDesktopContext(browser)
    const admin = await desk.newPage()
    await admin.goto(`${server.url}/login?next=/admin`)
    await admin.getByTestId('phone').fill('13800000001')
    await admin.getByTestId('password').fill('Demo-2026!')
    await admin.getByTestId('submit').click()
    await admin.waitForURL(`${server.url}/admin`)
    await admin.getByTestId('admin-audit-link').click()
    await admin.getByTestId('audit-action').fill('membership.approve')
    await admin.getByRole('button', { name: '筛选' }).click()
    await expect.poll(() => admin.getByTestId('audit-row').allTextContents()).toEqual([expect.stringContaining('cast-110108')])
    await screenshot(admin, 'admin-audit')
    await desk.close()
  })
})
