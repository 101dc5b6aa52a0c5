/**
 * Issue 5 in a real browser, organiser side: 海淀区科协's admin publishes an activity through the
 * form (capacity 2), finds it listed, edits it (only the changed field is sent); a member registers;
 * at the kiosk the admin goes offline, reloads, checks the member in by member number, records a
 * walk-in, refuses a forged card at once, checks the same member again by card and a phone not on
 * the list; back online the first two are applied and the other two refused with readable reasons
 * (the phone then becomes a walk-in by name); check-in opens only its set time before the start
 * (the desk says so); the attendance list and the CSV show the check-ins; the
 * check-in screen is looked at on a phone too; finally the activity is cancelled after a confirmation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import QRCode from 'qrcode'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import {
  apiClient,
  chromiumArgs,
  chromiumPath,
  loginAs,
  collectConsoleErrors,
  describeE2E,
  launchBrowser,
  newPhoneContext,
  newTabletContext,
  screenshot,
  startServer,
  type TestServer,
  waitForServiceWorkerControl,
} from './harness'

const PASSWORD = 'Demo-2026!'
const ADMIN = '13800000004' // 王海淀, admin of 海淀区科协 (cast-110108)
const MEMBER = '13800000006' // 李思远, member of 海淀区科协
const TITLE = '青少年人工智能科普体验营（组织者测试）'
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

/** A one-frame Y4M video of `text` as a QR code, for Chromium's fake camera. */
function qrVideo(text: string, dir: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = 640
  const scale = Math.floor(size / (qr.modules.size + 8))
  const offset = Math.floor((size - qr.modules.size * scale) / 2)
  const y = Buffer.alloc(size * size, 255)
  for (let r = 0; r < qr.modules.size; r++) {
    for (let c = 0; c < qr.modules.size; c++) {
      if (!qr.modules.get(r, c)) continue
      for (let dy = 0; dy < scale; dy++)
        y.fill(0, (offset + r * scale + dy) * size + offset + c * scale, (offset + r * scale + dy) * size + offset + (c + 1) * scale)
    }
  }
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128)
  const file = join(dir, 'card.y4m')
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${size} H${size} F5:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma]))
  return file
}

const lineStates = (page: Page) =>
  page
    .getByTestId('check-in-line')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-state')}:${e.querySelector('[data-testid=check-in-who]')?.textContent}`))

describeE2E('activities, organiser side: publish, edit, offline check-in, attendance, CSV, cancel', () => {
  let server: TestServer
  let browser: Browser
  let kiosk: BrowserContext
  let page: Page
  let errors: string[]
  let activityId = ''
  let memberNo = ''
  let memberCard = ''
  const member = () => apiClient(server.url)

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    kiosk = await newTabletContext(browser, { acceptDownloads: true })
    page = await kiosk.newPage()
    errors = collectConsoleErrors(page)
    await loginAs(page, server.url, ADMIN, PASSWORD, '/admin')
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('publishes an activity through the form, after showing what is wrong', async () => {
    await page.getByTestId('admin-activities-link').click()
    await page.waitForURL(`${server.url}/admin/activities`)
    await page.getByTestId('organiser-activity').first().waitFor() // the demo seed's Haidian activities
    await page.getByTestId('publish-activity').click()
    await page.waitForURL(`${server.url}/admin/activities/new`)
    await expect.poll(() => page.getByTestId('af-org').inputValue()).toBe('cast-110108')
    // a county admin may also publish for the streets and organisations below the county
    const below = page.getByTestId('af-org').locator('optgroup[label="北京市海淀区科学技术协会下属组织"] option')
    await expect.poll(() => below.allTextContents()).toEqual(expect.arrayContaining(['海淀区中关村街道科学技术协会']))

    // an empty title, no venue and an end before the start: messages per field, nothing sent
    const start = await page.getByTestId('af-starts').inputValue()
    await page.getByTestId('af-ends').fill(start.replace(/T\d\d:\d\d/, 'T08:00'))
    await page.getByTestId('af-capacity').fill('0')
    await page.getByTestId('af-submit').click()
    expect(await page.getByTestId('af-title-error').textContent()).toContain('2 到 80 个字')
    expect(await page.getByTestId('af-venue-error').textContent()).toContain('活动地点')
    expect(await page.getByTestId('af-capacity-error').textContent()).toContain('1 到 100000')
    await page.getByTestId('af-title').fill(TITLE)
    await page.getByTestId('af-venue').fill('海淀区科技馆 三层多功能厅')
    await page.getByTestId('af-capacity').fill('2')
    await page.getByTestId('af-submit').click()
    expect(await page.getByTestId('af-ends-error').textContent()).toContain('结束时间要晚于开始时间')
    await screenshot(page, 'organiser-form-errors', { fullPage: true })

    await page.getByTestId('af-ends').fill(start.replace(/T\d\d:\d\d/, 'T17:00'))
    await page.getByTestId('af-description').fill('动手搭建一个识别植物的小模型。')
    await page.getByTestId('af-kind').selectOption('training')
    await page.getByTestId('af-credit-hours').fill('3')
    await page.getByTestId('af-check-in-opens').fill('180')
    await page.getByTestId('af-submit').click()
    await page.waitForURL(/\/admin\/activities\/[0-9a-f-]{36}\?published=1$/)
    activityId = UUID.exec(page.url())![0]
    expect(await page.getByTestId('published-notice').textContent()).toContain('已发布')
    expect(await page.getByTestId('summary-places').textContent()).toContain('已报 0/2')

    const detail = await (await fetch(`${server.url}/api/activities/${activityId}`)).json()
    expect(detail).toMatchObject({
      title: TITLE,
      capacity: 2,
      kind: 'training',
      creditHours: 3,
      orgId: 'cast-110108',
      audience: 'public',
      requiresApproval: false,
      checkInOpensMinutesBefore: 180,
    })
    // the local 14:00–17:00 in Asia/Shanghai is 06:00–09:00 UTC; registration closes when it starts
    expect(detail.startsAt).toMatch(/T06:00:00\.000Z$/)
    expect(detail.endsAt).toMatch(/T09:00:00\.000Z$/)
    expect(detail.registrationClosesAt).toBe(detail.startsAt)
    expect(Date.parse(detail.registrationOpensAt)).toBeLessThanOrEqual(Date.now())

    // tomorrow afternoon, check-in from 3 hours before: not open yet, and the desk says so
    await page.goto(`${server.url}/admin/activities/${activityId}/check-in`)
    await expect.poll(() => page.getByTestId('check-in-window').getAttribute('data-state')).toBe('not_open')
    // the organiser moves it to start within the hour, so check-in is open from here on (every page
    // load after this pulls the new times into the replica the offline desk reads)
    const org = member()
    expect((await org('POST', '/api/auth/login', { phone: ADMIN, password: PASSWORD })).status).toBe(200)
    const minute = (ms: number) => new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000).toISOString()
    const startsAt = minute(60 * 60_000)
    expect(
      (await org('PATCH', `/api/activities/${activityId}`, { startsAt, endsAt: minute(4 * 3600_000), registrationClosesAt: startsAt }))
        .status,
    ).toBe(200)

    await page.goto(`${server.url}/admin/activities`)
    const row = page.getByTestId('organiser-activity').filter({ hasText: TITLE })
    await row.waitFor()
    expect(await row.getByTestId('organiser-places').textContent()).toContain('已报 0/2')
    await screenshot(page, 'organiser-list-kiosk')
  })

  it('edits it, sending only the changed field', async () => {
    await page.goto(`${server.url}/admin/activities/${activityId}/edit`)
    await expect.poll(() => page.getByTestId('af-title').inputValue()).toBe(TITLE)
    await page.getByTestId('af-venue').fill('海淀区科技馆 一层报告厅')
    const sent = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith(`/api/activities/${activityId}`))
    await page.getByTestId('af-submit').click()
    expect(JSON.parse((await sent).postData() ?? '{}')).toEqual({ venueAddress: '海淀区科技馆 一层报告厅' })
    await expect.poll(() => page.getByTestId('form-notice').textContent()).toContain('修改已保存')
    await page.getByTestId('af-submit').click()
    await expect.poll(() => page.getByTestId('form-notice').textContent()).toContain('没有修改')
  })

  it('lets a member register (through the sync API)', async () => {
    const m = member()
    expect((await m('POST', '/api/auth/login', { phone: MEMBER, password: PASSWORD })).status).toBe(200)
    const push = await m('POST', '/api/sync/push', {
      clientId: crypto.randomUUID(),
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: [
        {
          id: crypto.randomUUID(),
          name: 'activity.register',
          args: { registrationId: crypto.randomUUID(), activityId },
          createdAt: new Date().toISOString(),
        },
      ],
    })
    expect(push.body.results[0]).toMatchObject({ status: 'applied' })
    const cards = await m('GET', '/api/cards')
    const card = cards.body.cards.find((c: { orgId: string }) => c.orgId === 'cast-110108')
    memberNo = card.memberNo
    memberCard = card.qr
    expect(memberNo).toMatch(/^KX\d+$/)
  })

  it('checks people in while offline and settles each once back online', async () => {
    await page.goto(`${server.url}/admin/activities/${activityId}`)
    expect(await page.getByTestId('count-registered').textContent()).toContain('已报名 1 人')
    await page.getByTestId('open-check-in').click()
    await page.waitForURL(`${server.url}/admin/activities/${activityId}/check-in`)
    await expect.poll(() => page.getByTestId('check-in-activity').textContent()).toBe(TITLE)
    expect(await page.getByTestId('check-in-window').getAttribute('data-state')).toBe('open')
    // the card keys are saved when the screen opens online; the shell must come from the service worker
    await waitForServiceWorkerControl(page, 30_000)
    await page.waitForTimeout(500)

    await kiosk.setOffline(true)
    await page.reload()
    await page.getByTestId('check-in-offline').waitFor()
    await expect.poll(() => page.getByTestId('check-in-activity').textContent()).toBe(TITLE) // from the replica
    const box = page.getByTestId('check-in-input')

    await box.fill(memberNo.toLowerCase())
    expect(await page.getByTestId('check-in-detected').getAttribute('data-kind')).toBe('memberNo')
    await box.press('Enter')
    // the list the desk downloaded names the member at once, offline
    await expect.poll(() => lineStates(page)).toEqual([`pending:李思远 ${memberNo}`])

    await page.getByTestId('walk-in-open').click()
    await page.getByTestId('walk-in-submit').click()
    expect(await page.getByTestId('walk-in-form').textContent()).toContain('请填写姓名')
    await page.getByTestId('walk-in-name').fill('赵现场')
    await page.getByTestId('walk-in-submit').click()
    await expect.poll(() => page.getByTestId('check-in-line').count()).toBe(2)

    // a forged card is refused on the spot: nothing is queued
    const [prefix, payload, signature, kid] = memberCard.split('.')
    const forged = [prefix, payload, signature!.slice(0, -4) + (signature!.endsWith('AAAA') ? 'BBBB' : 'AAAA'), kid].join('.')
    await box.fill(forged)
    await box.press('Enter')
    await expect.poll(() => page.getByTestId('check-in-feedback').getAttribute('data-kind')).toBe('error')
    expect(await page.getByTestId('check-in-feedback').textContent()).toMatch(/签名不符|不是本站/)
    expect(await page.getByTestId('check-in-line').count()).toBe(2)

    // the same member again, by the real card (verified offline), and a phone not on the list
    await box.fill(memberCard)
    expect(await page.getByTestId('check-in-detected').getAttribute('data-kind')).toBe('card')
    await box.press('Enter')
    await expect.poll(() => page.getByTestId('check-in-feedback').getAttribute('data-kind')).toBe('ok')
    // the desk's saved list says at once that this phone is not on it; sent anyway, the server decides
    await box.fill('139 1234 5678')
    await box.press('Enter')
    await page.getByTestId('check-in-unlisted').waitFor()
    expect(await page.getByTestId('check-in-feedback').textContent()).toContain('139****5678 不在本活动的报名名单上')
    await page.getByTestId('unlisted-anyway').click()
    await expect.poll(() => page.getByTestId('check-in-line').count()).toBe(4)
    expect(await page.getByTestId('check-in-state').allTextContents()).toEqual(['待同步', '待同步', '待同步', '待同步'])
    expect(await page.getByTestId('sync-pending').textContent()).toContain('待同步 4')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'organiser-check-in-offline-kiosk')

    await kiosk.setOffline(false)
    await page.getByTestId('check-in-sync').click()
    await expect
      .poll(async () => (await lineStates(page)).sort(), { timeout: 20_000 })
      .toEqual(['applied:李思远', 'applied:赵现场', 'rejected:139****5678', `rejected:李思远 ${memberNo}`].sort())
    const reasons = await page.getByTestId('check-in-reason').allTextContents()
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringContaining('已经签到过'), expect.stringContaining('不在本活动的报名名单')]),
    )
    await page.getByTestId('check-in-offline').waitFor({ state: 'hidden', timeout: 20_000 })
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'organiser-check-in-settled-kiosk')

    // the phone not on the list becomes a walk-in by name; the duplicate is dismissed
    const unknown = page.getByTestId('check-in-line').filter({ hasText: '139****5678' })
    await unknown.getByTestId('check-in-as-walk-in').click()
    expect(await page.getByTestId('walk-in-phone').inputValue()).toBe('13912345678')
    await page.getByTestId('walk-in-name').fill('钱路过')
    await page.getByTestId('walk-in-submit').click()
    await page.getByTestId('check-in-line').filter({ hasText: '已经签到过' }).getByTestId('check-in-dismiss').click()
    await expect
      .poll(async () => (await lineStates(page)).sort(), { timeout: 20_000 })
      .toEqual(['applied:李思远', 'applied:赵现场', 'applied:钱路过'].sort())
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 20_000 }).toContain('已全部同步')
  })

  it('shows the check-ins in the attendance list and the CSV', async () => {
    await page.goto(`${server.url}/admin/activities/${activityId}`)
    await page.getByTestId('attendance-list').waitFor()
    expect(await page.getByTestId('count-checked-in').textContent()).toContain('已签到 3 人')
    const li = page.getByTestId('attendance-row').filter({ hasText: '李思远' })
    expect(await li.textContent()).toContain('138****0006')
    expect(await li.getByTestId('attendance-status').textContent()).toBe('已报名')
    expect(await li.getByTestId('attendance-checked-in').textContent()).toMatch(/✓.*会员号/)
    expect(await page.getByTestId('attendance-row').filter({ hasText: '赵现场' }).getByTestId('attendance-status').textContent()).toBe(
      '现场参加',
    )
    expect(await page.getByTestId('attendance-list').textContent()).not.toContain(MEMBER)
    await screenshot(page, 'organiser-activity-kiosk', { fullPage: true })

    const download = page.waitForEvent('download')
    await page.getByTestId('export-csv').click()
    const file = await (await download).path()
    const csv = readFileSync(file!, 'utf8').replace(/^\ufeff/, '')
    const [header, ...rows] = csv.trim().split('\r\n')
    // in the app's language (Chinese here): headers, statuses and methods in words
    expect(header).toContain('姓名')
    expect(header).toContain('签到时间')
    expect(rows).toHaveLength(3)
    expect(rows.find((r) => r.startsWith('李思远'))).toMatch(/,已报名,.*,会员号$/)
  })

  it('approves a registration that awaits approval', async () => {
    // from now on the organiser approves registrations; 张雨欣 registers and holds the last place
    const org = member()
    expect((await org('POST', '/api/auth/login', { phone: ADMIN, password: PASSWORD })).status).toBe(200)
    expect((await org('PATCH', `/api/activities/${activityId}`, { requiresApproval: true })).status).toBe(200)
    const applicant = member()
    expect((await applicant('POST', '/api/auth/login', { phone: '13800000007', password: PASSWORD })).status).toBe(200)
    const registrationId = crypto.randomUUID()
    const push = await applicant('POST', '/api/sync/push', {
      clientId: crypto.randomUUID(),
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: [
        { id: crypto.randomUUID(), name: 'activity.register', args: { registrationId, activityId }, createdAt: new Date().toISOString() },
      ],
    })
    expect(push.body.results[0]).toMatchObject({ status: 'applied', data: { status: 'pending_approval' } })

    await page.goto(`${server.url}/admin/activities/${activityId}`)
    const row = page.getByTestId('attendance-row').filter({ hasText: '张雨欣' })
    await row.getByTestId('approve-registration').click()
    await expect.poll(() => row.textContent()).toContain('已通过')
    const after = await applicant('GET', `/api/activities/${activityId}`)
    expect(after.body.myRegistration).toMatchObject({ id: registrationId, status: 'registered' })

    // the organiser's screens in English
    await page.getByTestId('lang-switch').click()
    await expect
      .poll(() => page.getByTestId('attendance-row').filter({ hasText: '张雨欣' }).getByTestId('attendance-status').textContent())
      .toBe('Registered')
    await screenshot(page, 'organiser-activity-english', { fullPage: true })
    await page.goto(`${server.url}/admin/activities/${activityId}/check-in`)
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('Check-in')
    await screenshot(page, 'organiser-check-in-english')
    await page.getByTestId('lang-switch').click()
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('现场签到')
  })

  it('fits the check-in desk on a phone', async () => {
    const phone = await newPhoneContext(browser)
    const p = await phone.newPage()
    const phoneErrors = collectConsoleErrors(p)
    await loginAs(p, server.url, ADMIN, PASSWORD, '/admin')
    await p.goto(`${server.url}/admin/activities/${activityId}/check-in`)
    await expect.poll(() => p.getByTestId('check-in-activity').textContent()).toBe(TITLE)
    await p.getByTestId('check-in-input').fill('KX2026')
    expect(await p.getByTestId('check-in-detected').getAttribute('data-kind')).toBe('unknown')
    await p.getByTestId('check-in-submit').click()
    expect(await p.getByTestId('check-in-feedback').textContent()).toContain('无法识别')
    await screenshot(p, 'organiser-check-in-phone', { fullPage: true })
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await p.goto(`${server.url}/admin/activities/${activityId}`)
    await p.getByTestId('attendance-list').waitFor()
    await screenshot(p, 'organiser-activity-phone', { fullPage: true })
    await p.goto(`${server.url}/admin/activities/new`)
    await p.getByTestId('af-title').waitFor()
    await screenshot(p, 'organiser-form-phone', { fullPage: true })
    expect(phoneErrors).toEqual([])
    await phone.close()
  })

  it('reads a member card with the camera (Chromium’s fake camera showing the card’s QR)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sh-camera-'))
    const camera = await chromium.launch({
      executablePath: chromiumPath()!,
      headless: true,
      args: [
        ...chromiumArgs,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${qrVideo(memberCard, dir)}`,
      ],
    })
    try {
      const ctx = await newTabletContext(camera, { permissions: ['camera'] })
      const p = await ctx.newPage()
      await loginAs(p, server.url, ADMIN, PASSWORD, '/admin')
      await p.goto(`${server.url}/admin/activities/${activityId}/check-in`)
      await expect.poll(() => p.getByTestId('check-in-activity').textContent()).toBe(TITLE)
      await p.getByTestId('scan').click()
      await p.getByTestId('qr-scanner').waitFor()
      // the card is read, verified with the saved keys and queued: the server then refuses it (already checked in)
      await expect.poll(() => p.getByTestId('check-in-feedback').textContent(), { timeout: 20_000 }).toContain(`已记录 李思远 ${memberNo}`)
      expect(await p.getByTestId('qr-scanner').count()).toBe(0) // the camera is released
      await expect.poll(() => p.getByTestId('check-in-reason').textContent(), { timeout: 20_000 }).toContain('已经签到过')
      await p.getByTestId('check-in-dismiss').click()
      await ctx.close()
    } finally {
      await camera.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('cancels the activity after a confirmation', async () => {
    await page.goto(`${server.url}/admin/activities/${activityId}/edit`)
    await page.getByTestId('af-cancel-activity').click()
    await page.getByTestId('cancel-confirm').waitFor()
    await page.getByTestId('cancel-no').click()
    expect(await page.getByTestId('cancel-confirm').count()).toBe(0)
    expect((await (await fetch(`${server.url}/api/activities/${activityId}`)).json()).status).toBe('published')
    await page.getByTestId('af-cancel-activity').click()
    await page.getByTestId('cancel-reason').fill('场馆临时检修')
    await page.getByTestId('cancel-yes').click()
    await expect.poll(() => page.getByTestId('form-notice').textContent()).toContain('活动已取消')
    expect(await page.getByTestId('form-cancelled').isVisible()).toBe(true)
    expect(await (await fetch(`${server.url}/api/activities/${activityId}`)).json()).toMatchObject({
      status: 'cancelled',
      cancelReason: '场馆临时检修',
    })
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
  })
})
