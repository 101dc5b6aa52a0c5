/**
 * The lead door's team routes (`/api/lead/teams`): the teams the caller leads, a team's edits and
 * rules, its roster, decisions on members and the invitation link. A leader of one team is refused
 * (403) on every other (server/domain/team-authz.ts assertLeadsTeam).
 */
import { createRoute } from '@hono/zod-openapi'
import {
  LedTeams,
  MemberDecisionInput,
  Roster,
  RosterItem,
  TeamIdParam,
  TeamInvite,
  TeamMemberParam,
  TeamPatch,
  VolunteerTeam,
} from '../../shared/schemas/volunteer'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { toTeam } from '../db/volunteer.repository'
import { decideTeamMember, editTeam, issueInvite } from '../domain/volunteer-teams'
import { ledTeams, rosterItem, teamRoster } from '../domain/volunteer-team-views'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('the caller does not lead this team'),
  404: refusal('no such team'),
}

export function leadTeamRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listLedTeams',
      method: 'get',
      path: '/',
      tags: ['volunteer', 'lead'],
      summary: 'The active teams the caller leads (and, for administrators, those under their organisations), with requests waiting',
      responses: { 200: { description: 'the caller’s own teams first', ...json(LedTeams) }, 401: refusal('not logged in') },
    }),
    async (c) => c.json(await ledTeams(db, currentUser(c)), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'editTeam',
      method: 'patch',
      path: '/{id}',
      tags: ['volunteer', 'lead'],
      summary: 'Edit a team and its rules for counting hours (minimum attendance share, cancel cut-off)',
      request: { params: TeamIdParam, body: { required: true, ...json(TeamPatch) } },
      responses: {
        200: { description: 'the team after the edit', ...json(VolunteerTeam) },
        ...refusals,
        409: refusal('closed or rejected'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const row = await writeTransaction(db, (trx) => editTeam({ trx, user: currentUser(c), clock }, id, c.req.valid('json')))
      return c.json(toTeam(row), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getTeamRoster',
      method: 'get',
      path: '/{id}/roster',
      tags: ['volunteer', 'lead'],
      summary: 'The team’s requests and active members with approved hours and no-shows (phones masked; the read is audited)',
      request: { params: TeamIdParam },
      responses: { 200: { description: 'requests first, then leaders, co-leaders and members', ...json(Roster) }, ...refusals },
    }),
    async (c) => c.json(await teamRoster(db, currentUser(c), c.req.valid('param').id, clock.now()), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'decideTeamMember',
      method: 'post',
      path: '/{id}/members/{memberId}/decision',
      tags: ['volunteer', 'lead'],
      summary: 'Approve or decline a request to join, or remove a member, with a reason the person sees',
      request: { params: TeamMemberParam, body: { required: true, ...json(MemberDecisionInput) } },
      responses: {
        200: { description: 'the member’s roster line after the decision', ...json(RosterItem) },
        ...refusals,
        409: refusal('not pending (approve, decline) or not active (remove), or the team’s last leader'),
      },
    }),
    async (c) => {
      const { id, memberId } = c.req.valid('param')
      const { decision, reason } = c.req.valid('json')
      await writeTransaction(db, (trx) => decideTeamMember({ trx, user: currentUser(c), clock }, id, memberId, decision, reason ?? null))
      return c.json(await rosterItem(db, id, memberId), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'issueTeamInvite',
      method: 'post',
      path: '/{id}/invite',
      tags: ['volunteer', 'lead'],
      summary: 'A new invitation link (joining with it needs no approval); the previous link stops working',
      request: { params: TeamIdParam },
      responses: {
        200: { description: 'the code, shown once, and the link’s path', ...json(TeamInvite) },
        ...refusals,
        409: refusal('not active'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(await writeTransaction(db, (trx) => issueInvite({ trx, user: currentUser(c), clock }, id)), 200)
    },
  )

  return app
}
