/**
 * "Export all my data" (PIPL art. 45): everything the server holds about one person, as JSON.
 *
 * Each feature that stores rows about a person adds an entry to `exportSections` (volunteer
 * hours, registrations, course progress …), so the export stays complete as features land.
 * A section returns plain rows in camelCase; never password hashes or session tokens.
 */
import type { Executor } from '../db/database'
import type { AccountExport } from '../../shared/schemas/account'
import { toMe } from './me'
import { auditAbout } from './audit'
import { findUserById } from '../db/user.repository'
import { notFound } from '../errors'
import { activityExportSections } from './activity-account'
import { volunteerExportSections } from './volunteer-account'
import { noticeExportSection } from './notices'
import { volunteerTeamExportSection } from './volunteer-team-account'

type Row = Record<string, unknown>
export interface ExportSection {
  name: string
  collect(db: Executor, userId: string): Promise<Row[]>
}

export const exportSections: ExportSection[] = [
  {
    name: 'memberships',
    async collect(db, userId) {
      return db
        .selectFrom('memberships as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select([
          'm.id',
          'm.org_id as orgId',
          'o.name as orgName',
          'm.status',
          'm.role',
          'm.member_no as memberNo',
          'm.reason',
          'm.valid_until as validUntil',
          'm.created_at as createdAt',
          'm.updated_at as updatedAt',
        ])
        .where('m.user_id', '=', userId)
        .orderBy('m.created_at')
        .execute()
    },
  },
  {
    // Metadata only: the table holds a hash of each token, and even that is not exported.
    name: 'sessions',
    async collect(db, userId) {
      const rows = await db
        .selectFrom('sessions')
        .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute()
      return rows.map((r) => ({
        id: r.id.slice(0, 12),
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        userAgent: r.user_agent,
      }))
    },
  },
  {
    // Browsers this account logged in from (they skip the per-address login limit); dates only.
    name: 'knownBrowsers',
    async collect(db, userId) {
      return db
        .selectFrom('known_browsers')
        .select(['created_at as createdAt', 'last_used_at as lastUsedAt'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute()
    },
  },
  {
    name: 'syncClients',
    async collect(db, userId) {
      return db
        .selectFrom('sync_clients')
        .select(['client_id as clientId', 'created_at as createdAt', 'last_pull_at as lastPullAt'])
        .where('user_id', '=', userId)
        .execute()
    },
  },
  {
    name: 'syncMutations',
    async collect(db, userId) {
      const rows = await db
        .selectFrom('sync_mutations')
        .select(['client_id', 'mutation_id', 'name', 'status', 'result', 'created_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute()
      return rows.map((r) => ({
        clientId: r.client_id,
        mutationId: r.mutation_id,
        name: r.name,
        status: r.status,
        result: safeParse(r.result),
        createdAt: r.created_at,
      }))
    },
  },
  {
    name: 'auditEntries',
    async collect(db, userId) {
      return (await auditAbout(db, userId)) as unknown as Row[]
    },
  },
  ...activityExportSections,
  ...volunteerExportSections,
  noticeExportSection,
  volunteerTeamExportSection,
]

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Builds the whole export; read inside one transaction so the sections agree with each other. */
export async function exportAccount(db: Executor, userId: string, now: Date): Promise<AccountExport> {
  const user = await findUserById(db, userId)
  if (!user) throw notFound('user')
  const sections: Record<string, Row[]> = {}
  for (const section of exportSections) sections[section.name] = await section.collect(db, userId)
  return {
    format: 'scientists-home-export/1',
    exportedAt: now.toISOString(),
    profile: { ...(await toMe(db, userId)), privacyConsentAt: user.privacy_consent_at },
    sections,
  }
}
