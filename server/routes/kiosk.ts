/**
 * The kiosk's enrolment (issue 14): `POST /api/kiosk/enrol` turns a one-time code an admin issued for
 * a hub into a device credential (`Authorization: Device <token>`). No session; rate-limited by the
 * caller's address before the code is looked at (429 too_many_attempts with Retry-After).
 */
import { createRoute, z } from '@hono/zod-openapi'
import { KioskEnrolInput } from '../../shared/schemas/hub'
import { DeviceSelf } from '../../shared/schemas/device'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { clientIp } from '../middleware/client-ip'
import { secondsLeftInWindow, takeAttempts } from '../db/rate-limit.repository'
import { DomainError } from '../errors'
import { enrolKiosk } from '../domain/kiosk-enrolment'

/** Enrolment attempts one address may make in one login window (codes have 40 bits; this keeps guessing hopeless). */
export const KIOSK_ENROL_LIMIT_PER_IP = 10

export const KioskEnrolled = z.object({ token: z.string(), device: DeviceSelf })

export function kioskRoutes({ db, clock, config }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'enrolKiosk',
      method: 'post',
      path: '/enrol',
      tags: ['kiosk'],
      summary: 'Enrol this tablet as a kiosk of the hub the one-time code was issued for (token shown once)',
      request: { body: { required: true, ...json(KioskEnrolInput) } },
      responses: {
        201: { description: 'the device credential', ...json(KioskEnrolled) },
        400: refusal('invalid input'),
        409: refusal('the hub is closed'),
        422: refusal('the code is wrong, used or expired'),
        429: refusal('too many attempts from this address; Retry-After says when'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const now = clock.now().getTime()
      const refused = await takeAttempts(db, [[`kiosk-enrol:ip:${clientIp(c)}`, KIOSK_ENROL_LIMIT_PER_IP]], config.loginWindowMs, now)
      if (refused !== null) {
        c.header('Retry-After', String(secondsLeftInWindow(config.loginWindowMs, now)))
        throw new DomainError('too_many_attempts', 'too many enrolment attempts from this address; wait and try again')
      }
      return c.json(await enrolKiosk(db, clock, input), 201)
    },
  )

  return app
}
