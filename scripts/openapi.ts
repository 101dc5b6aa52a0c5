/**
 * Writes the API's OpenAPI document, exactly as GET /api/openapi.json serves it, to a file (default
 * test-results/openapi.json) so `npm run lint:openapi` can lint it. Builds the app on an empty
 * in-memory database: the document needs no rows. PUBLIC_ORIGIN, when set, becomes its `servers`.
 *   tsx scripts/openapi.ts [out-file]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { createApp } from '../server/app'
import { defaultConfig, systemClock } from '../server/deps'
import { openSqlite } from '../server/db/sqlite.dialect'
import { parsePublicOrigin } from '../server/public-origin'

const out = process.argv[2] ?? 'test-results/openapi.json'
const { db } = openSqlite({ file: ':memory:' })
const config = { ...defaultConfig, ...(process.env.PUBLIC_ORIGIN && { publicOrigin: parsePublicOrigin(process.env.PUBLIC_ORIGIN) }) }
const res = await createApp({ db, clock: systemClock, config }).request('/api/openapi.json')
if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}: ${await res.text()}`)
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, JSON.stringify(await res.json(), null, 2) + '\n')
await db.destroy()
console.log(`wrote ${out}`)
