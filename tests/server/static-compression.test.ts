/**
 * The built client is sent compressed (issue 16's first finding, done here): the build writes .br and
 * .gz copies (scripts/precompress.ts) and the server sends the one the browser accepts, with
 * Content-Encoding and Vary, keeping the asset's year-long cache; a browser that accepts neither gets
 * the file as it is, and a small file has no copy.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompress } from '../../scripts/precompress'
import { makeContext } from './fixtures'

const dir = mkdtempSync(join(tmpdir(), 'sh-static-'))
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `科技工作者之家 ${i}`))}\n`

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), SCRIPT)
  writeFileSync(join(dir, 'assets', 'tiny-abc123.js'), 'export {}\n')
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>科技工作者之家</title>${'<p>shell</p>'.repeat(200)}`)
  const totals = await precompress(dir)
  expect(totals.files).toBe(2) // the script and the page; the tiny file is left as it is
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('static files', () => {
  const get = async (path: string, acceptEncoding?: string) => {
    const { app } = await makeContext({ clientDir: dir })
    return app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })
  }

  it('sends brotli to a browser that accepts it, and keeps the asset cacheable for a year', async () => {
    const res = await get('/assets/app-abc123.js', 'gzip, deflate, br, zstd')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('br')
    expect(res.headers.get('vary')).toContain('Accept-Encoding')
    expect(res.headers.get('content-type')).toContain('javascript')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 3)
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT)
  })

  it('sends gzip when that is all the browser accepts, and the file itself when it accepts neither', async () => {
    const gz = await get('/assets/app-abc123.js', 'gzip')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(SCRIPT)

    const plain = await get('/assets/app-abc123.js')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(SCRIPT)
  })

  it('compresses the page too, and leaves a file too small to gain as it is', async () => {
    const page = await get('/', 'br')
    expect(page.headers.get('content-encoding')).toBe('br')
    expect(brotliDecompressSync(Buffer.from(await page.arrayBuffer())).toString()).toContain('<title>科技工作者之家</title>')

    expect(existsSync(join(dir, 'assets', 'tiny-abc123.js.br'))).toBe(false)
    const tiny = await get('/assets/tiny-abc123.js', 'br')
    expect(tiny.headers.get('content-encoding')).toBeNull()
    expect(await tiny.text()).toBe('export {}\n')
  })
})
