/**
 * Makes the README's pictures from the browser tests' screenshots: after
 * `npx vitest run --project e2e tests/e2e/a11y.test.ts tests/e2e/elder-mode.test.ts tests/e2e/home-notices.test.ts`, run
 * `npx tsx scripts/readme-screenshots.ts`. Each listed screenshots/<name>.png (390×844 at DPR 2) is
 * drawn at 1× in Chromium and saved as WebP under docs/screenshots/ (tens of kB each).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { launchBrowser, repoRoot, screenshotDir } from '../tests/e2e/harness'

/** screenshot name → README picture name */
const PICTURES: Record<string, string> = {
  'a11y-zh-CN-home': 'home-zh',
  'a11y-zh-CN-activities': 'activities-zh',
  'a11y-en-activity': 'activity-en',
  'a11y-zh-CN-card': 'member-card-zh',
  'elder100-zh-CN-activities': 'elder-mode-activities-zh',
  'notices-approved': 'notices-zh',
}

const out = join(repoRoot, 'docs/screenshots')
mkdirSync(out, { recursive: true })
const browser = await launchBrowser()
const page = await browser.newPage()
for (const [shot, picture] of Object.entries(PICTURES)) {
  const png = readFileSync(join(screenshotDir, `${shot}.png`)).toString('base64')
  const webp = await page.evaluate(async (data) => {
    const img = new Image()
    img.src = `data:image/png;base64,${data}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(img.width / 2)
    canvas.height = Math.round(img.height / 2)
    const ctx = canvas.getContext('2d')!
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    return canvas.toDataURL('image/webp', 0.82).split(',')[1]!
  }, png)
  const file = join(out, `${picture}.webp`)
  writeFileSync(file, Buffer.from(webp, 'base64'))
  console.log(`${file}: ${Math.round(Buffer.from(webp, 'base64').length / 1024)} kB`)
}
await browser.close()
