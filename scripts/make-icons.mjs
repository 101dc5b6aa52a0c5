// Renders public/favicon.svg into the PNG icons the manifest names, with the installed Chromium.
// Run once after changing the emblem: node scripts/make-icons.mjs (the PNGs are committed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const svg = readFileSync('public/favicon.svg', 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'icons-'))
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
const targets = [
  ['public/icon-192.png', 192, 0],
  ['public/icon-512.png', 512, 0],
  ['public/apple-touch-icon.png', 180, 0],
  // maskable: the emblem inside the 80% safe zone on a full-bleed background
  ['public/icon-maskable-512.png', 512, 0.1],
]
for (const [file, size, pad] of targets) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  const inner = Math.round(size * (1 - 2 * pad))
  await page.setContent(
    `<html><body style="margin:0;background:#1a4f8b;display:grid;place-items:center;width:${size}px;height:${size}px">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
  )
  await page.screenshot({ path: file, omitBackground: false })
  await page.close()
}
await browser.close()
rmSync(dir, { recursive: true, force: true })
console.log('icons written')
