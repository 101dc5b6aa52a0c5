/**
 * Issue 13 in a real browser: the demo team leader 钱队长 creates a weekly shift (four weeks) for
 * his team through the form and hands out an invitation link; 李思远 (already on the team) signs
 * up online; a newcomer registers, joins at once through the link and signs up while OFFLINE (sent
 * when the network returns); on the day the leader's desk checks both in while OFFLINE; back
 * online he approves their hours; 李思远 sees the hours in 我的志愿 and on his service
 * certificate, whose QR then verifies with the network off.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  collectConsoleErrors,
  describeE2E,
  launchBrowser,
  loginAs,
  newDesktopContext,
  newPhoneContext,
  registerAs,
  screenshot,
  startServer,
  type TestServer,
  waitForServiceWorkerControl,
} from './harness'
import { beijingDay } from '../../shared/time/beijing'

const PASSWORD = 'Demo-2026!'
const LEADER = '13800000009' // 钱队长, leader of 海淀区医疗健康科技志愿服务队
const MEMBER = '13800000006' // 李思远, on that team
const NEWCOMER = { phone: '13900139013', name: '吴新来', password: 'Xinlai-2026!' }

interface RosterItem {
  signupId: string
  name: string
  status: string
  checkedInAt: string | null
  hoursStatus: string
  creditedMinutes: number | null
}

/** The next quarter hour at least 45 minutes from now: check-in (from 2 h before the start) is open at once. */
function shiftTimes() {
  const quarter = 15 * 60_000
  const start = new Date(Math.ceil((Date.now() + 45 * 60_000) / quarter) * quarter)
  const end = new Date(start.getTime() + 2 * 3_600_000)
  const hm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)
  return { start, end, day: beijingDay(start), startHm: hm(start), endHm: hm(end) }
}

describeE2E('volunteer services: weekly shift, sign-ups (one offline), offline check-in, approved hours, certificate', () => {
  let server: TestServer
  let browser: Browser
  let leaderCtx: BrowserContext
  let memberCtx: BrowserContext
  let newcomerCtx: BrowserContext
  let leader: Page
  let member: Page
  let newcomer: Page
  let errors: string[][] = []
  let teamId = ''
  let shiftId = ''
  let inviteLink = ''
  const times = shiftTimes()

  const roster = async (): Promise<RosterItem[]> => {
    const res = await leader.request.get(`${server.url}/api/lead/shifts/${shiftId}/roster`)
    expect(res.status()).toBe(200)
    return ((await res.json()) as { items: RosterItem[] }).items
  }

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    leaderCtx = await newDesktopContext(browser)
    memberCtx = await newPhoneContext(browser)
    newcomerCtx = await newPhoneContext(browser)
    leader = await leaderCtx.newPage()
    member = await memberCtx.newPage()
    newcomer = await newcomerCtx.newPage()
    errors = [leader, member, newcomer].map((p) => collectConsoleErrors(p))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('the leader creates a weekly shift and an invitation link', async () => {
    await loginAs(leader, server.url, LEADER, PASSWORD, '/lead')
    await leader.getByTestId('led-team').first().waitFor()
    const teams = (await (await leader.request.get(`${server.url}/api/lead/teams`)).json()) as {
      items: Array<{ id: string; name: string }>
    }
    teamId = teams.items.find((t) => t.name === '海淀区医疗健康科技志愿服务队')!.id
    await screenshot(leader, 'volunteer-lead-home')

    await leader.goto(`${server.url}/lead/teams/${teamId}`)
    await leader.getByTestId('invite-make').click()
    inviteLink = await leader.getByTestId('invite-link').inputValue()
    expect(inviteLink).toContain(`/volunteer/teams/${teamId}?invite=`)

    await leader.goto(`${server.url}/lead/teams/${teamId}/services`)
    await leader.getByTestId('add-shifts').first().click()
    await leader.getByTestId('sf-day').fill(times.day)
    await leader.getByTestId('sf-start').fill(times.startHm)
    await leader.getByTestId('sf-end').fill(times.endHm)
    await leader.getByTestId('sf-slots').fill('3')
    await leader.getByTestId('sf-repeat').fill('4')
    await leader.getByTestId('sf-submit').click()
    await leader.waitForURL(/\/lead\/teams\/[^/]+\/week/)
    await leader.getByTestId('week-shift').first().waitFor()
    await screenshot(leader, 'volunteer-lead-week')

    const week = (await (
      await leader.request.get(`${server.url}/api/lead/teams/${teamId}/week?start=${times.start.toISOString()}`)
    ).json()) as {
      shifts: Array<{ id: string; startsAt: string; seriesId: string | null }>
    }
    const ours = week.shifts.find((s) => Date.parse(s.startsAt) === times.start.getTime())!
    expect(ours.seriesId).not.toBeNull()
    shiftId = ours.id
    // the series: four weekly occurrences
    const later = (await (
      await leader.request.get(
        `${server.url}/api/lead/teams/${teamId}/week?start=${new Date(times.start.getTime() + 21 * 86_400_000).toISOString()}`,
      )
    ).json()) as { shifts: Array<{ seriesId: string | null; startsAt: string }> }
    expect(
      later.shifts.some((s) => s.seriesId === ours.seriesId && Date.parse(s.startsAt) === times.start.getTime() + 21 * 86_400_000),
    ).toBe(true)
  })

  it('李思远 signs up online; a newcomer joins by the link and signs up offline', async () => {
    await loginAs(member, server.url, MEMBER, PASSWORD, '/volunteer/shifts')
    const card = member.locator(`[data-testid=shift][data-shift="${shiftId}"]`).first()
    await card.getByTestId('sign-up').click()
    await expect.poll(async () => (await roster()).filter((r) => r.status === 'signed_up').length, { timeout: 20_000 }).toBe(1)
    await screenshot(member, 'volunteer-member-shifts')

    await registerAs(newcomer, server.url, NEWCOMER)
    await waitForServiceWorkerControl(newcomer)
    await newcomer.goto(inviteLink)
    await newcomer.getByTestId('join-team').click()
    await expect.poll(() => newcomer.getByTestId('member-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('active')
    // the team's shifts arrive with the membership; then the network goes
    await newcomer.goto(`${server.url}/volunteer/shifts`)
    const mine = newcomer.locator(`[data-testid=shift][data-shift="${shiftId}"]`).first()
    await mine.waitFor({ timeout: 20_000 })
    await newcomerCtx.setOffline(true)
    await mine.getByTestId('sign-up').click()
    await expect.poll(() => newcomer.getByTestId('sync-pending').textContent()).toContain('待同步 1')
    await screenshot(newcomer, 'volunteer-newcomer-offline-signup')
    expect((await roster()).map((r) => r.name)).not.toContain(NEWCOMER.name)
    await newcomerCtx.setOffline(false)
    await expect.poll(() => newcomer.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toContain('已全部同步')
    await expect
      .poll(
        async () =>
          (await roster())
            .filter((r) => r.status === 'signed_up')
            .map((r) => r.name)
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual(['吴新来', '李思远'].sort())
  })

  it('the leader checks both in at the desk while offline, then approves their hours', async () => {
    await leader.goto(`${server.url}/lead/shifts/${shiftId}/desk`)
    await expect.poll(() => leader.getByTestId('desk-person').count(), { timeout: 20_000 }).toBe(2)
    await leaderCtx.setOffline(true)
    for (const person of await leader.getByTestId('desk-person').all()) await person.getByTestId('person-in').click()
    await expect.poll(() => leader.locator('[data-testid=desk-person][data-in=pending]').count()).toBe(2)
    await screenshot(leader, 'volunteer-desk-offline')
    expect((await roster().catch(() => [])).some((r) => r.checkedInAt)).toBe(false)
    await leaderCtx.setOffline(false)
    await expect.poll(async () => (await roster()).filter((r) => r.checkedInAt).length, { timeout: 30_000 }).toBe(2)
    await expect.poll(() => leader.locator('[data-testid=desk-person][data-in=done]').count(), { timeout: 20_000 }).toBe(2)
    for (const r of await roster()) {
      expect(r.hoursStatus).toBe('pending')
      expect(r.creditedMinutes).toBe(120) // checked in, not out: the whole shift
    }

    await leader.goto(`${server.url}/lead/teams/${teamId}/hours`)
    for (const r of await roster())
      await leader.locator(`[data-testid=hours-item][data-signup="${r.signupId}"]`).getByTestId('hours-pick').check()
    await leader.getByTestId('hours-approve').click()
    await leader.getByTestId('confirm-ok').click()
    await expect.poll(async () => (await roster()).map((r) => r.hoursStatus), { timeout: 20_000 }).toEqual(['approved', 'approved'])
    await screenshot(leader, 'volunteer-hours')
  })

  it('李思远 sees the hours and his certificate, and its QR verifies offline', async () => {
    const cert = (await (await member.request.get(`${server.url}/api/me/volunteer/certificate`)).json()) as {
      approvedMinutes: number
      qr: string
      records: Array<{ startsAt: string; minutes: number }>
    }
    expect(cert.records.some((r) => Date.parse(r.startsAt) === times.start.getTime() && r.minutes === 120)).toBe(true)
    const hours = String(Math.round((cert.approvedMinutes / 60) * 10) / 10)

    await member.goto(`${server.url}/volunteer/mine`)
    await expect.poll(() => member.getByTestId('approved-hours').textContent(), { timeout: 20_000 }).toContain(hours)
    await screenshot(member, 'volunteer-mine')
    await member.goto(`${server.url}/volunteer/certificate`)
    await expect.poll(() => member.getByTestId('certificate-hours').textContent(), { timeout: 20_000 }).toContain(hours)
    await member.getByTestId('certificate-qr').waitFor()
    await screenshot(member, 'volunteer-certificate')

    // once online the verifier keeps the public keys; then offline, after a reload, it still verifies
    await waitForServiceWorkerControl(member)
    await member.goto(`${server.url}/volunteer/verify`)
    await member.getByTestId('verify-input').fill(cert.qr)
    await member.getByTestId('verify-submit').click()
    await expect.poll(() => member.getByTestId('verify-result').getAttribute('data-ok')).toBe('true')
    await memberCtx.setOffline(true)
    await member.reload()
    await member.getByTestId('verify-input').fill(cert.qr)
    await member.getByTestId('verify-submit').click()
    await expect.poll(() => member.getByTestId('verify-result').getAttribute('data-ok')).toBe('true')
    await expect.poll(() => member.getByTestId('verify-hours').textContent()).toContain(hours)
    // a tampered QR is refused, offline too
    const [prefix, payload, sig, kid] = cert.qr.split('.')
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>
    forged.h = Number(forged.h) + 600
    await member.getByTestId('verify-input').fill(`${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}.${kid}`)
    await member.getByTestId('verify-submit').click()
    await expect.poll(() => member.getByTestId('verify-result').getAttribute('data-ok')).toBe('false')
    await screenshot(member, 'volunteer-verify-offline')
    await memberCtx.setOffline(false)
    expect(errors.flat().filter((e) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
  })
})
