/** The person's own volunteer side over REST: the service certificate (the rest syncs). */
import { createRoute } from '@hono/zod-openapi'
import { VolunteerCertificate } from '../../shared/schemas/volunteer'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { issueCertificate } from '../domain/volunteer-certificate'

export function myVolunteerRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'getMyVolunteerCertificate',
      method: 'get',
      path: '/volunteer/certificate',
      tags: ['volunteer', 'me'],
      summary: 'My volunteer service certificate: approved records and a QR signed with the card keys (verifies offline)',
      responses: { 200: { description: 'the certificate', ...json(VolunteerCertificate) }, 401: refusal('not logged in') },
    }),
    async (c) => c.json(await issueCertificate(db, clock, currentUser(c)), 200),
  )

  return app
}
