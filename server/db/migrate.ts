import { sql, type Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { migrations } from './migrations/index'
import { isPostgres, PostgresSchemaPlugin } from './postgres.dialect'

/**
 * Runs every pending migration; throws with the first failure. On PostgreSQL the migrations' SQLite
 * column types are mapped as they run (postgres.dialect.ts), all pending ones in one transaction, under
 * kysely's advisory lock: instances starting together migrate once.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  // kysely looks for its bookkeeping tables across all schemas unless told which one is ours
  const schema = pg ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined
  const migrator = new Migrator({
    db: pg ? db.withPlugin(new PostgresSchemaPlugin()) : db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
}
