/**
 * Did this write fail on a unique index or primary key? By the driver's error code, never by the
 * message text (which changes with driver versions and languages): better-sqlite3 answers
 * `SQLITE_CONSTRAINT_UNIQUE` / `SQLITE_CONSTRAINT_PRIMARYKEY`, PostgreSQL (the scale path) SQLSTATE 23505.
 * Callers turn it into the business answer ("already registered", "phone taken").
 */
const UNIQUE_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505'])

export function isUniqueViolation(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined
  return typeof code === 'string' && UNIQUE_CODES.has(code)
}
