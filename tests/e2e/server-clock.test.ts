/**
 * Issue 11 (should-fix) in a real browser: a phone whose clock is years off still offers the
 * register button for an activity the server accepts registrations for, because the page decides
 * the window by the server's clock (learned from the Date header of its answers).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import {
  apiClient,
  collectConsoleErrors,
  describeE2E,
  launchBrowser,
  loginAs,
  newPhoneContext,
  screenshot,
  startServer,
  type TestServer,
} from './harness'

const PASSWORD = 'Demo-2026!'
const TITLE = '时钟偏差下的报名测试讲座'

describeE2E('registration window with the device clock years off', () => {
  let server: TestServer
  let browser: Browser
  let activityId = ''

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    // 海淀区科协's admin publishes an activity whose registration is open now (by the server's clock)
    const admin = apiClient(server.url)
    expect((await admin('POST', '/api/auth/login', { phone: '13800000004', password: PASSWORD })).status).toBe(200)
    const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
    const created = await admin('POST', '/api/activities', {
      orgId: 'cast-110108',
      kind: 'academic',
      title: TITLE,
      description: '',
      venueAddress: '海淀区科技馆',
      startsAt: at(72),
      endsAt: at(74),
      registrationOpensAt: at(-1),
      registrationClosesAt: at(70),
      capacity: 20,
      requiresApproval: false,
      audience: 'public',
      creditHours: 2,
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    activityId = created.body.id
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('shows the register button and registers, though the phone thinks it is 2031', async () => {
    const context = await newPhoneContext(browser)
    await context.clock.install({ time: new Date('2031-06-01T00:00:00Z') }) // time flows on from there
    const page = await context.newPage()
    const errors = collectConsoleErrors(page)
    expect(await page.evaluate(() => new Date().getFullYear())).toBe(2031)
    await loginAs(page, server.url, '13800000006', PASSWORD, `/activities/${activityId}`)
    await page.getByTestId('register-button').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('registration-closed').count()).toBe(0)
    await screenshot(page, 'activity-clock-skewed')
    await page.getByTestId('register-button').click()
    await expect.poll(() => page.getByTestId('registration-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('registered')
    expect(errors).toEqual([])
    await context.close()
  })
})
