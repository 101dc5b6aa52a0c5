/**
 * Issue 12 "feedback in words / don't offer what cannot work", in a real browser on a phone: the
 * first load paints the app's frame before the script arrives; the check-in desk downloads the
 * activity's list, goes offline, names a registrant from a typed number at once and warns about a
 * number not on it; the admin home shows what waits and the admin approves two applicants at once
 * with their region, employer, title and discipline in view; a members-only activity offers
 * 先加入 <organisation> to someone who is not a member.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import {
  apiClient,
  collectConsoleErrors,
  describeE2E,
  launchBrowser,
  loginAs,
  newPhoneContext,
  screenshot,
  startServer,
  withSmsCode,
  type TestServer,
} from './harness'

const PASSWORD = 'Demo-2026!'
const ADMIN = '13800000004' // 王海淀, admin of 海淀区科协 (cast-110108)
const HAIDIAN = '北京市海淀区科学技术协会'
const NEW_PASSWORD = 'Feedback-2026!'

type Api = ReturnType<typeof apiClient>

async function push(api: Api, name: string, args: unknown) {
  const res = await api('POST', '/api/sync/push', {
    clientId: crypto.randomUUID(),
    schemaVersion: SYNC_SCHEMA_VERSION,
    mutations: [{ id: crypto.randomUUID(), name, args, createdAt: new Date().toISOString() }],
  })
  expect(res.status).toBe(200)
  expect(res.body.results[0], JSON.stringify(res.body)).toMatchObject({ status: 'applied' })
  return res.body.results[0].data
}

/** A new account through the API, signed in. */
async function newPerson(server: TestServer, phone: string, name: string): Promise<Api> {
  const api = apiClient(server.url)
  const body = await withSmsCode(server, { phone, password: NEW_PASSWORD, name, acceptPrivacy: true })
  expect((await api('POST', '/api/auth/register', body)).status).toBe(201)
  return api
}

describeE2E('feedback in words: first frame, offline check-in list, bulk approval, members-only', () => {
  let server: TestServer
  let browser: Browser
  let admin: Api
  const contexts: BrowserContext[] = []
  const errors: string[][] = []
  const at = (minutes: number) => new Date(Math.floor((Date.now() + minutes * 60_000) / 60_000) * 60_000).toISOString()

  async function phonePage(): Promise<Page> {
    const ctx = await newPhoneContext(browser)
    contexts.push(ctx)
    const page = await ctx.newPage()
    errors.push(collectConsoleErrors(page))
    return page
  }

  async function publish(title: string, over: Record<string, unknown> = {}): Promise<string> {
    const created = await admin('POST', '/api/activities', {
      orgId: 'cast-110108',
      kind: 'academic',
      title,
      venueAddress: '海淀区科技馆 一层报告厅',
      startsAt: at(30),
      endsAt: at(180),
      registrationOpensAt: at(-60),
      registrationClosesAt: at(30),
      capacity: 20,
      ...over,
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    return created.body.id
  }

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    admin = apiClient(server.url)
    expect((await admin('POST', '/api/auth/login', { phone: ADMIN, password: PASSWORD })).status).toBe(200)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('paints the app’s frame before the script has arrived (a weak network)', async () => {
    const page = await phonePage()
    let release!: () => void
    const held = new Promise<void>((ok) => (release = ok))
    // the app's entry script waits until the frame has been looked at: a weak network, without timing
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      await held
      await route.continue()
    })
    await page.goto(server.url, { waitUntil: 'commit' })
    await page.locator('.boot__bar').waitFor()
    expect(await page.locator('.boot__bar').textContent()).toContain('科技工作者之家')
    const bar = await page.locator('.boot__bar').boundingBox()
    expect(bar).toMatchObject({ x: 0, y: 0, width: 390 })
    expect(await page.locator('.boot__tabs').isVisible()).toBe(true)
    await screenshot(page, 'feedback-first-frame-phone')
    release()
    // Vue mounts into #app and the frame is gone
    await page.locator('.app-header').waitFor()
    expect(await page.locator('.boot').count()).toBe(0)
  })

  it('offline, the check-in desk names a registrant from the list it downloaded and warns about a number not on it', async () => {
    const title = '离线签到名单测试讲座'
    const activityId = await publish(title)
    const member = apiClient(server.url)
    expect((await member('POST', '/api/auth/login', { phone: '13800000006', password: PASSWORD })).status).toBe(200) // 李思远
    await push(member, 'activity.register', { registrationId: crypto.randomUUID(), activityId })
    const card = (await member('GET', '/api/cards')).body.cards.find((c: { orgId: string }) => c.orgId === 'cast-110108')
    const memberNo = card.memberNo as string

    const page = await phonePage()
    await loginAs(page, server.url, ADMIN, PASSWORD, `/admin/activities/${activityId}/check-in`)
    await expect.poll(() => page.getByTestId('check-in-activity').textContent()).toBe(title)
    await expect.poll(() => page.getByTestId('check-in-roster').textContent()).toContain('已下载报名名单：1 人')
    // the shell must come from the service worker once the network is gone
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 })

    await page.context().setOffline(true)
    await page.reload()
    await page.getByTestId('check-in-offline').waitFor()
    await expect.poll(() => page.getByTestId('check-in-roster').textContent()).toContain('已下载报名名单：1 人')
    const box = page.getByTestId('check-in-input')
    await box.fill(memberNo.toLowerCase())
    await box.press('Enter')
    await expect.poll(() => page.getByTestId('check-in-feedback').textContent()).toBe(`已记录 李思远 ${memberNo}，待同步`)
    await expect.poll(() => page.getByTestId('check-in-who').allTextContents()).toEqual([`李思远 ${memberNo}`])

    await box.fill('13711112222')
    await box.press('Enter')
    await page.getByTestId('check-in-unlisted').waitFor()
    expect(await page.getByTestId('check-in-feedback').getAttribute('data-kind')).toBe('error')
    expect(await page.getByTestId('check-in-feedback').textContent()).toBe('137****2222 不在本活动的报名名单上。是现场参加的吗？')
    expect(await page.getByTestId('check-in-line').count()).toBe(1) // nothing queued for it
    expect(await page.locator('body').textContent()).not.toContain('13711112222') // phones masked on screen
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'feedback-check-in-offline-roster-phone', { fullPage: true })

    await page.getByTestId('unlisted-walk-in').click()
    expect(await page.getByTestId('walk-in-phone').inputValue()).toBe('13711112222')
    await page.getByTestId('walk-in-name').fill('周现场')
    await page.getByTestId('walk-in-submit').click()
    await expect.poll(() => page.getByTestId('check-in-line').count()).toBe(2)

    await page.context().setOffline(false)
    await page.getByTestId('check-in-sync').click()
    await expect
      .poll(() => page.getByTestId('check-in-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))), { timeout: 20_000 })
      .toEqual(['applied', 'applied'])
  })

  it('shows the admin what waits, and approves two applicants at once with their details in view', async () => {
    const applicants = [
      { phone: '13655550001', name: '甲农科', region: '110108', discipline: '农科', employer: '中国农业大学', title: '副教授' },
      { phone: '13655550002', name: '乙农科', region: '110105', discipline: '农科', employer: '北京市农林科学院', title: '研究员' },
    ]
    for (const a of applicants) {
      const api = await newPerson(server, a.phone, a.name)
      await push(api, 'profile.update', { regionCode: a.region, discipline: a.discipline, employer: a.employer, title: a.title })
      const applied = await api('POST', '/api/sync/push', {
        clientId: crypto.randomUUID(),
        schemaVersion: SYNC_SCHEMA_VERSION,
        mutations: [
          {
            id: crypto.randomUUID(),
            name: 'membership.apply',
            args: { membershipId: crypto.randomUUID(), orgId: 'cast-110108' },
            createdAt: new Date().toISOString(),
          },
        ],
      })
      expect(applied.body.results[0].data).toMatchObject({ status: 'pending' })
    }

    const page = await phonePage()
    await loginAs(page, server.url, ADMIN, PASSWORD, '/admin')
    const waiting = page.getByTestId('pending-applications')
    await expect.poll(async () => Number(await waiting.textContent())).toBeGreaterThanOrEqual(2)
    await page.getByTestId('upcoming-check-in').waitFor()
    expect(await page.getByTestId('admin-home').textContent()).not.toContain('向服务队派单') // no list of future tools
    await screenshot(page, 'feedback-admin-home-phone', { fullPage: true })

    await page.getByTestId('admin-queue-link').click()
    await page.waitForURL(`${server.url}/admin/memberships`)
    await page.getByTestId('filter-discipline').selectOption('农科')
    await page.getByTestId('filter-apply').click()
    for (const a of applicants) {
      const card = page.getByTestId('application').filter({ hasText: a.name })
      await card.waitFor()
      const details = await card.getByTestId('applicant').textContent()
      expect(details).toContain(a.employer)
      expect(details).toContain(a.title)
      expect(details).toContain('农科')
      expect(details).toContain(a.region === '110108' ? '海淀区' : '朝阳区')
      expect(details).not.toMatch(/\d{6}/) // the region by name, not its code
      await card.getByTestId('pick').check()
    }
    await expect.poll(() => page.getByTestId('bulk-bar').textContent()).toContain('已选 2 份')
    await screenshot(page, 'feedback-admin-queue-selected-phone')
    await page.getByTestId('bulk-approve').click()
    const dialog = page.getByTestId('confirm-dialog')
    await dialog.waitFor()
    expect(await dialog.getAttribute('role')).toBe('alertdialog')
    expect(await dialog.textContent()).toContain('通过这 2 份入会申请吗？')
    await screenshot(page, 'feedback-admin-confirm-phone')
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => page.getByTestId('toast').allTextContents()).toEqual([expect.stringContaining('已通过 2 份申请')])
    for (const a of applicants) {
      await expect
        .poll(() => page.getByTestId('application').filter({ hasText: a.name }).getByTestId('decided').textContent())
        .toBe('已通过')
    }
    await screenshot(page, 'feedback-admin-approved-phone')
    const statuses = await admin('GET', '/api/admin/memberships?status=active&orgId=cast-110108&pageSize=100')
    const names = statuses.body.items.map((i: { userName: string }) => i.userName)
    expect(names).toEqual(expect.arrayContaining(applicants.map((a) => a.name)))
  })

  it('offers 先加入 <organisation> for a members-only activity to someone who is not a member', async () => {
    const title = '会员专场：青年科技工作者沙龙'
    const activityId = await publish(title, {
      audience: 'members',
      startsAt: at(3 * 1440),
      endsAt: at(3 * 1440 + 120),
      registrationClosesAt: at(3 * 1440),
    })
    await newPerson(server, '13655550009', '丙路人')
    const page = await phonePage()
    await loginAs(page, server.url, '13655550009', NEW_PASSWORD, `/activities/${activityId}`)
    const join = page.getByTestId('join-first')
    await join.waitFor()
    expect(await join.textContent()).toBe(`先加入${HAIDIAN}`)
    expect(await page.getByTestId('register-button').count()).toBe(0)
    await screenshot(page, 'feedback-members-only-phone', { fullPage: true })
    await join.click()
    await page.waitForURL(`${server.url}/orgs/cast-110108`)
    await page.getByTestId('apply').waitFor()
    // and a member is offered the register button as before
    const memberPage = await phonePage()
    await loginAs(memberPage, server.url, '13800000006', PASSWORD, `/activities/${activityId}`)
    await memberPage.getByTestId('register-button').waitFor()
    expect(await memberPage.getByTestId('join-first').count()).toBe(0)
  })

  it('logged no errors in the console', () => {
    // offline, the browser reports each request it could not send
    for (const list of errors) expect(list.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
  })
})
