/**
 * The data of the "near me" benches (activities-near.ts, near-ab.ts): a file database with the
 * production pragmas, the real regions and organisations, and 100,000 activities spread over every
 * county and township (10% national, 10% in 海淀 as a hot district), from 30 days ago to 180 days
 * ahead, inserted with one prepared statement in one transaction. `varied` also draws places taken
 * and 3% cancelled (activities-near); without it every activity is empty and published (near-ab's
 * original data, so its earlier figures stay comparable).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '../server/db/sqlite.dialect'
import { migrateToLatest } from '../server/db/migrate'
import { seedIfEmpty } from '../seeds/index'
import { mulberry32, pick } from '../seeds/random'

export const N = 100_000
export const now = new Date('2026-11-28T08:00:00Z')

export async function openNearDb(prefix: string, { varied }: { varied: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const { db, raw } = openSqlite({ file: join(dir, 'app.db') })
  await migrateToLatest(db)
  await seedIfEmpty(db, { now, scryptN: 1024, demo: false })

  const rand = mulberry32(7)
  const regions = raw.prepare("select code from regions where level in ('county', 'township')").pluck().all() as string[]
  const haidian = regions.filter((c) => c.startsWith('110108'))
  const townships = regions.filter((c) => c.length === 9)
  const counties = regions.filter((c) => c.length === 6)
  const haidianStreets = haidian.filter((c) => c.length === 9)
  const t = performance.now()
  const insert = raw.prepare(
    `insert into activities (id, org_id, kind, title, description, venue_address, hub_id, region_code, starts_at, ends_at,
       registration_opens_at, registration_closes_at, capacity, places_taken, requires_approval, audience, status, credit_hours, created_by, created_at, updated_at, version)
     values (?, ?, 'academic', ?, '', '某地', null, ?, ?, ?, ?, ?, 100, ?, 0, 'public', ?, 2, null, ?, ?, ?)`,
  )
  const iso = (ms: number) => new Date(ms).toISOString()
  raw.transaction(() => {
    for (let i = 0; i < N; i++) {
      const r = rand()
      const region = r < 0.1 ? null : r < 0.2 ? pick(rand, haidian) : pick(rand, regions)
      const starts = now.getTime() + Math.floor((rand() * 210 - 30) * 86_400_000)
      const placesTaken = varied ? Math.floor(rand() * 100) : 0
      const status = varied && rand() < 0.03 ? 'cancelled' : 'published'
      insert.run(
        `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
        region ? `cast-${region}` : 'cast-national',
        `活动${i}`,
        region,
        iso(starts),
        iso(starts + 7_200_000),
        iso(starts - 20 * 86_400_000),
        iso(starts - 3_600_000),
        placesTaken,
        status,
        iso(now.getTime()),
        iso(now.getTime()),
        i + 1_000_000,
      )
    }
  })()
  raw.exec('analyze')
  const insertSeconds = (performance.now() - t) / 1000
  return { dir, db, raw, rand, regions, haidian, townships, counties, haidianStreets, insertSeconds }
}
