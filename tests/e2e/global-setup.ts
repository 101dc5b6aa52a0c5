/**
 * Runs once before the e2e project: checks for Chromium, builds the client once, and seeds one
 * database that startServer() copies into each fresh data directory, so every test does not pay
 * for seeding ~45,000 organisations.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { chromiumPath, clientDir, e2eRequired, missingChromiumReason, repoRoot, startServer } from './harness'

let templateDir = ''

export async function setup(project: TestProject) {
  if (!chromiumPath()) {
    if (e2eRequired) throw new Error(`REQUIRE_E2E=1 but ${missingChromiumReason}`)
    console.warn(`[e2e] ${missingChromiumReason}: browser tests are skipped, client not built`)
    project.provide('e2eSeededDb', '')
    return
  }

  const built = existsSync(join(clientDir, 'index.html'))
  if (process.env.E2E_CLIENT_DIR) {
    if (!built) throw new Error(`[e2e] E2E_CLIENT_DIR=${clientDir} has no index.html`)
    console.log(`[e2e] E2E_CLIENT_DIR: serving the prebuilt client in ${clientDir}`)
  } else if (process.env.E2E_SKIP_BUILD === '1' && built) {
    console.log(`[e2e] E2E_SKIP_BUILD=1: using the existing build in ${clientDir}`)
  } else {
    const started = Date.now()
    // vitest sets NODE_ENV=test, which would build a client without its service worker registration.
    const result = spawnSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    if (result.status !== 0) throw new Error(`[e2e] vite build failed (exit ${result.status ?? result.signal}); browser tests cannot run`)
    console.log(`[e2e] client built in ${Date.now() - started} ms`)
  }

  project.provide('e2eSeededDb', '')
  if (process.env.E2E_FRESH_SEED === '1') return
  const started = Date.now()
  const server = await startServer({ freshSeed: true })
  await server.stop({ keepData: true }) // a clean shutdown checkpoints the WAL into app.db
  templateDir = server.dataDir
  project.provide('e2eSeededDb', join(templateDir, 'app.db'))
  console.log(`[e2e] seeded the template database in ${Date.now() - started} ms`)
}

export function teardown() {
  if (templateDir) rmSync(templateDir, { recursive: true, force: true })
}
