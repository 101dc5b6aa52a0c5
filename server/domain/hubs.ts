/**
 * Hubs (阵地, issue 14): the 新时代文明实践中心 / 所 / 站 and 党群服务中心 an organisation's admins
 * register, the public reads (active hubs only), a hub's page (what happens there), and the check
 * that an activity or a volunteer service may take place at a hub.
 *
 * Who: admins of the hub's organisation or of one above it (assertOrgAdmin), system admins
 * everywhere. A hub's region lies inside its organisation's region (when the organisation has one).
 * Kiosk enrolment codes are issued here too; the enrolment itself is server/domain/kiosk-enrolment.ts.
 */
import { randomInt, randomUUID } from 'node:crypto'
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import { findHub, hubQuery, toHub, type HubWithNames } from '../db/hub.repository'
import { findOrganization } from '../db/organization.repository'
import { nextVersion } from '../db/version'
import { tokenHash } from '../middleware/access'
import { DomainError, forbidden, notFound } from '../errors'
import { adminRootIds, assertOrgAdmin, isOrgAdmin, isSystemAdmin } from './authz'
import { audit } from './audit'
import type { DomainContext } from './context'
import {
  ENROLMENT_CODE_ALPHABET,
  ENROLMENT_CODE_HOURS,
  normaliseEnrolmentCode,
  type EnrolmentCodeIssued,
  type HubAdminView,
  type HubCreateInput,
  type HubList,
  type HubListQuery,
  type HubPage,
  type HubPatch,
  type KioskDevice,
} from '../../shared/schemas/hub'
import { pageOffset } from '../../shared/schemas/paging'

/** How many activities and shifts a hub's page lists at most. */
export const HUB_PAGE_ITEMS = 50

export const hubNotFound = () => new DomainError('hub_not_found', 'there is no such hub')

export async function mustFindHub(db: Executor, id: string): Promise<HubWithNames> {
  const hub = await findHub(db, id)
  if (!hub) throw hubNotFound()
  return hub
}

async function assertRegionKnown(db: Executor, code: string) {
  if (!(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst()))
    throw new DomainError('unknown_region', 'there is no such region')
}

/** A place lies inside an organisation's region when its code starts with the organisation's (or the organisation has none). */
export function insideRegion(orgRegion: string | null, regionCode: string) {
  return !orgRegion || regionCode.startsWith(orgRegion)
}

async function assertHubRegion(db: Executor, orgRegion: string | null, regionCode: string) {
  await assertRegionKnown(db, regionCode)
  if (!insideRegion(orgRegion, regionCode))
    throw new DomainError('region_outside_org', 'the hub must lie inside the region its organisation serves')
}

// ---------- admin ----------

export async function createHub({ trx, user, clock }: DomainContext, input: HubCreateInput) {
  const org = await findOrganization(trx, input.orgId)
  if (!org) throw new DomainError('org_not_found', 'there is no such organisation')
  await assertOrgAdmin(trx, user, org.id)
  await assertHubRegion(trx, org.region_code, input.regionCode)
  const now = clock.now().toISOString()
  const id = randomUUID()
  await trx
    .insertInto('hubs')
    .values({
      id,
      org_id: org.id,
      kind: input.kind,
      name: input.name,
      address: input.address,
      region_code: input.regionCode,
      opening_hours: input.openingHours,
      status: 'active',
      created_by: user.id,
      created_at: now,
      updated_at: now,
      version: await nextVersion(trx),
    })
    .execute()
  await audit(trx, { actorId: user.id, action: 'hub.create', orgId: org.id, target: id, at: clock.now() })
  return toHub(await mustFindHub(trx, id))
}

/** Edits a hub; closing it stops new kiosk enrolments (its kiosks keep syncing). */
export async function updateHub({ trx, user, clock }: DomainContext, id: string, p: HubPatch) {
  const hub = await mustFindHub(trx, id)
  await assertOrgAdmin(trx, user, hub.org_id)
  if (p.regionCode !== undefined) {
    const org = await findOrganization(trx, hub.org_id)
    await assertHubRegion(trx, org?.region_code ?? null, p.regionCode)
  }
  const now = clock.now().toISOString()
  await trx
    .updateTable('hubs')
    .set({
      ...(p.kind !== undefined && { kind: p.kind }),
      ...(p.name !== undefined && { name: p.name }),
      ...(p.address !== undefined && { address: p.address }),
      ...(p.regionCode !== undefined && { region_code: p.regionCode }),
      ...(p.openingHours !== undefined && { opening_hours: p.openingHours }),
      ...(p.status !== undefined && { status: p.status }),
      updated_at: now,
      version: await nextVersion(trx),
    })
    .where('id', '=', id)
    .execute()
  await audit(trx, {
    actorId: user.id,
    action: 'hub.update',
    orgId: hub.org_id,
    target: id,
    detail: { fields: Object.keys(p), ...(p.status !== undefined && { status: p.status }) },
    at: clock.now(),
  })
  return toHub(await mustFindHub(trx, id))
}

/** Hubs of orgId's subtree (admin of orgId required); without orgId the caller's admin roots; a system admin sees all. */
export async function listAdminHubs(db: Executor, user: UserRow, query: HubListQuery): Promise<HubList> {
  let roots: string[] | 'all'
  if (query.orgId) {
    if (!(await findOrganization(db, query.orgId))) throw new DomainError('org_not_found', 'there is no such organisation')
    await assertOrgAdmin(db, user, query.orgId)
    roots = [query.orgId]
  } else if (isSystemAdmin(user)) roots = 'all'
  else {
    roots = await adminRootIds(db, user.id)
    if (!roots.length) throw forbidden('you are not an administrator of any organisation')
  }
  return hubList(db, query, roots, false)
}

/** Public hub list (pickers, the org page): active hubs only. */
export function listHubs(db: Executor, query: HubListQuery): Promise<HubList> {
  return hubList(db, query, query.orgId ? [query.orgId] : 'all', true)
}

async function hubList(db: Executor, query: HubListQuery, roots: string[] | 'all', activeOnly: boolean): Promise<HubList> {
  let q = hubQuery(db)
  if (roots !== 'all')
    q = q.where('hubs.org_id', 'in', db.selectFrom('organization_closure').select('descendant_id').where('ancestor_id', 'in', roots))
  if (activeOnly) q = q.where('hubs.status', '=', 'active')
  if (query.regionCode) q = q.where('hubs.region_code', 'like', `${query.regionCode}%`)
  // wildcards typed by the caller are dropped, not escaped: a hub's name has none
  if (query.q) q = q.where('hubs.name', 'like', `%${query.q.replace(/[%_]/g, '')}%`)
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const rows = await q
    .orderBy('hubs.region_code')
    .orderBy('hubs.name')
    .orderBy('hubs.id')
    .limit(query.pageSize)
    .offset(pageOffset(query))
    .execute()
  return { items: rows.map(toHub), total: Number(total), page: query.page, pageSize: query.pageSize }
}

/** The hub, its kiosks and the count of live enrolment codes, for its admins. */
export async function adminHubView(db: Executor, user: UserRow, id: string, now: Date): Promise<HubAdminView> {
  const hub = await mustFindHub(db, id)
  if (!(await isOrgAdmin(db, user, hub.org_id))) throw forbidden('you are not an administrator of this hub’s organisation')
  const devices = await db.selectFrom('devices').selectAll().where('hub_id', '=', id).orderBy('created_at').execute()
  const { live } = await db
    .selectFrom('device_enrolment_codes')
    .select((eb) => eb.fn.countAll<number>().as('live'))
    .where('hub_id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirstOrThrow()
  return {
    hub: toHub(hub),
    devices: devices.map((d): KioskDevice => ({
      id: d.id,
      name: d.name,
      deviceNo: d.device_no ?? 0,
      createdAt: d.created_at,
      lastSeenAt: d.last_seen_at,
      revokedAt: d.revoked_at,
    })),
    liveCodes: Number(live),
    canManage: true,
  }
}

/** 8 characters of the alphabet, from the OS's CSPRNG. */
export const newEnrolmentCode = () =>
  Array.from({ length: 8 }, () => ENROLMENT_CODE_ALPHABET[randomInt(ENROLMENT_CODE_ALPHABET.length)]).join('')
/** XXXX-XXXX, as it is shown and typed. */
export const formatEnrolmentCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`

/** A one-time kiosk enrolment code for an active hub, valid 24 hours; only its hash is kept. */
export async function issueEnrolmentCode({ trx, user, clock }: DomainContext, hubId: string): Promise<EnrolmentCodeIssued> {
  const hub = await mustFindHub(trx, hubId)
  await assertOrgAdmin(trx, user, hub.org_id)
  if (hub.status !== 'active') throw new DomainError('hub_closed', 'this hub is closed; kiosks cannot be enrolled to it')
  const now = clock.now()
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_HOURS * 3_600_000).toISOString()
  const code = newEnrolmentCode()
  const id = randomUUID()
  await trx
    .insertInto('device_enrolment_codes')
    .values({
      id,
      hub_id: hubId,
      code_hash: tokenHash(normaliseEnrolmentCode(code)),
      created_by: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    })
    .execute()
  await audit(trx, { actorId: user.id, action: 'device.enrolment_code', orgId: hub.org_id, target: hubId, detail: { codeId: id }, at: now })
  return { code: formatEnrolmentCode(code), expiresAt }
}

// ---------- public ----------

/** An active hub with its published activities and open shifts of active teams that have not ended, soonest first. */
export async function hubPage(db: Executor, id: string, now: Date): Promise<HubPage> {
  const hub = await findHub(db, id)
  if (!hub || hub.status !== 'active') throw hubNotFound()
  const at = now.toISOString()
  const activities = await db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.title', 'a.starts_at', 'a.ends_at', 'o.name as org_name'])
    .where('a.hub_id', '=', id)
    .where('a.status', '=', 'published')
    .where('a.ends_at', '>', at)
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .limit(HUB_PAGE_ITEMS)
    .execute()
  const shifts = await db
    .selectFrom('shifts as s')
    .innerJoin('volunteer_services as v', 'v.id', 's.service_id')
    .innerJoin('volunteer_teams as t', 't.id', 's.team_id')
    .select([
      's.id',
      'v.title as service_title',
      't.id as team_id',
      't.name as team_name',
      's.starts_at',
      's.ends_at',
      's.slots',
      's.places_taken',
    ])
    .where('v.hub_id', '=', id)
    .where('v.status', '=', 'active')
    .where('s.status', '=', 'open')
    .where('t.status', '=', 'active')
    .where('s.ends_at', '>', at)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(HUB_PAGE_ITEMS)
    .execute()
  return {
    hub: toHub(hub),
    activities: activities.map((a) => ({ id: a.id, title: a.title, startsAt: a.starts_at, endsAt: a.ends_at, orgName: a.org_name })),
    shifts: shifts.map((s) => ({
      id: s.id,
      serviceTitle: s.service_title,
      teamId: s.team_id,
      teamName: s.team_name,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      placesLeft: Math.max(0, s.slots - s.places_taken),
    })),
  }
}

// ---------- activities and services at a hub ----------

/**
 * The hub an activity or a volunteer service of `orgId` may take place at: it exists (else 404
 * hub_not_found), is active (else 409 hub_closed) and lies inside the organisation's region (else 422
 * region_outside_org). Returns the hub (its address fills an empty venue).
 */
export async function usableHub(db: Executor, hubId: string, orgId: string): Promise<HubWithNames> {
  const hub = await mustFindHub(db, hubId)
  if (hub.status !== 'active') throw new DomainError('hub_closed', 'this hub is closed')
  const org = await findOrganization(db, orgId)
  if (!org) throw notFound('organisation')
  if (!insideRegion(org.region_code, hub.region_code))
    throw new DomainError('region_outside_org', 'the hub lies outside the region of the organisation')
  return hub
}
