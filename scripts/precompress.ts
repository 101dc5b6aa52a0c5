/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of the built client,
 * so the server sends the small copy to a browser that accepts it (server/static.ts:
 * serveStatic's `precompressed`) without compressing anything per request. Brotli at its highest
 * quality and gzip at level 9 cost a few seconds once at build time; a phone on a weak network
 * downloads about a third of the bytes. Used as a vite plugin (vite.config.ts) after the bundle is
 * written. A file changed in dist/ by hand needs its copies written again (`precompress(dir)`), or the
 * server keeps sending the old ones: deploy whole builds.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/** Text formats worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path)
    else if (COMPRESSIBLE.test(entry.name)) yield path
  }
}

/** Compresses the compressible files below `dir`; returns how many files and bytes before and after brotli. */
export async function precompress(dir: string): Promise<{ files: number; bytes: number; brotliBytes: number; gzipBytes: number }> {
  const totals = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 }
  const jobs: Promise<void>[] = []
  for await (const path of files(dir)) {
    if ((await stat(path)).size < MIN_BYTES) continue
    jobs.push(
      (async () => {
        const data = await readFile(path)
        const [br, gzipped] = await Promise.all([
          brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
          gz(data, { level: 9 }),
        ])
        await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gzipped)])
        totals.files++
        totals.bytes += data.length
        totals.brotliBytes += br.length
        totals.gzipBytes += gzipped.length
      })(),
    )
  }
  await Promise.all(jobs)
  return totals
}

/** The vite plugin: after a build writes dist/, compress what it wrote. */
export function precompressPlugin(outDir = 'dist') {
  return {
    name: 'scientists-home:precompress',
    apply: 'build' as const,
    enforce: 'post' as const,
    async closeBundle() {
      const t = await precompress(outDir)
      const kb = (n: number) => `${Math.round(n / 1024)} kB`
      console.log(`precompressed ${t.files} files: ${kb(t.bytes)} → brotli ${kb(t.brotliBytes)}, gzip ${kb(t.gzipBytes)}`)
    },
  }
}
