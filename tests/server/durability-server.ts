/**
 * Runs the real server (server/main.ts) as a child process for durability and backup tests.
 * `node --import tsx` rather than `npx tsx`: one process, so SIGKILL hits the server itself and
 * not a wrapper that would leave it running.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => ok(port))
    })
  })
}

export interface RunningServer {
  url: string
  child: ChildProcess
  log: () => string
  /** SIGKILL: no shutdown hook runs, exactly like a crash or the OOM killer */
  kill(): Promise<void>
  /** SIGTERM: the graceful path */
  stop(): Promise<void>
}

/** `env` adds to (or overrides) the server's environment, e.g. TRUSTED_PROXIES; `root`: the checkout to run (bench/sync-fairness.ts compares against an older one). */
export async function startRealServer(
  dataDir: string,
  timeoutMs = 120_000,
  env: Record<string, string> = {},
  root = repoRoot,
): Promise<RunningServer> {
  const port = await freePort()
  mkdirSync(dataDir, { recursive: true })
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SCRYPT_N: '1024',
      CLIENT_DIR: join(dataDir, 'no-client'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer within ${timeoutMs} ms:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    child,
    log: () => output,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** A minimal cookie-keeping JSON client for a real server. */
export function httpAgent(base: string) {
  let cookie = ''
  return {
    get cookie() {
      return cookie
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever fields an answer carries
    async send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
      const res = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const set = res.headers.get('set-cookie')
      if (set) cookie = set.split(';')[0]!
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null }
    },
  }
}
