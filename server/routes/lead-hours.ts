/**
 * `/api/lead`: a team leader's day — the shift desk's list, no-shows, approving and correcting hours,
 * the no-show board and the CSV of service records. Every route is for members (`access.member`);
 * the object rule — a leader of the team the shift or sign-up belongs to (or an admin of its
 * organisation) — is assertLeadsTeam in the services (server/domain/volunteer-hours.ts).
 */
import { createRoute, z } from '@hono/zod-openapi'
import {
  HoursApproveInput,
  HoursCorrectionInput,
  HoursPage,
  HoursQuery,
  NoShowBoard,
  NoShowInput,
  RecordsCsvQuery,
  ShiftIdParam,
  ShiftRoster,
  ShiftRosterItem,
  SignupIdParam,
  TeamIdParam,
} from '../../shared/schemas/volunteer'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { exportLanguage } from '../domain/language'
import { approveHours, correctHours, hoursPage, markNoShows, noShowBoard, shiftRoster } from '../domain/volunteer-hours'
import { exportTeamRecords } from '../domain/volunteer-records-export'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not a leader of this volunteer team (nor an admin of its organisation)'),
}

export function leadHoursRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getShiftRoster',
      method: 'get',
      path: '/shifts/{id}/roster',
      tags: ['volunteer'],
      summary: "The shift desk's list: live sign-ups and walk-ins, phones masked, member numbers for offline check-in",
      request: { params: ShiftIdParam },
      responses: { 200: { description: 'the list', ...json(ShiftRoster) }, ...refusals, 404: refusal('no such shift') },
    }),
    async (c) => c.json(await shiftRoster(db, currentUser(c), c.req.valid('param').id), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'markShiftNoShows',
      method: 'post',
      path: '/shifts/{id}/no-shows',
      tags: ['volunteer'],
      summary: 'Mark people signed up and not checked in as no-shows (after the start; no hours); audited',
      request: { params: ShiftIdParam, body: { content: { 'application/json': { schema: NoShowInput } }, required: true } },
      responses: {
        200: { description: 'the list after', ...json(ShiftRoster) },
        ...refusals,
        404: refusal('no such shift'),
        409: refusal('not started yet, or a sign-up that cannot be marked'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { signupIds } = c.req.valid('json')
      const out = await writeTransaction(db, (trx) => markNoShows({ trx, user, clock }, c.req.valid('param').id, signupIds))
      return c.json(out, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listTeamHours',
      method: 'get',
      path: '/teams/{id}/hours',
      tags: ['volunteer'],
      summary: "The team's attendance and hours (filter by hours status and shift start), newest first",
      request: { params: TeamIdParam, query: HoursQuery },
      responses: { 200: { description: 'a page', ...json(HoursPage) }, ...refusals, 404: refusal('no such team') },
    }),
    async (c) => c.json(await hoursPage(db, currentUser(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'approveTeamHours',
      method: 'post',
      path: '/teams/{id}/hours/approve',
      tags: ['volunteer'],
      summary: "Approve the pending hours of the team's sign-ups (all or none); each person is told; audited",
      request: { params: TeamIdParam, body: { content: { 'application/json': { schema: HoursApproveInput } }, required: true } },
      responses: {
        200: { description: 'how many were approved', ...json(z.object({ approved: z.number().int() })) },
        ...refusals,
        404: refusal('no such team'),
        409: refusal('a sign-up not of this team or without pending hours'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { signupIds } = c.req.valid('json')
      const out = await writeTransaction(db, (trx) => approveHours({ trx, user, clock }, c.req.valid('param').id, signupIds))
      return c.json(out, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'correctSignupHours',
      method: 'post',
      path: '/signups/{id}/hours',
      tags: ['volunteer'],
      summary: "Correct a sign-up's minutes with a reason (approved as corrected); audited with the old and new minutes",
      request: { params: SignupIdParam, body: { content: { 'application/json': { schema: HoursCorrectionInput } }, required: true } },
      responses: {
        200: { description: 'the desk line after', ...json(ShiftRosterItem) },
        ...refusals,
        404: refusal('no such sign-up'),
        409: refusal('not checked in'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { minutes, reason } = c.req.valid('json')
      const out = await writeTransaction(db, (trx) => correctHours({ trx, user, clock }, c.req.valid('param').id, minutes, reason))
      return c.json(out, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getTeamNoShows',
      method: 'get',
      path: '/teams/{id}/no-shows',
      tags: ['volunteer'],
      summary: 'The no-show board: who missed shifts of the team in the last 90 days',
      request: { params: TeamIdParam },
      responses: { 200: { description: 'the board', ...json(NoShowBoard) }, ...refusals, 404: refusal('no such team') },
    }),
    async (c) => c.json(await noShowBoard(db, currentUser(c), c.req.valid('param').id, clock.now()), 200),
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'exportTeamRecordsCsv',
      method: 'get',
      path: '/teams/{id}/records.csv',
      tags: ['volunteer'],
      summary:
        'Approved service records as CSV in the fields of the national volunteer-record rules (UTF-8 with BOM, Beijing times, phones masked, no ID-card numbers); audited',
      request: { params: TeamIdParam, query: RecordsCsvQuery },
      responses: {
        200: { description: 'text/csv', content: { 'text/csv': { schema: z.string() } } },
        ...refusals,
        404: refusal('no such team'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const { id } = c.req.valid('param')
      const { from, to, lang } = c.req.valid('query')
      const language = exportLanguage(lang, c.req.header('accept-language'))
      const csv = await writeTransaction(db, (trx) => exportTeamRecords({ trx, user, clock }, id, { from, to, lang: language }))
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-language': language,
        vary: 'Accept-Language',
        'content-disposition': `attachment; filename="volunteer-records-${id}.csv"`,
      })
    },
  )

  return app
}
