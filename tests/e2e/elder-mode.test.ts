/**
 * 长者模式 at a 200% browser font size (Chromium's default font set to 32 px over CDP, as a reader
 * sets it in the browser's settings) on a phone: every main screen, in Chinese and in English,
 * wraps instead of overflowing sideways, body text is 20 px or more, and the member card is not
 * cut off. Screens are saved as screenshots/elder-<language>-<screen>.png. Also: the first visit
 * offers 长者模式 and remembers the answer; the switch in 我的 turns it off and on.
 */
import { expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { collectConsoleErrors, describeE2E, newPhoneContext, screenshot, smallTouchTargets } from './harness'
import { MAIN_SCREENS, UI_LOCALES, VIEWERS, openScreen, serverAndBrowser, viewerContext } from './main-screens'

/** Sets the browser's default font size (what "font size: very large" in the settings does). */
async function setDefaultFontSize(context: BrowserContext, page: Page, px: number): Promise<void> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Page.enable')
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: px } })
}

/** What the screen measures: page overflow, the root and body text size, and anything wider than the page. */
function measure(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const box = el.getBoundingClientRect()
        return box.width > 0 && box.right > root.clientWidth + 1
      })
      .map(
        (el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} right=${Math.round(el.getBoundingClientRect().right)}`,
      )
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      rootFont: parseFloat(getComputedStyle(document.documentElement).fontSize),
      bodyFont: parseFloat(getComputedStyle(document.body).fontSize),
      wide: wide.slice(0, 5),
    }
  })
}

describeE2E('长者模式 at 200% font size: nothing overflows, text is large, the card is whole', () => {
  const env = serverAndBrowser()

  for (const locale of UI_LOCALES) {
    for (const viewer of VIEWERS) {
      it(`${locale}, ${viewer}: every screen fits the phone's width at 200% in 长者模式`, async () => {
        const { context, page } = await viewerContext(env.browser, env.server.url, viewer, { locale, elder: '1' })
        await setDefaultFontSize(context, page, 32)
        const errors = collectConsoleErrors(page)
        const problems: string[] = []
        for (const screen of MAIN_SCREENS.filter((s) => s.viewer === viewer)) {
          await openScreen(page, env.server.url, screen)
          await screenshot(page, `elder-${locale}-${screen.name}`)
          const m = await measure(page)
          expect(m.rootFont, screen.name).toBe(32) // the app follows the browser's setting
          if (m.bodyFont < 20) problems.push(`${screen.name}: body text ${m.bodyFont}px`)
          if (m.scrollWidth > m.clientWidth) problems.push(`${screen.name}: ${m.scrollWidth} > ${m.clientWidth} (${m.wide.join(', ')})`)
        }
        await context.close()
        expect(problems).toEqual([])
        expect(errors).toEqual([])
      })
    }
  }

  it('in 长者模式 at the default font size, body text is 20 px or more and every target 48 px or more', async () => {
    for (const viewer of VIEWERS) {
      const { context, page } = await viewerContext(env.browser, env.server.url, viewer, { locale: 'zh-CN', elder: '1' })
      const problems: string[] = []
      for (const screen of MAIN_SCREENS.filter((s) => s.viewer === viewer)) {
        await openScreen(page, env.server.url, screen)
        await screenshot(page, `elder100-zh-CN-${screen.name}`)
        const m = await measure(page)
        if (m.bodyFont < 20) problems.push(`${screen.name}: body text ${m.bodyFont}px`)
        if (m.scrollWidth > m.clientWidth) problems.push(`${screen.name}: ${m.scrollWidth} > ${m.clientWidth}`)
        const small = await smallTouchTargets(page, 48)
        if (small.length) problems.push(`${screen.name}: targets under 48 px: ${small.join('; ')}`)
      }
      await context.close()
      expect(problems).toEqual([])
    }
  })

  it('shows the whole member card at 200%, and its QR full screen with the brightness hint', async () => {
    const { context, page } = await viewerContext(env.browser, env.server.url, 'member', { locale: 'zh-CN', elder: '1' })
    await setDefaultFontSize(context, page, 32)
    await openScreen(
      page,
      env.server.url,
      MAIN_SCREENS.find((s) => s.name === 'card')!,
    )
    const card = page.getByTestId('member-card')
    const inside = await card.evaluate((el) => {
      const box = el.getBoundingClientRect()
      const qr = el.querySelector('img')!.getBoundingClientRect()
      const within = (b: DOMRect) => b.left >= box.left - 0.5 && b.right <= box.right + 0.5 && b.left >= 0 && b.right <= innerWidth
      return {
        card: within(box),
        qr: within(qr) && qr.width > 100,
        number: within(el.querySelector('[data-testid=card-member-no]')!.getBoundingClientRect()),
      }
    })
    expect(inside).toEqual({ card: true, qr: true, number: true })
    await page.getByTestId('card-enlarge').click()
    const full = page.getByTestId('card-full')
    await full.waitFor()
    expect(await page.getByTestId('card-brightness').textContent()).toContain('亮度调到最高')
    const qrWidth = await full.locator('img').evaluate((img) => img.getBoundingClientRect().width)
    expect(qrWidth).toBeGreaterThan(300) // nearly the phone's whole width (390)
    await screenshot(page, 'elder-zh-CN-card-full')
    await page.getByTestId('card-full-close').click()
    await full.waitFor({ state: 'hidden' })
    await context.close()
  })

  it('offers 长者模式 on the first visit, remembers the answer, and the switch in 我的 changes it', async () => {
    const context = await newPhoneContext(env.browser)
    const page = await context.newPage()
    const elder = () => page.evaluate(() => document.documentElement.hasAttribute('data-elder'))
    await page.goto(env.server.url)
    await page.getByTestId('elder-offer-accept').click()
    expect(await elder()).toBe(true)
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(20)
    await page.reload()
    await page.getByTestId('home-welcome').waitFor()
    expect(await elder()).toBe(true)
    expect(await page.getByTestId('elder-offer').count()).toBe(0)

    await page.goto(`${env.server.url}/me`)
    const toggle = page.getByTestId('elder-switch')
    expect(await toggle.getAttribute('aria-checked')).toBe('true')
    await toggle.click()
    expect(await toggle.getAttribute('aria-checked')).toBe('false')
    expect(await elder()).toBe(false)
    await page.reload()
    await page.getByTestId('elder-switch').waitFor()
    expect(await elder()).toBe(false)
    expect(await page.getByTestId('elder-offer').count()).toBe(0) // answered once: never offered again
    await context.close()
  })
})
