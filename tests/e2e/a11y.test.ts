/**
 * Every main screen, as a guest, a member and an admin, in Chinese and in English: axe-core finds
 * no serious or critical violation, every control is at least 44×44 px, and no button, label or
 * heading of the app speaks the other language. Each screen is also saved to screenshots/
 * (git-ignored) as `a11y-<language>-<screen>.png`, phone size, to be looked at.
 */
import { expect, it } from 'vitest'
import {
  collectConsoleErrors,
  describeE2E,
  expectNoSeriousA11yViolations,
  screenshot,
  smallTouchTargets,
  wordsInOtherLanguage,
} from './harness'
import { MAIN_SCREENS, UI_LOCALES, VIEWERS, openScreen, serverAndBrowser, viewerContext } from './main-screens'

describeE2E('accessibility: axe-core finds nothing serious on the main screens', () => {
  const env = serverAndBrowser()

  for (const locale of UI_LOCALES) {
    for (const viewer of VIEWERS) {
      it(`${locale}, ${viewer}: every screen passes axe-core, has 44 px targets and speaks one language`, async () => {
        const { context, page } = await viewerContext(env.browser, env.server.url, viewer, { locale, elder: '0' })
        const errors = collectConsoleErrors(page)
        const failures: string[] = []
        for (const screen of MAIN_SCREENS.filter((s) => s.viewer === viewer)) {
          await openScreen(page, env.server.url, screen)
          await screenshot(page, `a11y-${locale}-${screen.name}`)
          await expectNoSeriousA11yViolations(page, `${screen.name} (${locale})`).catch((err: Error) => failures.push(err.message))
          const foreign = await wordsInOtherLanguage(page, locale)
          if (foreign.length) failures.push(`words of the other language on ${screen.name} (${locale}):\n    ${foreign.join('\n    ')}`)
          const small = await smallTouchTargets(page)
          if (small.length) failures.push(`touch targets under 44 px on ${screen.name} (${locale}):\n    ${small.join('\n    ')}`)
        }
        await context.close()
        expect(failures.join('\n\n')).toBe('')
        expect(errors).toEqual([])
      })
    }
  }

  it('the first-run 长者模式 offer passes axe-core in both languages', async () => {
    for (const locale of UI_LOCALES) {
      const { context, page } = await viewerContext(env.browser, env.server.url, 'guest', { locale, elder: '0' })
      await page.evaluate(() => localStorage.removeItem('sh.elderMode'))
      await page.goto(env.server.url)
      await page.getByTestId('elder-offer').waitFor()
      await screenshot(page, `a11y-${locale}-elder-offer`)
      await expectNoSeriousA11yViolations(page, `elder offer (${locale})`)
      await context.close()
    }
  })
})
