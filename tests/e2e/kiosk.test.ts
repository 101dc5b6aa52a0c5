/**
 * Issue 14 in a real browser, on a kiosk-sized tablet (1280×800, then portrait 800×1280): the
 * township admin 赵中关 makes a one-time enrolment code for the demo hub 中关村街道新时代文明实践所; the
 * tablet is enrolled with it (no person's session, ever); OFFLINE it checks in two members by the text
 * of their card QR (what a scanner types) — a second scan says 已签到 — and takes a resident's 点单,
 * giving the request number at once; it resets after idle with a warning first, and its storage then
 * holds nothing personal but the pending outbox (what each action needs); back online everything
 * reaches the server once. The admin dispatches the request to the suggested team, the leader 钱队长
 * accepts it, assigns 李思远 (a shift) and marks it done, and the resident rates it on her phone by
 * number + phone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  apiClient,
  collectConsoleErrors,
  describeE2E,
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginAs,
  newDesktopContext,
  newPhoneContext,
  newTabletContext,
  screenshot,
  startServer,
  type TestServer,
  waitForServiceWorkerControl,
} from './harness'

const PASSWORD = 'Demo-2026!'
const ADMIN = '13800000005' // 赵中关, admin of 中关村街道科协 (the demo hub's organisation)
const LEADER = '13800000009' // 钱队长, leader of 海淀区医疗健康科技志愿服务队
const MEMBER = '13800000006' // 李思远, member of 海淀区科协, on that team
const HUB_NAME = '中关村街道新时代文明实践所'
const TEAM_NAME = '海淀区医疗健康科技志愿服务队'
const RESIDENT = { name: '王阿姨', phone: '13911112222', need: '想请医生上门讲讲老年人高血压的日常管理' }
const ACTIVITY_TITLE = '社区科普：家庭急救常识'

/** Everything the page keeps: Web Storage, every IndexedDB database (all stores), Cache Storage URLs. */
async function storageOf(page: Page) {
  return page.evaluate(async () => {
    const dump: Record<string, Record<string, unknown[]>> = {}
    for (const info of await indexedDB.databases()) {
      const name = info.name!
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      dump[name] = {}
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store, 'readonly')
        const os = tx.objectStore(store)
        const [keys, values] = await Promise.all([
          new Promise<IDBValidKey[]>((resolve) => {
            const r = os.getAllKeys()
            r.onsuccess = () => resolve(r.result)
          }),
          new Promise<unknown[]>((resolve) => {
            const r = os.getAll()
            r.onsuccess = () => resolve(r.result)
          }),
        ])
        dump[name]![store] = values.map((v, i) => ({ key: keys[i], value: v }))
      }
      db.close()
    }
    const cached: string[] = []
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) cached.push(req.url)
    return { local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, idb: dump, cached }
  })
}

/** The request number as a whole word (1-0001 is also inside the seeded 9001-0001). */
const exactly = (number: string) => new RegExp(`(^|[^\\d-])${number}($|[^\\d-])`)

const pendingCount = async (page: Page) => Number(await page.getByTestId('kiosk-pending-count').getAttribute('data-count'))

describeE2E('kiosk at a hub: enrolment, offline check-in and 点单, idle reset, then 派单 → 接单 → 评单', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  let admin: Page
  let kiosk: Page
  let leader: Page
  let resident: Page
  let errors: string[][] = []
  let hubId = ''
  let activityId = ''
  const cards: string[] = []
  let number = ''

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    // the hub, an activity at it starting in 40 minutes (check-in open), and two members' cards
    const api = apiClient(server.url)
    const hubs = await api('GET', `/api/hubs?q=${encodeURIComponent(HUB_NAME)}`)
    expect(hubs.status, JSON.stringify(hubs.body)).toBe(200)
    const hub = (hubs.body.items as Array<{ id: string; name: string; orgId: string; address: string }>).find((h) => h.name === HUB_NAME)!
    hubId = hub.id
    expect((await api('POST', '/api/auth/login', { phone: ADMIN, password: PASSWORD })).status).toBe(200)
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()
    const created = await api('POST', '/api/activities', {
      orgId: hub.orgId,
      hubId,
      kind: 'popularization',
      title: ACTIVITY_TITLE,
      description: '',
      venueAddress: hub.address,
      startsAt: at(40),
      endsAt: at(160),
      registrationOpensAt: at(-60),
      registrationClosesAt: at(30),
      capacity: 50,
      requiresApproval: false,
      audience: 'public',
      creditHours: 0,
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    activityId = created.body.id
    for (const phone of [MEMBER, LEADER]) {
      const member = apiClient(server.url)
      expect((await member('POST', '/api/auth/login', { phone, password: PASSWORD })).status).toBe(200)
      const got = await member('GET', '/api/cards')
      expect(got.status).toBe(200)
      cards.push(got.body.cards[0].qr as string)
    }
    const adminCtx = await newDesktopContext(browser)
    const kioskCtx = await newTabletContext(browser, { viewport: { width: 1280, height: 800 } })
    const leaderCtx = await newDesktopContext(browser)
    const residentCtx = await newPhoneContext(browser)
    contexts.push(adminCtx, kioskCtx, leaderCtx, residentCtx)
    ;[admin, kiosk, leader, resident] = await Promise.all(contexts.map((c) => c.newPage()))
    errors = [admin, kiosk, leader, resident].map((p) => collectConsoleErrors(p))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('an admin makes a one-time code and the tablet becomes the hub’s kiosk, holding no person’s session', async () => {
    await loginAs(admin, server.url, ADMIN, PASSWORD, `/admin/hubs/${hubId}`)
    await admin.getByTestId('hub-enrol-code-button').click()
    const code = (await admin.getByTestId('hub-enrol-code').textContent())!.trim()
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    await screenshot(admin, 'kiosk-admin-code')

    await kiosk.goto(`${server.url}/kiosk`)
    await kiosk.getByTestId('kiosk-enrol-code').fill(code.toLowerCase())
    await kiosk.getByTestId('kiosk-enrol-name').fill('一楼大厅自助机')
    await kiosk.getByTestId('kiosk-enrol-submit').click()
    await expect.poll(() => kiosk.getByTestId('kiosk-hub-name').textContent(), { timeout: 20_000 }).toContain(HUB_NAME)
    await expect
      .poll(() => kiosk.getByTestId('kiosk-item').allTextContents(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining(ACTIVITY_TITLE))
    // the code was for one use: the admin's page now lists the kiosk, and no cookie of a person is here
    await admin.reload()
    await expect.poll(() => admin.getByTestId('kiosk-row').count()).toBe(1)
    expect((await kiosk.context().cookies()).map((c) => c.name)).toEqual([])
    // the kiosk keeps its door: 我的 and /admin lead back to it
    for (const path of ['/me', '/admin/memberships', '/lead']) {
      await kiosk.goto(`${server.url}${path}`)
      await kiosk.waitForURL(`${server.url}/kiosk`)
    }
    await kiosk.getByTestId('kiosk-home').waitFor()
    await waitForServiceWorkerControl(kiosk)
    await screenshot(kiosk, 'kiosk-home-1280x800')
    await expectNoSeriousA11yViolations(kiosk, 'kiosk home')
  })

  it('offline, checks in two members by card (a second scan says 已签到) and takes a 点单 with its number at once', async () => {
    await kiosk.context().setOffline(true)
    // today's list leads straight to the activity's check-in (the 签到 button asks which, when several run now)
    await kiosk.getByTestId('kiosk-item').filter({ hasText: ACTIVITY_TITLE }).getByRole('link').click()
    await expectNoSeriousA11yViolations(kiosk, 'kiosk check-in')
    for (const card of cards) {
      await kiosk.getByTestId('kiosk-checkin-input').fill(card)
      await kiosk.getByTestId('kiosk-checkin-submit').click()
      await expect.poll(() => kiosk.getByTestId('kiosk-checkin-result').getAttribute('data-state')).toBe('queued')
    }
    await screenshot(kiosk, 'kiosk-check-in-queued')
    await kiosk.getByTestId('kiosk-checkin-input').fill(cards[0]!)
    await kiosk.getByTestId('kiosk-checkin-submit').click()
    await expect.poll(() => kiosk.getByTestId('kiosk-checkin-result').getAttribute('data-state')).toBe('already')
    await kiosk.getByTestId('kiosk-back').click()

    await kiosk.getByTestId('kiosk-order-button').click()
    await kiosk.getByTestId('kiosk-order-category-health').click()
    await kiosk.getByTestId('kiosk-order-description').fill(RESIDENT.need)
    await kiosk.getByTestId('kiosk-order-name').fill(RESIDENT.name)
    await kiosk.getByTestId('kiosk-order-phone').fill(RESIDENT.phone)
    await expectNoSeriousA11yViolations(kiosk, 'kiosk order form')
    await kiosk.getByTestId('kiosk-order-review').click()
    await kiosk.getByTestId('kiosk-order-submit').click()
    number = (await kiosk.getByTestId('kiosk-order-number').textContent())!.trim()
    expect(number).toMatch(/^\d+-\d{4,}$/)
    await screenshot(kiosk, 'kiosk-order-number')
    await kiosk.getByTestId('kiosk-order-done').click()
    await expect.poll(() => pendingCount(kiosk)).toBe(3)
  })

  it('warns before its idle reset, then forgets the last person: storage keeps only the pending outbox', async () => {
    // shorten the idle timings for this test (the kiosk reads them from its own database at load)
    await kiosk.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('scientists-home.kiosk')
          req.onerror = () => reject(req.error)
          req.onsuccess = () => {
            const tx = req.result.transaction('meta', 'readwrite')
            tx.objectStore('meta').put({ warnAfterMs: 2_000, resetAfterMs: 3_000 }, 'kioskIdle')
            tx.oncomplete = () => {
              req.result.close()
              resolve()
            }
          }
        }),
    )
    await kiosk.reload()
    await kiosk.getByTestId('kiosk-home').waitFor()
    // someone starts a 点单, types their phone and walks away
    await kiosk.getByTestId('kiosk-order-button').click()
    await kiosk.getByTestId('kiosk-order-name').fill('李大爷')
    await kiosk.getByTestId('kiosk-order-phone').fill('13733334444')
    await kiosk.getByTestId('kiosk-idle-warning').waitFor({ timeout: 15_000 })
    await screenshot(kiosk, 'kiosk-idle-warning')
    await kiosk.getByTestId('kiosk-idle-continue').click()
    await expect.poll(() => kiosk.getByTestId('kiosk-order-phone').inputValue()).toBe('13733334444')
    await kiosk.getByTestId('kiosk-idle-warning').waitFor({ timeout: 15_000 })
    await kiosk.getByTestId('kiosk-home').waitFor({ timeout: 15_000 })
    await kiosk.getByTestId('kiosk-idle-warning').waitFor({ state: 'detached' })
    const screen = await kiosk.locator('body').innerText()
    for (const word of ['李大爷', '13733334444', RESIDENT.phone, RESIDENT.name, '李思远', '钱队长']) expect(screen).not.toContain(word)

    const kept = await storageOf(kiosk)
    const personal = [
      '李大爷',
      '13733334444',
      RESIDENT.phone,
      RESIDENT.name,
      RESIDENT.need,
      '李思远',
      '钱队长',
      '13800000006',
      '13800000009',
    ]
    const outside = JSON.stringify({
      ...kept,
      idb: { ...kept.idb, 'scientists-home.kiosk': { ...kept.idb['scientists-home.kiosk'], outbox: [] } },
    })
    for (const word of personal) expect(outside, word).not.toContain(word)
    expect(Object.keys(kept.idb).filter((n) => n.startsWith('scientists-home'))).toEqual(['scientists-home.kiosk'])
    const db = kept.idb['scientists-home.kiosk']!
    const tables = new Set(db.rows!.map((r) => (r as { value: { table: string } }).value.table))
    // public rows only: the hub, its organisation, what happens there
    expect(
      [...tables].filter((t) => !['activities', 'hubs', 'organizations', 'shifts'].includes(t)),
      [...tables].join(),
    ).toEqual([])
    expect(kept.cached.filter((u) => u.includes('/api/'))).toEqual([])
    // the outbox: the three pending actions, each with exactly what it needs and nothing to show anyone
    const outbox = db.outbox!.map((e) => (e as { value: Record<string, unknown> }).value)
    expect(outbox.map((e) => e.name).sort()).toEqual(['activity.checkIn', 'activity.checkIn', 'request.order'])
    for (const entry of outbox) {
      expect(Object.keys(entry).sort()).toEqual(['args', 'createdAt', 'id', 'name', 'seq', 'status'])
      const args = Object.keys(entry.args as object).sort()
      if (entry.name === 'activity.checkIn') expect(args).toEqual(['activityId', 'card', 'checkInId'])
      else
        expect(args).toEqual(['category', 'contactName', 'contactPhone', 'description', 'requestId', 'seq', 'wantedDate', 'wantedPeriod'])
    }
  })

  it('back online, everything reaches the server once', async () => {
    await kiosk.context().setOffline(false)
    await expect.poll(() => pendingCount(kiosk), { timeout: 30_000 }).toBe(0)
    const api = apiClient(server.url)
    expect((await api('POST', '/api/auth/login', { phone: ADMIN, password: PASSWORD })).status).toBe(200)
    const attendance = await api('GET', `/api/activities/${activityId}/attendance`)
    expect(attendance.body.checkedIn).toBe(2)
    const queue = await api('GET', '/api/admin/requests?status=ordered&pageSize=100')
    expect((queue.body.items as Array<{ number: string }>).filter((r) => r.number === number)).toHaveLength(1)
    await screenshot(kiosk, 'kiosk-home-synced')
  })

  it('the admin dispatches it to the suggested team, the leader accepts, assigns and completes it', async () => {
    await admin.goto(`${server.url}/admin/requests`)
    await admin
      .getByTestId('request-row')
      .filter({ hasText: exactly(number) })
      .click()
    await admin.waitForURL(/\/admin\/requests\/[0-9a-f-]{36}$/)
    const suggestion = admin.getByTestId('request-suggestion').filter({ hasText: TEAM_NAME })
    await suggestion.getByTestId('request-suggestion-choose').click()
    const due = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16)
    await admin.getByTestId('request-dispatch-deadline').fill(due)
    await screenshot(admin, 'kiosk-admin-dispatch')
    await admin.getByTestId('request-dispatch-submit').click()
    await expect.poll(() => admin.getByTestId('request-status').getAttribute('data-status')).toBe('dispatched')

    await loginAs(leader, server.url, LEADER, PASSWORD, '/lead/requests')
    await leader
      .getByTestId('lead-request-row')
      .filter({ hasText: exactly(number) })
      .click()
    await leader.getByTestId('lead-request-accept').click()
    await expect.poll(() => leader.getByTestId('request-status').getAttribute('data-status')).toBe('accepted')
    // once accepted, the team sees the resident's phone to arrange the visit
    await expect.poll(() => leader.locator('body').innerText()).toContain(RESIDENT.phone)
    await leader.locator('label', { hasText: '李思远' }).getByTestId('lead-request-assign-member').check()
    await leader.getByTestId('lead-request-assign-submit').click()
    await leader.getByTestId('lead-request-shift-link').waitFor()
    await leader.getByTestId('lead-request-done-report').fill('已上门讲解高血压日常管理，留下了血压记录表')
    await leader.getByTestId('lead-request-done-submit').click()
    await expect.poll(() => leader.getByTestId('request-status').getAttribute('data-status')).toBe('done')
    await screenshot(leader, 'kiosk-leader-done')
  })

  it('the resident follows it by number and phone and rates it', async () => {
    await resident.goto(`${server.url}/requests/track`)
    await resident.getByTestId('track-number').fill(number)
    await resident.getByTestId('track-phone').fill(RESIDENT.phone)
    await resident.getByTestId('track-submit').click()
    await expect.poll(() => resident.getByTestId('track-status').getAttribute('data-status')).toBe('done')
    await expect.poll(() => resident.getByTestId('track-event').count()).toBeGreaterThanOrEqual(4)
    await resident.getByTestId('track-rate-5').check()
    await resident.getByTestId('track-rate-comment').fill('讲得很清楚，谢谢志愿者')
    await resident.getByTestId('track-rate-submit').click()
    await resident.getByTestId('track-rated').waitFor()
    await screenshot(resident, 'kiosk-resident-rated')
  })

  it('stands upright too: portrait 800×1280 with 长者模式 at arm’s length', async () => {
    await kiosk.setViewportSize({ width: 800, height: 1280 })
    await kiosk.goto(`${server.url}/kiosk`)
    await kiosk.getByTestId('kiosk-elder-toggle').click()
    const bodySize = await kiosk
      .getByTestId('kiosk-item')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(bodySize).toBeGreaterThanOrEqual(24)
    await screenshot(kiosk, 'kiosk-home-portrait-elder')
    await expectNoSeriousA11yViolations(kiosk, 'kiosk home, portrait, 长者模式')
    // offline requests fail as they should; anything else is a defect
    expect(errors.flat().filter((e) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
  })
})
