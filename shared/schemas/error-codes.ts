/**
 * Every error code the server can answer, over REST (`{ error: { code, message } }`) and sync (a
 * rejected mutation's `code`, a push's `retry.code`). One list, so the server cannot invent a code the
 * client has no words for: server/errors.ts maps each to an HTTP status, and the client's
 * client/i18n/error-messages.ts must give each a zh-CN and an English message (the compiler and
 * tests/client/error-messages.test.ts check both). A new refusal starts here.
 */
export const ERROR_CODES = [
  // the request itself (any route)
  'invalid_input',
  'payload_too_large',
  'http_error',
  'unsupported_media_type',
  'bad_origin',
  'not_found',
  'internal',
  // who is asking
  'unauthorized',
  'forbidden',
  'bad_credentials',
  'too_many_attempts',
  'busy',
  'device_unauthorized',
  // accounts and profiles
  'phone_taken',
  'weak_password',
  'unknown_region',
  'invalid_region',
  'region_required',
  'code_invalid',
  // sync protocol
  'client_outdated',
  'server_outdated',
  'client_not_yours',
  'not_for_devices',
  'retry_later',
  'rate_limited',
  'unknown_mutation',
  'invalid_args',
  // memberships
  'org_not_found',
  'org_not_established',
  'already_member',
  'too_many_pending',
  'too_many_memberships',
  'membership_id_taken',
  'not_live',
  'not_pending',
  'not_active',
  'is_admin',
  // activities: publishing and editing
  'ends_before_start',
  'registration_window_inverted',
  'registration_closes_after_end',
  'activity_cancelled',
  'capacity_below_taken',
  // activities: registering
  'activity_not_found',
  'registration_not_open',
  'registration_closed',
  'members_only',
  'already_registered',
  'registration_id_taken',
  'activity_started',
  // activities: check-in
  'card_invalid',
  'card_revoked',
  'not_on_list',
  'check_in_not_open',
  'check_in_closed',
  'check_in_id_taken',
  'already_checked_in',
  // volunteer services
  'team_not_found',
  'team_not_active',
  'already_on_team',
  'team_member_id_taken',
  'invite_invalid',
  'not_team_member',
  'last_leader',
  'shift_not_found',
  'shift_cancelled',
  'shift_started',
  'shift_too_short',
  'shift_too_long',
  'already_signed_up',
  'signup_id_taken',
  'cancel_cutoff_passed',
  'swap_not_possible',
  'swap_not_pending',
  'not_checked_in',
  'already_checked_out',
  'hours_not_ready',
  // hubs, kiosks and service requests
  'hub_not_found',
  'hub_closed',
  'region_outside_org',
  'enrolment_code_invalid',
  'not_at_hub',
  'kiosk_only',
  'request_not_found',
  'request_number_taken',
  'request_not_allowed',
  'deadline_invalid',
  'rating_closed',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code)
