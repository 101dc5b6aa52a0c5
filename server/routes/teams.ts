/**
 * Volunteer teams, the public and member side: discovery, a team's page, proposing or creating a
 * team, and teammates (for a swap). Joining, leaving and one's skills go through the sync engine
 * (server/sync/mutators/team.ts); the rules are server/domain/volunteer-teams.ts.
 */
import { createRoute } from '@hono/zod-openapi'
import { TeamDetail, TeamIdParam, TeamInput, TeamListQuery, TeamPage, Teammates, VolunteerTeam } from '../../shared/schemas/volunteer'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { toTeam } from '../db/volunteer.repository'
import { createTeam } from '../domain/volunteer-teams'
import { discoverTeams, teamDetail, teammates } from '../domain/volunteer-team-views'
import { writeTransaction } from '../db/transaction'

export function teamRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'listTeams',
      method: 'get',
      path: '/',
      tags: ['volunteer'],
      summary: 'Discover active volunteer teams (public): near the caller or a region, by organisation, skill or name',
      request: { query: TeamListQuery },
      responses: {
        200: { description: 'one page, the biggest teams first', ...json(TeamPage) },
        400: refusal('invalid input, or near=1 without a region'),
      },
    }),
    async (c) => c.json(await discoverTeams(db, c.get('user') ?? undefined, c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'getTeam',
      method: 'get',
      path: '/{id}',
      tags: ['volunteer'],
      summary: 'One volunteer team with its leaders and the caller’s place on it (a proposal only to its creator and administrators)',
      request: { params: TeamIdParam },
      responses: {
        200: { description: 'the team', ...json(TeamDetail) },
        400: refusal('invalid id'),
        404: refusal('no such team (or a proposal the caller may not see)'),
      },
    }),
    async (c) => c.json(await teamDetail(db, c.get('user') ?? undefined, c.req.valid('param').id), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'createTeam',
      method: 'post',
      path: '/',
      tags: ['volunteer'],
      summary:
        'Create a volunteer team (an administrator of the organisation or above: active, the creator leads it) or propose one (an active member: pending)',
      request: { body: { required: true, ...json(TeamInput) } },
      responses: {
        201: { description: 'the new team', ...json(VolunteerTeam) },
        400: refusal('invalid input or unknown region'),
        401: refusal('not logged in'),
        403: refusal('neither an administrator nor an active member of the organisation'),
        404: refusal('no such organisation'),
      },
    }),
    async (c) => {
      const row = await writeTransaction(db, (trx) => createTeam({ trx, user: currentUser(c), clock }, c.req.valid('json')))
      return c.json(toTeam(row), 201)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listTeammates',
      method: 'get',
      path: '/{id}/teammates',
      tags: ['volunteer'],
      summary: 'The other active members of a team (names and skills), for its active members',
      request: { params: TeamIdParam },
      responses: {
        200: { description: 'teammates by name', ...json(Teammates) },
        400: refusal('invalid id'),
        401: refusal('not logged in'),
        403: refusal('not an active member of this team'),
        404: refusal('no such team'),
      },
    }),
    async (c) => c.json(await teammates(db, currentUser(c), c.req.valid('param').id), 200),
  )

  return app
}
