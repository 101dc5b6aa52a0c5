import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { PullQuery, PullResponse, PushRequest, PushResponse } from '../../shared/schemas/sync'
import type { AppDeps } from '../deps'
import type { AppEnv } from '../env'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { deviceActor, memberActor, type Actor } from '../sync/actor'
import { checkSchemaVersion } from '../sync/limits'
import { push } from '../sync/push'
import { pull } from '../sync/pull'
import { mutationBudget } from '../sync/budget'
import { keyedQueue, turnstile } from '../sync/fairness'

const errors = {
  400: refusal('malformed request (not JSON, missing fields, more than 100 mutations, oversized strings)'),
  401: refusal('not logged in, or an unknown or revoked device credential'),
  403: refusal('the clientId belongs to another account or device (client_not_yours)'),
  409: refusal('client_outdated: update the app; server_outdated: retry later'),
}

/** The device when the request authenticated as one (access.memberOrDevice), else the logged-in person. */
function currentActor(c: Context<AppEnv>): Actor {
  const device = c.get('device')
  return device ? deviceActor(device) : memberActor(currentUser(c))
}

/**
 * The offline sync protocol (server/sync/push.ts and pull.ts state it step by step), for a member's
 * session or a kiosk's device credential alike.
 */
export function syncRoutes({ db, clock, config }: AppDeps) {
  const app = createRouter()
  const budget = mutationBudget(config.mutationBudget, clock, db)
  // Per process, and correct with several instances (issue 15): both only order work inside this
  // process. A client's two overlapping pushes reaching two instances still apply its mutations once
  // and in order — each instance walks the batch in order, a mutation is recorded (sync_mutations,
  // unique per client) in the transaction that applies it, and the writers' lock orders those commits.
  const serialise = keyedQueue()
  const turn = turnstile()

  app.openapi(
    createRoute({
      ...access.memberOrDevice({ db, clock }),
      operationId: 'syncPush',
      method: 'post',
      path: '/push',
      tags: ['sync'],
      summary: 'Apply a client’s outbox exactly once, in order',
      description:
        'One result per mutation, in order. A mutation id this client sent before is answered with its first result and changes nothing. ' +
        'A business rejection or a malformed mutation is a result (status rejected, with a code and a readable message) and the batch goes on. ' +
        'An unexpected server failure (`retry_later`) or the account’s spent mutation budget (`rate_limited`) stops the batch: ' +
        '`retry` names the first unprocessed mutation; it and the rest stay in the outbox and are sent again with backoff.',
      request: { body: { required: true, ...json(PushRequest) } },
      responses: {
        200: { description: 'results, in order', ...json(PushResponse) },
        ...errors,
        413: refusal('body larger than 1 MiB'),
        415: refusal('body is not application/json'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      checkSchemaVersion(body.schemaVersion)
      return c.json(await push({ db, clock, budget, serialise, turn }, currentActor(c), body), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.memberOrDevice({ db, clock }),
      operationId: 'syncPull',
      method: 'get',
      path: '/pull',
      tags: ['sync'],
      summary: 'Changes this caller may see since a cursor, in pages',
      description:
        'Changes ordered by version; `cursor` is the version to send next time (a server version, never a device clock). ' +
        '`reset: true` means the cursor is older than the kept tombstones (or from another database): flush the outbox, drop the replica, pull from 0. ' +
        'With `clientId`, `results` carries this client’s mutation results up to the new cursor, and the server forgets the results at or below the cursor sent.',
      request: { query: PullQuery },
      responses: {
        200: { description: 'one page of changes', ...json(PullResponse) },
        ...errors,
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      checkSchemaVersion(query.schemaVersion)
      return c.json(await pull({ db, clock }, currentActor(c), query), 200)
    },
  )

  return app
}
