import { secureHeaders } from 'hono/secure-headers'
import { compress } from 'hono/compress'
import type { AppDeps } from './deps'
import { createRouter } from './openapi'
import { answerError } from './errors'
import { loadSession } from './middleware/session'
import { securitySchemes } from './middleware/access'
import { csrfGuard } from './middleware/csrf'
import { readBody } from './middleware/read-body'
import { clientAddress } from './middleware/client-ip'
import { hashGateOf } from './domain/attempts'
import { healthRoutes } from './routes/health'
import { authRoutes } from './routes/auth'
import { adminResetCodeRoutes, authCodeRoutes } from './routes/auth-code'
import { DevSmsSender } from './sms/sender'
import { meRoutes } from './routes/me'
import { orgRoutes } from './routes/orgs'
import { regionRoutes } from './routes/regions'
import { cardRoutes } from './routes/cards'
import { adminMembershipRoutes } from './routes/memberships'
import { syncRoutes } from './routes/sync'
import { sessionRoutes } from './routes/sessions'
import { accountRoutes } from './routes/account'
import { auditRoutes } from './routes/audit'
import { deviceAdminRoutes, deviceSelfRoutes } from './routes/devices'
import { activityRoutes, organiserActivityRoutes } from './routes/activities'
import { myActivityRoutes } from './routes/my-activities'
import { teamRoutes } from './routes/teams'
import { leadTeamRoutes } from './routes/lead-teams'
import { adminTeamRoutes } from './routes/admin-teams'
import { shiftRoutes } from './routes/shifts'
import { leadShiftRoutes } from './routes/lead-shifts'
import { leadHoursRoutes } from './routes/lead-hours'
import { myVolunteerRoutes } from './routes/my-volunteer'
import { requestRoutes } from './routes/requests'
import { adminRequestRoutes } from './routes/admin-requests'
import { leadRequestRoutes } from './routes/lead-requests'
import { adminHubRoutes, hubRoutes } from './routes/hubs'
import { kioskRoutes } from './routes/kiosk'
import { mountClient } from './static'

/**
 * The document's `servers`: the configured public origin (PUBLIC_ORIGIN) when the config has one,
 * else '/' (the origin that served the document). Read structurally: the setting is optional.
 */
export function apiServers(config: Pick<AppDeps['config'], 'publicOrigin'>): { url: string }[] {
  return [{ url: config.publicOrigin ?? '/' }]
}

/** Builds the whole HTTP app from its dependencies; no I/O happens on import. */
export function createApp(given: AppDeps) {
  // one hash gate for every route that checks passwords; messages kept in memory unless a sender is given
  const deps = { ...given, hashGate: hashGateOf(given), sms: given.sms ?? new DevSmsSender({ log: () => {} }) }
  const app = createRouter()

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: 'DENY',
      crossOriginEmbedderPolicy: false,
      // defaults only: a route that sets its own (the calendar feed's no-referrer) keeps it
      overwrite: false,
    }),
  )
  app.use('/api/*', async (c, next) => {
    await next()
    // API answers carry personal data: never stored by shared caches or the HTTP cache.
    if (!c.res.headers.get('Cache-Control')) c.header('Cache-Control', 'no-store')
  })
  app.use('/api/*', compress())
  // every path, not only /api: a POST with a body to any URL must not break the connection either
  app.use('*', readBody())
  app.use('/api/*', clientAddress(deps.config.trustedProxies))
  app.use('/api/*', csrfGuard(deps.config.allowedOrigins))
  app.use('/api/*', loadSession(deps))

  // Each route declares who may call it (server/middleware/access.ts), so the mount order carries no rule.
  app.route('/api/health', healthRoutes())
  app.route('/api/auth', authRoutes(deps))
  app.route('/api/auth', authCodeRoutes(deps))
  app.route('/api/me', meRoutes(deps))
  app.route('/api/me', myActivityRoutes(deps))
  app.route('/api/sync', syncRoutes(deps))
  app.route('/api/orgs', orgRoutes(deps))
  app.route('/api/regions', regionRoutes(deps))
  app.route('/api/cards', cardRoutes(deps))
  app.route('/api/admin', adminMembershipRoutes(deps))
  app.route('/api/admin', adminResetCodeRoutes(deps))
  app.route('/api/me/sessions', sessionRoutes(deps))
  app.route('/api/me', accountRoutes(deps))
  app.route('/api/admin/audit', auditRoutes(deps))
  app.route('/api/admin/devices', deviceAdminRoutes(deps))
  app.route('/api/device', deviceSelfRoutes(deps))
  app.route('/api/activities', activityRoutes(deps))
  app.route('/api/admin/activities', organiserActivityRoutes(deps))
  app.route('/api/teams', teamRoutes(deps))
  app.route('/api/lead/teams', leadTeamRoutes(deps))
  app.route('/api/admin/teams', adminTeamRoutes(deps))
  app.route('/api/shifts', shiftRoutes(deps))
  app.route('/api/lead', leadShiftRoutes(deps))
  app.route('/api/lead', leadHoursRoutes(deps))
  app.route('/api/me', myVolunteerRoutes(deps))
  app.route('/api/requests', requestRoutes(deps))
  app.route('/api/admin/requests', adminRequestRoutes(deps))
  app.route('/api/lead/requests', leadRequestRoutes(deps))
  app.route('/api/admin/hubs', adminHubRoutes(deps))
  app.route('/api/hubs', hubRoutes(deps))
  app.route('/api/kiosk', kioskRoutes(deps))

  for (const [name, scheme] of Object.entries(securitySchemes(deps.config)))
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme)
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: '科技工作者之家 · Scientists’ Home API', version: '1' },
    servers: apiServers(deps.config),
  })

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404))
  app.onError(answerError)

  if (deps.config.clientDir) mountClient(app, deps.config.clientDir)
  return app
}
