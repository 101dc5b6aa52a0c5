/**
 * The client's one error type, for the REST API (client/api/http.ts), the sync protocol
 * (client/lib/transport.ts, client/lib/sync.ts) and the device's own refusals (NotSignedInError).
 * Screens ask one question of it: no answer arrived (`isNetworkError`), or an answer said no
 * (`refusalOf`, whose `code` the i18n messages translate). Anything else is a bug and is thrown on.
 */

/**
 *   network   no answer: offline, DNS, connection reset, timeout (status 0)
 *   server    the server failed or asked us to wait (5xx, 408, 429): retried
 *   auth      nobody (or somebody else) is signed in (401, or this device's own check)
 *   outdated  this app version is too old for the server (409 client_outdated)
 *   refused   any other answer that says no (400, 403, 404, 409 …)
 */
export type ErrorKind = 'network' | 'server' | 'auth' | 'outdated' | 'refused'

export function kindOfStatus(status: number, code: string): ErrorKind {
  if (status === 0) return 'network'
  if (status === 401) return 'auth'
  if (status === 409 && code === 'client_outdated') return 'outdated'
  if (status >= 500 || status === 429 || status === 408) return 'server'
  return 'refused'
}

export class ClientError extends Error {
  constructor(
    /** the HTTP status, 0 when no answer arrived (or the refusal is this device's own) */
    readonly status: number,
    /** the server's error code (`{ error: { code } }`), or network, server, bad_response … */
    readonly code: string,
    message: string,
    readonly kind: ErrorKind = kindOfStatus(status, code),
  ) {
    super(message)
    this.name = 'ClientError'
  }

  /** No answer from the server: offline, DNS, connection reset, timeout. */
  get isNetwork(): boolean {
    return this.kind === 'network'
  }
}

/** Thrown by mutate/retry when the engine's account is not (or no longer) signed in on this device. */
export class NotSignedInError extends ClientError {
  constructor() {
    super(0, 'not_signed_in', 'not signed in: nothing was saved', 'auth')
    this.name = 'NotSignedInError'
  }
}

/**
 * No answer arrived. Takes a thrown error or the sync status's stored `lastError` ({ code }), so
 * the status bar and the screens decide "offline" the same way.
 */
export function isNetworkError(err: unknown): boolean {
  if (err instanceof ClientError) return err.isNetwork
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'network'
}

/**
 * The error of a request that failed for a reason the screen shows (network or an answer); any
 * other error (a bug, a shape we do not understand in code) is thrown on. Use in a catch block:
 * `const e = expectedError(err)`.
 */
export function expectedError(err: unknown): ClientError {
  if (err instanceof ClientError) return err
  throw err
}

/** The server's (or the device's) "no", or null when no answer arrived; a bug is thrown on. */
export function refusalOf(err: unknown): ClientError | null {
  const e = expectedError(err)
  return e.isNetwork ? null : e
}
