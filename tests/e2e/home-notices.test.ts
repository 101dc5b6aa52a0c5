/**
 * Issue 12's newcomer journey in a real browser on a phone: sign up with an SMS code from the test
 * inbox; the home leads (profile → their own 街道 / 区 科协 → review → card); the region is chosen
 * by taps; one tap applies to the suggested 街道科协; an admin approves in another browser; the
 * applicant's 消息 shows the approval with the header bell's badge counting it, and opening it marks it
 * read; the member card opens offline. Also: a guest picks a region for nearby activities, a
 * logged-out deep link to a staff page goes through the login and back, a sub-page's back control
 * works. Screenshots of the home in each state.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  collectConsoleErrors,
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

const PHONE = '13677778888'
const PASSWORD = 'Home-Leads-2026'
const NAME = '郑新人'
const DEMO_PASSWORD = 'Demo-2026!'

describeE2E('home that leads, notices and navigation', () => {
  let server: TestServer
  let browser: Browser
  let phone: BrowserContext
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    phone = await newPhoneContext(browser)
    page = await phone.newPage()
    errors = collectConsoleErrors(page)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const step = () => page.getByTestId('home-steps').getAttribute('data-step')

  it('shows a guest public activities near a region they pick, and remembers it', async () => {
    const guest = await newPhoneContext(browser)
    const p = await guest.newPage()
    await p.goto(server.url)
    await expect.poll(() => p.getByTestId('home-welcome').textContent()).toBe('欢迎来到科技工作者之家')
    expect(await p.getByTestId('tab-home').textContent()).toContain('首页')
    expect(await p.locator('.tabbar a').count()).toBe(5)
    expect(await p.locator('main').textContent()).not.toMatch(/服务队长工作台|阵地自助终端|管理后台/) // no staff doors on the citizen home
    await screenshot(p, 'home-guest')
    await p.getByTestId('guest-region').click()
    const place = (code: string) => p.getByTestId('guest-region-sheet').locator(`.region-sheet__item[data-code="${code}"]`)
    await place('11').click()
    await place('110108').click() // a county is as far as a guest's picker goes
    await expect.poll(() => p.getByTestId('guest-region').textContent()).toContain('北京市 海淀区')
    await expect.poll(() => p.getByTestId('home-guest-activities').locator('h2').textContent()).toBe('附近的活动')
    await expect.poll(() => p.getByTestId('activity-item').count()).toBeGreaterThan(0)
    await screenshot(p, 'home-guest-region')
    await p.reload()
    await expect.poll(() => p.getByTestId('guest-region').textContent()).toContain('北京市 海淀区')
    await guest.close()
  })

  it('welcomes a newcomer (not "welcome back") and asks for the profile first', async () => {
    await registerAs(page, server.url, { phone: PHONE, name: NAME, password: PASSWORD })
    await page.getByTestId('tab-home').click()
    await expect.poll(() => page.getByTestId('home-welcome').textContent()).toBe(`欢迎加入，${NAME}`)
    await expect.poll(step).toBe('profile')
    expect(await page.locator('main').textContent()).not.toContain('欢迎回来')
    await screenshot(page, 'home-step-profile')
    // a citizen's 我的 lists no staff doors
    await page.getByTestId('tab-me').click()
    await page.getByTestId('profile-name').waitFor()
    expect(await page.getByTestId('staff-doors').count()).toBe(0)
  })

  it('then offers their own 街道 and 区 科协, one tap to apply, and says who reviews', async () => {
    // the profile step leads to the editor; the region is chosen by taps, never typed as a code
    await page.getByTestId('tab-home').click()
    await page.getByTestId('home-edit-profile').click()
    await page.waitForURL(`${server.url}/me/edit`)
    await page.locator('#pf-employer').fill('中关村实验室')
    await page.locator('#pf-discipline').selectOption('工科')
    await page.getByTestId('pf-region').click()
    const place = (code: string) => page.getByTestId('pf-region-sheet').locator(`.region-sheet__item[data-code="${code}"]`)
    await place('11').click()
    await place('110108').click()
    await place('110108011').click()
    await expect.poll(() => page.getByTestId('pf-region').textContent()).toContain('北京市 海淀区 中关村街道')
    await page.getByTestId('profile-save').click()
    await expect.poll(() => page.getByTestId('profile-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('applied')
    await page.goto(server.url)
    await expect.poll(step, { timeout: 20_000 }).toBe('join')
    const suggested = page.getByTestId('home-suggested')
    await expect.poll(() => suggested.locator('a').first().allTextContents()).toEqual(['海淀区中关村街道科学技术协会'])
    await expect.poll(() => suggested.count()).toBe(2)
    expect(await suggested.nth(1).locator('a').first().textContent()).toBe('北京市海淀区科学技术协会')
    await screenshot(page, 'home-step-join', { fullPage: true })

    await suggested.nth(0).getByTestId('apply').click() // one tap: the person's own 街道科协
    await expect.poll(step, { timeout: 20_000 }).toBe('pending')
    await expect.poll(() => page.getByTestId('home-pending').textContent()).toContain('由海淀区中关村街道科学技术协会的管理员审核')
    await screenshot(page, 'home-step-pending', { fullPage: true })
  })

  it('hears of the approval in 消息: the badge counts it, opening it marks it read', async () => {
    const desk = await newDesktopContext(browser)
    const admin = await desk.newPage()
    await admin.goto(`${server.url}/login?next=/admin/memberships`)
    await admin.getByTestId('phone').fill('13800000004')
    await admin.getByTestId('password').fill(DEMO_PASSWORD)
    await admin.getByTestId('submit').click()
    await admin.waitForURL(`${server.url}/admin/memberships`)
    const application = admin.getByTestId('application').filter({ hasText: NAME })
    await application.getByTestId('approve').click()
    await expect.poll(() => application.getByTestId('decided').textContent()).toContain('已通过')
    await desk.close()

    await page.goto(`${server.url}/notices`) // a visit syncs at start
    await expect.poll(() => page.getByTestId('notices-badge').textContent(), { timeout: 20_000 }).toBe('1')
    const notice = page.getByTestId('notice').first()
    expect(await notice.getAttribute('data-kind')).toBe('membership_approved')
    expect(await notice.getAttribute('data-unread')).toBe('true')
    expect(await notice.textContent()).toContain('海淀区中关村街道科学技术协会通过了您的入会申请')
    await screenshot(page, 'notices-approved')

    await notice.click()
    await page.waitForURL(`${server.url}/orgs/cast-110108011`)
    await expect.poll(() => page.getByTestId('notices-badge').count()).toBe(0)
    await expect.poll(() => page.getByTestId('join-state').getAttribute('data-state')).toBe('active')
    // back (the app's history) returns to 消息, where it now reads as read
    await page.getByTestId('back').click()
    await page.waitForURL(`${server.url}/notices`)
    await expect.poll(() => page.getByTestId('notice').first().getAttribute('data-unread')).toBe('false')
    // and it stays read after a reload (the server has it)
    await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 20_000 }).not.toContain('待同步')
    await page.reload()
    await expect.poll(() => page.getByTestId('notice').first().getAttribute('data-unread')).toBe('false')
    expect(await page.getByTestId('notices-badge').count()).toBe(0)
  })

  it('leads a member to the card and the activities', async () => {
    await page.getByTestId('tab-home').click()
    await page.getByTestId('home-member').waitFor()
    expect(await page.getByTestId('home-steps').count()).toBe(0)
    expect(await page.getByTestId('home-card').getAttribute('href')).toBe('/me/cards')
    await screenshot(page, 'home-member', { fullPage: true })
    // the same in English: no Chinese words of ours (names of places and organisations are data)
    await page.getByTestId('lang-switch').click()
    await expect.poll(() => page.getByTestId('home-member').locator('h2').textContent()).toBe('Your member card')
    expect(await page.getByTestId('home-welcome').textContent()).toBe(`Welcome aboard, ${NAME}`)
    await screenshot(page, 'home-member-en', { fullPage: true })
    await page.getByTestId('notices-bell').click()
    await expect.poll(() => page.getByTestId('notice').first().textContent()).toContain('approved your membership application')
    await screenshot(page, 'notices-en')
    await page.getByTestId('lang-switch').click()
    await expect.poll(() => page.getByTestId('tab-home').textContent()).toContain('首页')
  })

  it('opens the member card from the home, and offline', async () => {
    await page.getByTestId('tab-home').click()
    await page.getByTestId('home-card').click()
    await page.waitForURL(`${server.url}/me/cards`)
    const card = page.getByTestId('member-card').filter({ hasText: '中关村街道' })
    await card.waitFor()
    expect(await card.getByTestId('card-check').textContent()).toContain('有效')
    await waitForServiceWorkerControl(page)
    await phone.setOffline(true)
    await page.reload()
    await card.waitFor()
    expect(await card.getByTestId('card-check').textContent()).toContain('有效')
    await screenshot(page, 'newcomer-card-offline')
    await phone.setOffline(false)
  })

  it('gives a deep-linked sub-page a back control that goes up a level', async () => {
    await page.goto(`${server.url}/me/security`)
    await page.getByTestId('back').click()
    await page.waitForURL(`${server.url}/me`)
    expect(await page.getByTestId('back').count()).toBe(0) // a tab's own page
    await page.goto(`${server.url}/orgs/cast-110108`)
    await page.getByTestId('org-name').waitFor()
    await screenshot(page, 'nav-back-control')
    await page.getByTestId('back').click()
    await page.waitForURL(`${server.url}/orgs`)
  })

  it('takes a logged-out deep link to /admin/activities through the login and back there', async () => {
    const guest = await newPhoneContext(browser)
    const p = await guest.newPage()
    await p.goto(`${server.url}/admin/activities`)
    await p.waitForURL(`${server.url}/login?next=/admin/activities`)
    await p.getByTestId('phone').fill('13800000008') // the demo activity organiser
    await p.getByTestId('password').fill(DEMO_PASSWORD)
    await p.getByTestId('submit').click()
    await p.waitForURL(`${server.url}/admin/activities`)
    // 我的 lists the doors the organiser's role opens, and only those
    await p.goto(`${server.url}/me`)
    await expect
      .poll(() =>
        p
          .getByTestId('staff-doors')
          .locator('a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      )
      .toEqual(['/admin/activities'])
    await screenshot(p, 'me-staff-doors', { fullPage: true })
    // the kiosk door opens without a person's login: it asks for an enrolment code
    const tablet = await newPhoneContext(browser)
    const k = await tablet.newPage()
    await k.goto(`${server.url}/kiosk`)
    await k.getByTestId('kiosk-enrol').waitFor()
    await tablet.close()
    await guest.close()
  })

  it('logged no console errors', () => {
    expect(errors.filter((e) => !/401|Failed to load resource/.test(e))).toEqual([])
  })
})
