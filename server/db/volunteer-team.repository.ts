/**
 * Volunteer teams and their members: the writes every roster change shares (a member's row, the
 * team's member count, each stamped with a sync version) and the lists (discovery, a roster, the
 * teams a person leads, an admin's teams). Same SQL on SQLite and PostgreSQL (`&` on the skills
 * mask, LIKE with escapes, region-code ranges).
 */
import { sql, type Updateable } from 'kysely'
import type { Executor } from './database'
import { nextVersion } from './version'
import { containsText } from './search'
import { orgIdsUnderRoots } from './organization-tree.repository'
import { teamsWithOrg } from './volunteer.repository'
import type { NewVolunteerTeam, TeamMemberRow, TeamMemberTable, VolunteerTeamRow, VolunteerTeamTable } from './volunteer.table'
import type { TeamRole, TeamStatus, VolunteerSkill } from '../../shared/schemas/volunteer'
import { VOLUNTEER_SKILLS } from '../../shared/schemas/volunteer'

export async function insertTeam(db: Executor, row: Omit<NewVolunteerTeam, 'version'>): Promise<VolunteerTeamRow> {
  return db
    .insertInto('volunteer_teams')
    .values({ ...row, version: await nextVersion(db) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

type TeamChange = Omit<Updateable<VolunteerTeamTable>, 'id' | 'org_id' | 'created_by' | 'created_at' | 'version' | 'member_count'>

/** Changes a team and stamps a new version (its members' devices hear of it). */
export async function updateTeam(db: Executor, id: string, change: TeamChange, now: Date): Promise<VolunteerTeamRow> {
  const version = await nextVersion(db)
  return db
    .updateTable('volunteer_teams')
    .set({ ...change, updated_at: now.toISOString(), version })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Moves a team's active-member count by `delta`, in the transaction of the roster change, and stamps a version. */
export async function addMemberCount(db: Executor, teamId: string, delta: number, now: Date): Promise<void> {
  const version = await nextVersion(db)
  await db
    .updateTable('volunteer_teams')
    .set((eb) => ({ member_count: eb('member_count', '+', delta), updated_at: now.toISOString(), version }))
    .where('id', '=', teamId)
    .execute()
}

export function findTeamMember(db: Executor, id: string): Promise<TeamMemberRow | undefined> {
  return db.selectFrom('team_members').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertTeamMember(
  db: Executor,
  m: { id: string; teamId: string; userId: string; role: TeamRole; status: 'pending' | 'active'; skillsMask: number; now: Date },
): Promise<TeamMemberRow> {
  const at = m.now.toISOString()
  return db
    .insertInto('team_members')
    .values({
      id: m.id,
      team_id: m.teamId,
      user_id: m.userId,
      role: m.role,
      status: m.status,
      skills_mask: m.skillsMask,
      created_at: at,
      updated_at: at,
      version: await nextVersion(db),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

type MemberChange = Pick<Updateable<TeamMemberTable>, 'role' | 'status' | 'skills_mask' | 'reason'>

export async function updateTeamMember(db: Executor, id: string, change: MemberChange, now: Date): Promise<TeamMemberRow> {
  const version = await nextVersion(db)
  return db
    .updateTable('team_members')
    .set({ ...change, updated_at: now.toISOString(), version })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** How many active leaders (role leader) the team has. */
export async function activeLeaderCount(db: Executor, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('team_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .where('status', '=', 'active')
    .where('role', '=', 'leader')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

const skillBit = (skill: VolunteerSkill) => 1 << VOLUNTEER_SKILLS.indexOf(skill)

export interface TeamListFilter {
  /** region codes from the province down to the person's own: teams there count as near */
  nearChain?: string[]
  /** teams anywhere at or below this region (GB/T 2260 codes nest by prefix) */
  under?: string
  orgId?: string
  skill?: VolunteerSkill
  q?: string
  limit: number
  offset: number
}

/**
 * Active teams, the biggest first. Near = the region chain, the subtree under the person's own
 * region (a range on the region index: ':' sorts right after '9') and national teams (no region).
 */
export function listActiveTeams(db: Executor, f: TeamListFilter) {
  let q = teamsWithOrg(db).where('t.status', '=', 'active')
  if (f.nearChain) {
    const chain = f.nearChain
    const own = chain[chain.length - 1]
    q = q.where((eb) =>
      eb.or([
        eb('t.region_code', 'is', null),
        ...(chain.length ? [eb('t.region_code', 'in', chain)] : []),
        ...(own ? [eb.and([eb('t.region_code', '>', own), eb('t.region_code', '<', `${own}:`)])] : []),
      ]),
    )
  }
  if (f.under) q = q.where('t.region_code', '>=', f.under).where('t.region_code', '<', `${f.under}:`)
  if (f.orgId) q = q.where('t.org_id', '=', f.orgId)
  if (f.skill) q = q.where(sql<boolean>`(t.skills_mask & ${skillBit(f.skill)}) <> 0`)
  if (f.q) q = q.where(containsText(db, sql`t.name`, f.q))
  return q.orderBy('t.member_count', 'desc').orderBy('t.id').limit(f.limit).offset(f.offset).execute()
}

/** Leaders and co-leaders (active) of a team, by name: leaders first. */
export function teamLeaders(db: Executor, teamId: string) {
  return db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.name', 'm.role'])
    .where('m.team_id', '=', teamId)
    .where('m.status', '=', 'active')
    .where('m.role', 'in', ['leader', 'co_leader'])
    .orderBy('m.role', 'desc')
    .orderBy('m.created_at')
    .execute()
}

/** The person's place on a team: the live one, else the latest. */
export function latestTeamMember(db: Executor, teamId: string, userId: string): Promise<TeamMemberRow | undefined> {
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy(sql`case when status in ('pending', 'active') then 0 else 1 end`)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Active members other than `exceptUserId`, by name. */
export function activeTeammates(db: Executor, teamId: string, exceptUserId: string) {
  return db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as user_id', 'u.name', 'm.skills_mask'])
    .where('m.team_id', '=', teamId)
    .where('m.status', '=', 'active')
    .where('m.user_id', '<>', exceptUserId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute()
}

/**
 * Roster lines with the person's name, phone (the caller masks it), approved minutes and no-shows
 * on this team. `memberId` reads one line; otherwise the live ones (pending first, then by role).
 */
export function rosterRows(db: Executor, teamId: string, memberId?: string) {
  let q = db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('m')
    .select(['u.name', 'u.phone'])
    .select((eb) => [
      eb
        .selectFrom('shift_signups as s')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('s.credited_minutes'), sql<number>`0`).as('n'))
        .whereRef('s.team_id', '=', 'm.team_id')
        .whereRef('s.user_id', '=', 'm.user_id')
        .where('s.hours_status', '=', 'approved')
        .as('approved_minutes'),
      eb
        .selectFrom('shift_signups as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.team_id', '=', 'm.team_id')
        .whereRef('s.user_id', '=', 'm.user_id')
        .where('s.no_show', '=', 1)
        .as('no_shows'),
    ])
    .where('m.team_id', '=', teamId)
  q = memberId ? q.where('m.id', '=', memberId) : q.where('m.status', 'in', ['pending', 'active'])
  return q
    .orderBy(sql`case when m.status = 'pending' then 0 else 1 end`)
    .orderBy(sql`case m.role when 'leader' then 0 when 'co_leader' then 1 else 2 end`)
    .orderBy('u.name')
    .orderBy('m.id')
    .execute()
}
export type RosterRow = Awaited<ReturnType<typeof rosterRows>>[number]

/** The most teams a lead door lists (an admin high in the tree would otherwise get every team below). */
export const LED_TEAMS_LIMIT = 500

/**
 * Active teams the person leads (leader or co-leader) or administers (organisations at or below
 * `roots`, every team for 'all'), with their role and the requests waiting: their own teams first.
 */
export function ledTeamRows(db: Executor, userId: string, roots: string[] | 'all') {
  let q = teamsWithOrg(db)
    .leftJoin('team_members as me', (j) => j.onRef('me.team_id', '=', 't.id').on('me.user_id', '=', userId).on('me.status', '=', 'active'))
    .select(['me.role as my_role'])
    .select((eb) =>
      eb
        .selectFrom('team_members as p')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('p.team_id', '=', 't.id')
        .where('p.status', '=', 'pending')
        .as('pending_members'),
    )
    .where('t.status', '=', 'active')
  if (roots !== 'all') {
    const start = db.selectFrom('volunteer_teams').select('org_id').where('status', '=', 'active').groupBy('org_id')
    const reach = orgIdsUnderRoots(db, start, roots)
    q = q.where((eb) =>
      eb.or([
        eb('me.role', 'in', ['leader', 'co_leader']),
        ...(roots.length ? [eb('t.org_id', 'in', eb.selectFrom(reach.as('reach')).select('reach.org_id'))] : []),
      ]),
    )
  }
  return q
    .orderBy(sql`case when me.role in ('leader', 'co_leader') then 0 else 1 end`)
    .orderBy('t.name')
    .orderBy('t.id')
    .limit(LED_TEAMS_LIMIT)
    .execute()
}

/** Teams of the organisations at or below `roots` (all for 'all'), with the proposer's name: proposals first, newest first. */
export function adminTeamRows(db: Executor, roots: string[] | 'all', f: { status?: TeamStatus; limit: number; offset: number }) {
  let q = teamsWithOrg(db).leftJoin('users as c', 'c.id', 't.created_by').select('c.name as created_by_name')
  if (f.status) q = q.where('t.status', '=', f.status)
  if (roots !== 'all') {
    let start = db.selectFrom('volunteer_teams').select('org_id').groupBy('org_id')
    if (f.status) start = start.where('status', '=', f.status)
    const reach = orgIdsUnderRoots(db, start, roots)
    q = q.where('t.org_id', 'in', (eb) => eb.selectFrom(reach.as('reach')).select('reach.org_id'))
  }
  return q
    .orderBy(sql`case when t.status = 'pending' then 0 else 1 end`)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
}
