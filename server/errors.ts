import type { Transaction } from 'kysely'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from '../shared/schemas/error-codes'
import type { Database } from './db/database'

/**
 * The HTTP status of each code, in one place. A domain function does not know whether a route or a
 * mutator called it: it throws a DomainError, `app.onError` answers with this status, and the push
 * engine records it as a `rejected` result (status ignored). Sync-only codes have a status too, so a
 * rule shared by a route and a mutator answers sensibly on both paths.
 */
export const ERROR_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  payload_too_large: 413,
  http_error: 400,
  unsupported_media_type: 415,
  bad_origin: 403,
  not_found: 404,
  internal: 500,
  unauthorized: 401,
  forbidden: 403,
  bad_credentials: 401,
  too_many_attempts: 429,
  busy: 503,
  device_unauthorized: 401,
  phone_taken: 409,
  weak_password: 422,
  unknown_region: 400,
  invalid_region: 400,
  region_required: 400,
  code_invalid: 401,
  client_outdated: 409,
  server_outdated: 409,
  client_not_yours: 403,
  not_for_devices: 403,
  retry_later: 503,
  rate_limited: 429,
  unknown_mutation: 400,
  invalid_args: 400,
  org_not_found: 404,
  org_not_established: 409,
  already_member: 409,
  too_many_pending: 409,
  too_many_memberships: 409,
  membership_id_taken: 409,
  not_live: 409,
  not_pending: 409,
  not_active: 409,
  is_admin: 409,
  ends_before_start: 422,
  registration_window_inverted: 422,
  registration_closes_after_end: 422,
  activity_cancelled: 409,
  capacity_below_taken: 409,
  activity_not_found: 404,
  registration_not_open: 409,
  registration_closed: 409,
  members_only: 403,
  already_registered: 409,
  registration_id_taken: 409,
  activity_started: 409,
  card_invalid: 422,
  card_revoked: 409,
  not_on_list: 404,
  check_in_not_open: 409,
  check_in_closed: 409,
  check_in_id_taken: 409,
  already_checked_in: 409,
  team_not_found: 404,
  team_not_active: 409,
  already_on_team: 409,
  team_member_id_taken: 409,
  invite_invalid: 422,
  not_team_member: 403,
  last_leader: 409,
  shift_not_found: 404,
  shift_cancelled: 409,
  shift_started: 409,
  shift_too_short: 422,
  shift_too_long: 422,
  already_signed_up: 409,
  signup_id_taken: 409,
  cancel_cutoff_passed: 409,
  swap_not_possible: 409,
  swap_not_pending: 409,
  not_checked_in: 409,
  already_checked_out: 409,
  hours_not_ready: 409,
  hub_not_found: 404,
  hub_closed: 409,
  region_outside_org: 422,
  enrolment_code_invalid: 422,
  not_at_hub: 403,
  kiosk_only: 403,
  request_not_found: 404,
  request_number_taken: 409,
  request_not_allowed: 409,
  deadline_invalid: 422,
  rating_closed: 409,
}

export interface DomainErrorExtra {
  /**
   * Writes that must stand although the change was refused (the audit entry of a refused check-in).
   * The push engine runs them after rolling the mutation back, in the transaction that records the
   * result; a REST route that wants them runs them itself.
   */
  keep?: (trx: Transaction<Database>) => Promise<void>
  /** JSON the client gets with the refusal (a sync result's `data`) */
  data?: unknown
}

/**
 * The one error for an expected "no": a business rule, a permission, a missing row. Thrown by domain
 * code, routes, middleware and mutators alike. REST answers `{ error: { code, message } }` with
 * ERROR_STATUS[code]; sync records a `rejected` result — never `retry`, which is only for outages.
 */
export class DomainError extends Error {
  readonly keep?: DomainErrorExtra['keep']
  readonly data?: unknown
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: DomainErrorExtra = {},
  ) {
    super(message)
    this.name = 'DomainError'
    this.keep = extra.keep
    this.data = extra.data
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code]
  }
}

export const unauthorized = (message = 'please log in') => new DomainError('unauthorized', message)
export const forbidden = (message = 'you may not do this') => new DomainError('forbidden', message)
export const notFound = (what = 'resource') => new DomainError('not_found', `${what} not found`)

/** `app.onError`: every thrown error as `{ error: { code, message } }`; anything unexpected is a logged 500. */
export function answerError(err: Error, c: Context): Response {
  // a domain refusal from anywhere below (route, domain function, middleware): status by its code
  if (err instanceof DomainError) return c.json({ error: { code: err.code, message: err.message } }, err.status)
  if (err instanceof HTTPException) {
    const status = err.status
    const code: ErrorCode = status === 400 ? 'invalid_input' : status === 413 ? 'payload_too_large' : 'http_error'
    return c.json({ error: { code, message: err.message || 'bad request' } }, status)
  }
  console.error('unhandled error', c.req.method, c.req.path, err)
  const code: ErrorCode = 'internal'
  return c.json({ error: { code, message: 'something went wrong on our side' } }, 500)
}
