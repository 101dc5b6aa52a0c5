/**
 * Issue 5 in a real browser, member side: a member finds an activity near them and registers
 * while offline (shown as pending, kept across an offline reload), reconnects and sees 已报名; a
 * second member takes the last place; a third is waitlisted and, after the first cancels, is
 * promoted and told so; 我的活动 reflects each state; the .ics file downloads.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  apiClient,
  withSmsCode,
  collectConsoleErrors,
  describeE2E,
  loginAs,
  launchBrowser,
  newPhoneContext,
  newTabletContext,
  screenshot,
  startServer,
  type TestServer,
  waitForServiceWorkerControl,
} from './harness'

const PASSWORD = 'Demo-2026!'
const TITLE = '量子计算科普讲座（浏览器测试）'

const state = (page: Page) => page.getByTestId('registration-state').getAttribute('data-state')

describeE2E('activities: offline registration, last place, waitlist promotion', () => {
  let server: TestServer
  let browser: Browser
  let activityId = ''
  const contexts: BrowserContext[] = []
  let first: Page
  let second: Page
  let third: Page
  const errors: string[][] = []

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    // the organiser (海淀区科协's admin) publishes an activity with two places, starting in three days
    const admin = apiClient(server.url)
    expect((await admin('POST', '/api/auth/login', { phone: '13800000004', password: PASSWORD })).status).toBe(200)
    const now = Date.now()
    const at = (h: number) => new Date(now + h * 3_600_000).toISOString()
    const created = await admin('POST', '/api/activities', {
      orgId: 'cast-110108',
      kind: 'popularization',
      title: TITLE,
      description: '面向社区居民的量子计算入门讲座。\n请提前十分钟到场。',
      venueAddress: '海淀区新时代文明实践中心 二层报告厅',
      startsAt: at(72),
      endsAt: at(74),
      registrationOpensAt: at(-1),
      registrationClosesAt: at(70),
      capacity: 2,
      requiresApproval: false,
      audience: 'public',
      creditHours: 2,
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    activityId = created.body.id
    // the third person is new: registered through the API, logged in through the UI below
    const newcomer = apiClient(server.url)
    expect(
      (
        await newcomer(
          'POST',
          '/api/auth/register',
          await withSmsCode(server, { phone: '13922223333', password: 'Waitlist-2026!', name: '孙候补', acceptPrivacy: true }),
        )
      ).status,
    ).toBe(201)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('lists the activity near the member, with its places', async () => {
    const ctx = await newPhoneContext(browser)
    contexts.push(ctx)
    first = await ctx.newPage()
    errors.push(collectConsoleErrors(first))
    await loginAs(first, server.url, '13800000006', PASSWORD, '/activities')
    const item = first.getByTestId('activity-item').filter({ hasText: TITLE })
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1)
    expect(await item.textContent()).toContain('剩余 2 个名额')
    await screenshot(first, 'activities-near-phone')
    await item.click()
    await first.waitForURL(`${server.url}/activities/${activityId}`)
    expect(await first.getByTestId('activity-title').textContent()).toBe(TITLE)
    expect(await first.getByTestId('places').textContent()).toContain('剩余 2 个名额')
  })

  it('registers offline, keeps it pending across an offline reload, and is registered once back online', async () => {
    await first.getByTestId('register-button').waitFor()
    await waitForServiceWorkerControl(first)
    const ctx = contexts[0]!
    await ctx.setOffline(true)
    await first.getByTestId('register-button').click()
    await expect.poll(() => state(first)).toBe('syncing')
    await screenshot(first, 'activity-registered-offline')
    await first.reload()
    await expect.poll(() => state(first), { timeout: 15_000 }).toBe('syncing')
    // the page shows the saved copy at once and says "offline" when its request fails: wait for that
    await expect.poll(() => first.getByTestId('activity-offline').isVisible()).toBe(true)
    await ctx.setOffline(false)
    await expect.poll(() => state(first), { timeout: 30_000 }).toBe('registered')
    await expect.poll(() => first.getByTestId('places').textContent(), { timeout: 15_000 }).toContain('剩余 1 个名额')
    await screenshot(first, 'activity-registered')
  })

  it('lists activities offline from what the device holds, with the person’s status', async () => {
    const ctx = contexts[0]!
    await first.goto(`${server.url}/activities`)
    await first.getByTestId('activity-item').first().waitFor()
    await ctx.setOffline(true)
    await first.reload()
    await expect.poll(() => first.getByTestId('activities-offline').isVisible()).toBe(true)
    const item = first.getByTestId('activity-item').filter({ hasText: TITLE })
    await expect.poll(() => item.count()).toBe(1)
    expect(await item.getByTestId('activity-item-status').textContent()).toBe('已报名')
    await first.getByTestId('filter-mine').click()
    await expect.poll(() => first.getByTestId('activity-item').filter({ hasText: TITLE }).count()).toBe(1)
    await screenshot(first, 'activities-offline-phone')
    await ctx.setOffline(false)
    await first.goto(`${server.url}/activities/${activityId}`)
    await expect.poll(() => state(first)).toBe('registered')
  })

  it('lets a second member take the last place', async () => {
    const ctx = await newPhoneContext(browser)
    contexts.push(ctx)
    second = await ctx.newPage()
    errors.push(collectConsoleErrors(second))
    await loginAs(second, server.url, '13800000007', PASSWORD, `/activities/${activityId}`)
    await second.getByTestId('register-button').click()
    await expect.poll(() => state(second), { timeout: 30_000 }).toBe('registered')
    await expect.poll(() => second.getByTestId('places').textContent(), { timeout: 15_000 }).toContain('名额已满')
  })

  it('puts a third person on the waitlist', async () => {
    const ctx = await newTabletContext(browser)
    contexts.push(ctx)
    third = await ctx.newPage()
    errors.push(collectConsoleErrors(third))
    await loginAs(third, server.url, '13922223333', 'Waitlist-2026!', `/activities/${activityId}`)
    expect(await third.getByTestId('register-button').textContent()).toContain('报名候补')
    await third.getByTestId('register-button').click()
    await expect.poll(() => state(third), { timeout: 30_000 }).toBe('waitlisted')
    expect(await third.getByTestId('registration-state').textContent()).toContain('第 1 位')
    await screenshot(third, 'activity-waitlisted-tablet')
    await third.goto(`${server.url}/me/activities`)
    await expect.poll(() => third.getByTestId('my-waitlisted').getByTestId('activity-item').count()).toBe(1)
  })

  it('promotes the waitlisted person when the first cancels, and tells them', async () => {
    await first.getByTestId('cancel-registration').click()
    await first.getByTestId('confirm-ok').click() // the app's own dialog, not window.confirm
    await expect.poll(() => state(first), { timeout: 30_000 }).toBe('cancelled')
    // the third person's device learns it on its next sync (here: opening the app again)
    await third.goto(`${server.url}/activities`)
    const notice = third.getByTestId('activity-notice')
    // 'cancelled' above is the server's answer (a cancellation still on its way says 'syncing'), so the
    // promotion exists when this page's first sync pulls
    await expect.poll(() => notice.count(), { timeout: 30_000 }).toBe(1)
    expect(await notice.textContent()).toContain(TITLE)
    expect(await notice.getAttribute('data-kind')).toBe('promoted')
    await screenshot(third, 'activity-promoted-notice-tablet')
    await notice.getByTestId('notice-dismiss').click()
    await expect.poll(() => notice.count()).toBe(0)
    await third.goto(`${server.url}/me/activities`)
    await expect
      .poll(() => third.getByTestId('my-upcoming').getByTestId('activity-item').filter({ hasText: TITLE }).count(), { timeout: 15_000 })
      .toBe(1)
    expect(await third.getByTestId('my-waitlisted').getByTestId('activity-item').count()).toBe(0)
    // a dismissed notice stays dismissed after a reload; the home page shows what is next
    await third.goto(`${server.url}/`)
    await expect.poll(() => third.getByTestId('home-next-activities').textContent(), { timeout: 15_000 }).toContain(TITLE)
    expect(await third.getByTestId('activity-notice').count()).toBe(0)
  })

  it('shows the first member’s cancellation in 我的活动 and offers the calendar file', async () => {
    await first.goto(`${server.url}/me/activities`)
    await expect
      .poll(() => first.getByTestId('my-cancelled').getByTestId('activity-item').filter({ hasText: TITLE }).count(), { timeout: 15_000 })
      .toBe(1)
    await screenshot(first, 'my-activities-phone', { fullPage: true })
    await first.goto(`${server.url}/activities/${activityId}`)
    const [download] = await Promise.all([first.waitForEvent('download'), first.getByTestId('ics').click()])
    const path = await download.path()
    const { readFileSync } = await import('node:fs')
    const ics = readFileSync(path!, 'utf8')
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain('量子计算')
  })

  it('tells a registrant when the organiser cancels — in English too', async () => {
    const admin = apiClient(server.url)
    expect((await admin('POST', '/api/auth/login', { phone: '13800000004', password: PASSWORD })).status).toBe(200)
    expect((await admin('POST', `/api/activities/${activityId}/cancel`, { reason: '场地检修' })).status).toBe(200)
    await third.goto(`${server.url}/activities`)
    await third.getByTestId('lang-switch').click() // the header's 中文/English switch
    const notice = third.getByTestId('activity-notice')
    await expect.poll(() => notice.getAttribute('data-kind'), { timeout: 30_000 }).toBe('cancelled')
    expect(await notice.textContent()).toContain('was cancelled by the organiser')
    expect(await notice.textContent()).toContain('Reason: 场地检修')
    await notice.getByRole('button', { name: 'View' }).click()
    await third.waitForURL(`${server.url}/activities/${activityId}`)
    await expect.poll(() => third.getByTestId('activity-cancelled').textContent()).toContain('Cancelled: 场地检修')
    expect(await third.getByTestId('places').count()).toBe(0) // no "full / join the waitlist" on a cancelled activity
    expect(await third.getByTestId('cancel-registration').count()).toBe(0)
    await screenshot(third, 'activity-cancelled-english-tablet')
    await third.goto(`${server.url}/me/activities`)
    await expect.poll(() => third.getByTestId('my-cancelled').getByTestId('activity-item').filter({ hasText: TITLE }).count()).toBe(1)
    await third.getByTestId('lang-switch').click()
    await expect.poll(() => third.getByTestId('lang-switch').textContent()).toContain('English')
  })

  it('logged no errors in any browser', () => {
    // Chromium itself logs each request it could not send while offline; those are the test's doing
    expect(errors.flat().filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([])
  })
})
