/**
 * The main screens of the app, as the accessibility and 长者模式 browser tests visit them: who
 * looks at each (a guest, the demo member 李思远 with an active membership and card, the demo
 * 海淀区科协 admin) and what shows once it has loaded.
 */
import { afterAll, beforeAll } from 'vitest'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { launchBrowser, loginAs, newPhoneContext, startServer, type TestServer } from './harness'

export const DEMO_PASSWORD = 'Demo-2026!'
export const DEMO_MEMBER = '13800000006'
export const DEMO_ADMIN = '13800000004'

export type Viewer = 'guest' | 'member' | 'admin'
export type UiLocale = 'zh-CN' | 'en'
export const VIEWERS: Viewer[] = ['guest', 'member', 'admin']
export const UI_LOCALES: UiLocale[] = ['zh-CN', 'en']

/** One server and one browser for a describe block, started before its tests and stopped after. */
export function serverAndBrowser(): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
  return {
    get server() {
      return server!
    },
    get browser() {
      return browser!
    },
  }
}

export interface MainScreen {
  name: string
  viewer: Viewer
  /** the address, or how to get there */
  open: (page: Page, base: string) => Promise<void>
  /** a test id that shows once the screen holds its content */
  ready: string
}

const at =
  (path: string) =>
  async (page: Page, base: string): Promise<void> => {
    await page.goto(base + path)
  }

export const MAIN_SCREENS: MainScreen[] = [
  { name: 'home', viewer: 'guest', open: at('/'), ready: 'home-welcome' },
  { name: 'orgs', viewer: 'guest', open: at('/orgs'), ready: 'browse' },
  { name: 'org', viewer: 'guest', open: at('/orgs/cast-110108'), ready: 'org-name' },
  { name: 'activities', viewer: 'guest', open: at('/activities'), ready: 'activity-item' },
  {
    name: 'activity',
    viewer: 'guest',
    open: async (page, base) => {
      await page.goto(`${base}/activities`)
      await page.getByTestId('activity-item').first().click()
    },
    ready: 'activity-title',
  },
  { name: 'login', viewer: 'guest', open: at('/login'), ready: 'login-form' },
  { name: 'register', viewer: 'guest', open: at('/register'), ready: 'register-form' },
  { name: 'me', viewer: 'member', open: at('/me'), ready: 'me-card' },
  { name: 'card', viewer: 'member', open: at('/me/cards'), ready: 'member-card' },
  { name: 'my-activities', viewer: 'member', open: at('/me/activities'), ready: 'attended-hours' },
  { name: 'sync', viewer: 'member', open: at('/sync'), ready: 'sync-now' },
  { name: 'volunteer', viewer: 'guest', open: at('/volunteer'), ready: 'volunteer-guest' },
  { name: 'volunteer-teams', viewer: 'guest', open: at('/volunteer/teams'), ready: 'team-item' },
  { name: 'volunteer-home', viewer: 'member', open: at('/volunteer'), ready: 'my-team' },
  { name: 'volunteer-mine', viewer: 'member', open: at('/volunteer/mine'), ready: 'approved-hours' },
  { name: 'volunteer-certificate', viewer: 'member', open: at('/volunteer/certificate'), ready: 'certificate-holder' },
  { name: 'admin-memberships', viewer: 'admin', open: at('/admin/memberships'), ready: 'application' },
  { name: 'admin-activities', viewer: 'admin', open: at('/admin/activities'), ready: 'organiser-activity' },
  { name: 'admin-teams', viewer: 'admin', open: at('/admin/teams'), ready: 'admin-team' },
  {
    name: 'hub',
    viewer: 'guest',
    open: async (page, base) => {
      await page.goto(`${base}/orgs/cast-110108`)
      await page.getByTestId('org-hubs').getByRole('link').first().click()
    },
    ready: 'hub-name',
  },
  { name: 'request-track', viewer: 'guest', open: at('/requests/track'), ready: 'track-form' },
  { name: 'admin-hubs', viewer: 'admin', open: at('/admin/hubs'), ready: 'hub-row' },
  { name: 'admin-requests', viewer: 'admin', open: at('/admin/requests'), ready: 'request-row' },
]

/** Settings the app reads from localStorage at start: the language and 长者模式 ('1' on, '0' off: no first-run offer). */
export interface ScreenSettings {
  locale: UiLocale
  elder: '1' | '0'
}

/**
 * A phone context for one viewer: the language and 长者模式 stored before the app starts, and the
 * member or admin signed in (through the login page, waiting for the first sync).
 */
export async function viewerContext(
  browser: Browser,
  base: string,
  viewer: Viewer,
  settings: ScreenSettings,
  opts: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newPhoneContext(browser, opts)
  const page = await context.newPage()
  await page.goto(`${base}/privacy`)
  await page.evaluate((elder) => localStorage.setItem('sh.elderMode', elder), settings.elder)
  // the login helper waits for Chinese words ("尚未同步") to go: sign in in Chinese, then switch
  if (viewer !== 'guest') {
    await loginAs(page, base, viewer === 'admin' ? DEMO_ADMIN : DEMO_MEMBER, DEMO_PASSWORD, viewer === 'admin' ? '/admin' : '/me')
  }
  await page.evaluate((locale) => localStorage.setItem('sh.locale', locale), settings.locale)
  return { context, page }
}

/** Opens a screen and waits for its content (and for web fonts and pending lazy parts). */
export async function openScreen(page: Page, base: string, screen: MainScreen): Promise<void> {
  await screen.open(page, base)
  await page.getByTestId(screen.ready).first().waitFor()
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
}
