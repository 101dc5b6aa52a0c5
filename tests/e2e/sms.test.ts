/**
 * Issue 12, "No way back into a lost account": on a phone, in the real server and the built client,
 * with codes read from the development SMS inbox — sign up with a code, sign in by code, 忘记密码
 * end to end (the new password works, the old one does not), and an admin's one-time reset code
 * used by a member without a phone at hand.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  collectConsoleErrors,
  describeE2E,
  launchBrowser,
  loginAs,
  newPhoneContext,
  readSmsCode,
  screenshot,
  startServer,
  type TestServer,
} from './harness'

const PHONE = '13766668888'
const NAME = '郑短信'
const PASSWORD = 'Sms-Home-2026'
const NEW_PASSWORD = 'Found-Again-2026'
// seeds/demo.ts: 海淀区科协's admin and one of its members
const COUNTY_ADMIN = '13800000004'
const MEMBER = { phone: '13800000006', name: '李思远' }
const DEMO_PASSWORD = 'Demo-2026!'

describeE2E('SMS codes on a phone: sign up, sign in by code, 忘记密码, an admin’s reset code', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    context = await newPhoneContext(browser)
    page = await context.newPage()
    errors = collectConsoleErrors(page)
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function logOut() {
    await page.goto(`${server.url}/me`)
    await page.getByTestId('logout').click()
    await page.waitForURL(/\/login/)
  }

  it('signs up with the code from the SMS inbox; the button counts down before a new code', async () => {
    await page.goto(`${server.url}/register`)
    await page.getByTestId('phone').fill(PHONE)
    await page.getByTestId('send-code').click()
    await expect.poll(() => page.getByTestId('code-sent').textContent()).toContain('验证码已发送到 137****8888')
    await expect.poll(() => page.getByTestId('send-code').textContent()).toMatch(/\d+ 秒后重发/)
    expect(await page.getByTestId('send-code').isDisabled()).toBe(true)
    await page.getByTestId('code').fill(await readSmsCode(server, PHONE, 'register'))
    await page.getByTestId('name').fill(NAME)
    await page.getByTestId('password').fill(PASSWORD)
    await page.getByTestId('consent').check()
    await screenshot(page, 'sms-register-code', { fullPage: true })
    await page.getByTestId('submit').click()
    await page.waitForURL(`${server.url}/me`)
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toBe(NAME)
  })

  it('signs in by code instead of the password', async () => {
    await logOut()
    await page.getByTestId('way-code').click()
    await page.getByTestId('phone').fill(PHONE)
    await page.getByTestId('send-code').click()
    await page.getByTestId('code-sent').waitFor()
    await page.getByTestId('code').fill(await readSmsCode(server, PHONE, 'login'))
    await screenshot(page, 'sms-login-code')
    await page.getByTestId('submit').click()
    await page.waitForURL(`${server.url}/me`)
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toBe(NAME)
  })

  it('忘记密码: a code, a new password; the new one works, the old one does not', async () => {
    await logOut()
    await page.getByTestId('phone').fill(PHONE)
    await page.getByTestId('forgot').click()
    await page.waitForURL(/\/forgot-password/)
    // the number typed on the login page comes along
    expect(await page.getByTestId('phone').inputValue()).toBe(PHONE)
    await page.getByTestId('send-code').click()
    await page.getByTestId('code-sent').waitFor()
    await page.getByTestId('code').fill(await readSmsCode(server, PHONE, 'reset'))
    await page.getByTestId('password').fill(NEW_PASSWORD)
    await screenshot(page, 'sms-forgot-password', { fullPage: true })
    await page.getByTestId('submit').click()
    await page.waitForURL(/\/login\?/)
    await expect.poll(() => page.getByTestId('reset-done').textContent()).toContain('密码已重置')
    expect(await page.getByTestId('phone').inputValue()).toBe(PHONE)
    await screenshot(page, 'sms-reset-done')
    await page.getByTestId('password').fill(PASSWORD)
    await page.getByTestId('submit').click()
    await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('手机号或密码不正确')
    await page.getByTestId('password').fill(NEW_PASSWORD)
    await page.getByTestId('submit').click()
    await page.waitForURL(`${server.url}/me`)
    expect(errors.filter((e) => !/status of 40[01]/.test(e))).toEqual([])
  })

  it('an admin gives a member a one-time reset code, shown once; the member sets a new password with it', async () => {
    const adminContext = await newPhoneContext(browser)
    const admin = await adminContext.newPage()
    await loginAs(admin, server.url, COUNTY_ADMIN, DEMO_PASSWORD, '/admin/orgs/cast-110108/members')
    const row = admin.getByTestId('member-row').filter({ hasText: MEMBER.name })
    await row.getByTestId('reset-code-open').click()
    const dialog = admin.getByTestId('reset-dialog')
    await expect.poll(() => dialog.textContent()).toContain('138****0006')
    await screenshot(admin, 'sms-admin-reset-confirm')
    await dialog.getByTestId('reset-confirm').click()
    const code = (await dialog.getByTestId('reset-code').textContent())!.trim()
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/)
    await screenshot(admin, 'sms-admin-reset-code')
    await dialog.getByTestId('reset-close').click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await adminContext.close()

    const memberContext = await newPhoneContext(browser)
    const member = await memberContext.newPage()
    await member.goto(`${server.url}/forgot-password`)
    await member.getByTestId('phone').fill(MEMBER.phone)
    await member.getByTestId('code').fill(code)
    await member.getByTestId('password').fill(NEW_PASSWORD)
    await member.getByTestId('submit').click()
    await member.waitForURL(/\/login\?/)
    await member.getByTestId('password').fill(NEW_PASSWORD)
    await member.getByTestId('submit').click()
    await member.waitForURL(`${server.url}/me`)
    await memberContext.close()
  })

  it('speaks English on the login and 忘记密码 screens', async () => {
    const en = await newPhoneContext(browser, { locale: 'en-GB' })
    await en.addInitScript(() => localStorage.setItem('sh.locale', 'en'))
    const p = await en.newPage()
    await p.goto(`${server.url}/login`)
    await p.getByTestId('way-code').click()
    await expect.poll(() => p.getByTestId('send-code').textContent()).toBe('Send code')
    expect(await p.getByTestId('forgot').textContent()).toBe('Forgot password?')
    expect(await p.locator('main').textContent()).not.toMatch(/[\u4e00-\u9fff]/)
    await screenshot(p, 'sms-login-code-en')
    await p.getByTestId('forgot').click()
    await p.waitForURL(/\/forgot-password/)
    await p.getByTestId('submit').click()
    await expect.poll(() => p.getByTestId('code-error').textContent()).toContain('An SMS code is 6 digits')
    await screenshot(p, 'sms-forgot-password-en', { fullPage: true })
    await en.close()
  })
})
