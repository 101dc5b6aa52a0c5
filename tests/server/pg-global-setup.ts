// server-pg project, once per run: pg_trgm in public (the schemas' search path ends there), and no
// schemas left over from an interrupted earlier run.
import pg from 'pg'
import { TEST_SCHEMA_PREFIX } from './fixtures/database'
import { PG_TEST_URL } from './pg-url'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export default async function setup() {
  const client = new pg.Client({ connectionString: PG_TEST_URL })
  await client.connect()
  try {
    await client.query('create extension if not exists pg_trgm with schema public')
    const { rows } = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like $1`, [
      `${TEST_SCHEMA_PREFIX}%`,
    ])
    // shtest_<pid>_<random>: only schemas whose test process is gone (other runs may share this server)
    for (const { nspname } of rows)
      if (!alive(Number(nspname.split('_')[1]))) await client.query(`drop schema if exists ${nspname} cascade`)
  } finally {
    await client.end()
  }
}
