import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import pg from 'pg'

/**
 * The server and seed tests run twice: on SQLite (`unit`) and on the local PostgreSQL (`server-pg`,
 * a fresh schema per test context: tests/server/fixtures/database.ts). Without a PostgreSQL server to
 * reach, server-pg is left out with the reason printed — unless REQUIRE_PG=1 (CI), which keeps it so
 * its failures fail the run.
 */
// the same default as tests/server/pg-url.ts (the config loader wants no extensionless imports)
const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return null
  } catch (err) {
    return (err as Error).message
  } finally {
    await client.end().catch(() => {})
  }
}

async function serverPgProject(): Promise<TestProjectInlineConfiguration[]> {
  const problem = await postgresAnswers()
  if (problem && process.env.REQUIRE_PG !== '1') {
    console.warn(`server-pg tests skipped: no PostgreSQL at ${PG_URL} (${problem}); REQUIRE_PG=1 makes this a failure`)
    return []
  }
  return [
    {
      extends: true,
      test: {
        name: 'server-pg',
        include: ['tests/server/**/*.test.ts', 'tests/seeds/**/*.test.ts'],
        environment: 'node',
        testTimeout: 30_000,
        hookTimeout: 60_000,
        env: { TEST_DATABASE_URL: PG_URL },
        globalSetup: ['tests/server/pg-global-setup.ts'],
        setupFiles: ['tests/server/pg-setup.ts'],
      },
    },
  ]
}

const baseProjects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'unit',
      include: ['tests/shared/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/seeds/**/*.test.ts'],
      environment: 'node',
      testTimeout: 30_000,
    },
  },
  {
    extends: true,
    test: { name: 'client', include: ['tests/client/**/*.test.ts'], environment: 'happy-dom', testTimeout: 30_000 },
  },
  {
    extends: true,
    test: {
      name: 'e2e',
      include: ['tests/e2e/**/*.test.ts'],
      environment: 'node',
      testTimeout: 120_000,
      hookTimeout: 300_000,
      // A UI that settles in 1 s on an idle machine may take longer on a busy CI runner:
      // expect.poll waits up to 10 s by default here (a test that fails still fails, later).
      expect: { poll: { timeout: 10_000 } },
      fileParallelism: false,
      globalSetup: ['tests/e2e/global-setup.ts'],
    },
  },
]

export default defineConfig(async () => ({
  plugins: [vue()],
  test: { projects: [...baseProjects, ...(await serverPgProject())] },
}))
