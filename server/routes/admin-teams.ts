/**
 * Administrators and volunteer teams (`/api/admin/teams`): the teams of the organisations they
 * administer (proposals first), decisions on proposals (approve, reject) and closing, and the roles
 * on a team (leader, co-leader, member) — given only here, by an administrator of the team's
 * organisation or above, never by a team's own leader.
 */
import { createRoute } from '@hono/zod-openapi'
import {
  AdminTeamPage,
  AdminTeamQuery,
  RosterItem,
  TeamDecisionInput,
  TeamIdParam,
  TeamMemberParam,
  TeamRoleInput,
  VolunteerTeam,
} from '../../shared/schemas/volunteer'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { toTeam } from '../db/volunteer.repository'
import { decideTeam, setTeamRole } from '../domain/volunteer-teams'
import { adminTeams, rosterItem } from '../domain/volunteer-team-views'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not an administrator of the team’s organisation or of one above it'),
}

export function adminTeamRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listAdminTeams',
      method: 'get',
      path: '/',
      tags: ['volunteer', 'admin'],
      summary: 'Volunteer teams of the organisations the caller administers and below, by status (proposals first)',
      request: { query: AdminTeamQuery },
      responses: { 200: { description: 'one page', ...json(AdminTeamPage) }, ...refusals },
    }),
    async (c) => c.json(await adminTeams(db, currentUser(c), c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'decideTeam',
      method: 'post',
      path: '/{id}/decision',
      tags: ['volunteer', 'admin'],
      summary: 'Approve a proposed team (its creator becomes its leader), reject it with a reason, or close a team',
      request: { params: TeamIdParam, body: { required: true, ...json(TeamDecisionInput) } },
      responses: {
        200: { description: 'the team after the decision', ...json(VolunteerTeam) },
        ...refusals,
        404: refusal('no such team'),
        409: refusal('not pending (approve, reject) or already closed'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { decision, reason } = c.req.valid('json')
      const row = await writeTransaction(db, (trx) => decideTeam({ trx, user: currentUser(c), clock }, id, decision, reason ?? null))
      return c.json(toTeam(row), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'setTeamRole',
      method: 'post',
      path: '/{id}/members/{memberId}/role',
      tags: ['volunteer', 'admin'],
      summary: 'Make an active member the team’s leader, a co-leader or a member (a team keeps at least one leader)',
      request: { params: TeamMemberParam, body: { required: true, ...json(TeamRoleInput) } },
      responses: {
        200: { description: 'the member’s roster line', ...json(RosterItem) },
        ...refusals,
        404: refusal('no such team or member'),
        409: refusal('not an active member, or the team’s last leader'),
      },
    }),
    async (c) => {
      const { id, memberId } = c.req.valid('param')
      const { role } = c.req.valid('json')
      await writeTransaction(db, (trx) => setTeamRole({ trx, user: currentUser(c), clock }, id, memberId, role))
      return c.json(await rosterItem(db, id, memberId), 200)
    },
  )

  return app
}
