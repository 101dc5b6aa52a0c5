/**
 * Dispatch suggestions (GET /api/admin/requests/{id}/suggestions): the active teams near the hub —
 * in the hub's city (region code starting with its 4 digits) or under the hub organisation's subtree —
 * ranked by shared/rules/service-request.ts rankTeams (skills the category asks for, then township,
 * county, city, then size, then name), the first ten.
 */
import { rankTeams } from '../../shared/rules/service-request'
import { maskToSkills } from '../../shared/schemas/volunteer'
import type { TeamSuggestion } from '../../shared/schemas/service-request'
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import { subtreeIds } from '../db/organization-tree.repository'
import { findHub } from '../db/hub.repository'
import { DomainError } from '../errors'
import { assertRequestAdmin, mustFindRequest } from './service-requests'

export const MAX_SUGGESTIONS = 10

/** Active teams that could take a request at this hub: in its city, or under its organisation. */
export async function candidateTeams(db: Executor, hub: { region_code: string; org_id: string }) {
  const city = hub.region_code.slice(0, 4)
  const rows = await db
    .selectFrom('volunteer_teams as t')
    .innerJoin('organizations as o', 'o.id', 't.org_id')
    .select(['t.id', 't.name', 't.region_code', 't.skills_mask', 't.member_count', 'o.name as org_name'])
    .where('t.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([eb('t.region_code', '>=', city), eb('t.region_code', '<', `${city}:`)]),
        eb('t.org_id', 'in', subtreeIds(db, [hub.org_id])),
      ]),
    )
    .execute()
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    regionCode: t.region_code,
    skills: maskToSkills(t.skills_mask),
    memberCount: t.member_count,
    orgName: t.org_name,
  }))
}

export async function suggestTeams(db: Executor, user: UserRow, requestId: string): Promise<{ items: TeamSuggestion[] }> {
  const r = await mustFindRequest(db, requestId)
  await assertRequestAdmin(db, user, r)
  const hub = await findHub(db, r.hub_id)
  if (!hub) throw new DomainError('hub_not_found', 'the request’s hub is gone')
  const ranked = rankTeams(r.category, hub.region_code, await candidateTeams(db, hub))
  return {
    items: ranked.slice(0, MAX_SUGGESTIONS).map(({ team, matchedSkills, wantedSkills, distance }) => ({
      teamId: team.id,
      teamName: team.name,
      orgName: team.orgName,
      regionCode: team.regionCode,
      memberCount: team.memberCount,
      matchedSkills,
      wantedSkills,
      distance,
    })),
  }
}
