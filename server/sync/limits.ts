import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { DomainError } from '../errors'

/**
 * Oldest client protocol version this server still understands; older clients must update (their
 * outbox is kept and pushed by the updated app). 2: a version-1 app reads activity `hours`, which the
 * server no longer sends (it is `creditHours`), so it would show no credit hours at all.
 */
export const MIN_CLIENT_SCHEMA_VERSION = 2

/** Tombstones outlive the longest offline window we promise (DESIGN.md: 30 days). */
export const TOMBSTONE_KEEP_MS = 30 * 24 * 3600_000

/**
 * An idempotency record is forgotten only after the client pulled past it AND it is older than
 * this: a duplicate of a push still travelling through the network (a proxy retrying, a request
 * stuck in a queue) must still meet its record. Like TCP's maximum segment lifetime.
 */
export const RECORD_MIN_AGE_MS = 10 * 60_000

/** 409 for a client too old (it offers the update) or too new (a rollout not finished: retry). */
export function checkSchemaVersion(version: number | undefined): void {
  if (version === undefined) return
  if (version < MIN_CLIENT_SCHEMA_VERSION) {
    throw new DomainError('client_outdated', 'this version of the app is too old to sync; please update it')
  }
  if (version > SYNC_SCHEMA_VERSION) {
    throw new DomainError('server_outdated', 'the server is being updated; try again in a few minutes')
  }
}
