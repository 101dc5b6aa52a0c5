/**
 * The PostgreSQL twin of `sqlite.dialect.ts` (the scale path, issue 15): kysely's PostgreSQL dialect
 * over a `pg` pool. Chosen by `DATABASE_URL=postgres://…` (server/db/open.ts).
 *
 * What makes the same queries answer the same on both engines lives here:
 * - 64-bit integers (`bigint`, and `count(*)`) and `numeric` (`sum`, `avg`) come back as JS numbers,
 *   as they do from SQLite, not as strings. Every value we store fits in 2^53 (ms timestamps, versions).
 * - The migrations are written once, for SQLite's types; `PostgresSchemaPlugin` maps them while they
 *   run: `integer` → `bigint` (SQLite integers are 64-bit: rate-limit windows are ms timestamps),
 *   `real` → `double precision`, an auto-increment key → `bigserial`, and every `text` column gets
 *   `collate "C"` — byte order, like SQLite's BINARY, whatever the database's default collation
 *   (ordering by id or ISO timestamp, and prefix ranges such as `[p, p || ':')`, then mean the same).
 */
import pg from 'pg'
import {
  ColumnDefinitionNode,
  DataTypeNode,
  Kysely,
  OperationNodeTransformer,
  PostgresAdapter,
  PostgresDialect,
  RawNode,
  sql,
  type DatabaseIntrospector,
  type KyselyPlugin,
  type SchemaMetadata,
  type TableMetadata,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely'
import type { Database, Executor } from './database'

const INT8_OID = 20
const NUMERIC_OID = 1700

/** bigint and numeric as numbers (see above); everything else as pg parses it. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format)
  },
}

export interface PostgresOptions {
  /** postgres://user@host:port/database */
  url: string
  /** connections this instance keeps at most (each instance of a fleet has its own pool) */
  max?: number
  /** a schema to work in (tests: one fresh schema each); the default search path otherwise */
  schema?: string
  /** ms an idle connection is kept */
  idleTimeoutMillis?: number
  /** tests only: commits do not wait for the WAL to reach the disk (synchronous_commit = off) */
  unsyncedCommits?: boolean
}

export function openPostgres({ url, max = 10, schema, idleTimeoutMillis = 30_000, unsyncedCommits = false }: PostgresOptions): {
  db: Kysely<Database>
  pool: pg.Pool
} {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis,
    types,
    // the extensions (pg_trgm) live in public: keep it on the path after a test's own schema
    ...(schema || unsyncedCommits
      ? { options: [schema ? `-c search_path=${schema},public` : '', unsyncedCommits ? '-c synchronous_commit=off' : ''].join(' ').trim() }
      : {}),
  })
  // an idle connection dropped by the server (restart, failover) must not crash the process: the pool replaces it
  pool.on('error', (err) => console.error('postgres pool: idle connection failed', err.message))
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) })
  return { db, pool }
}

/**
 * kysely's migrator asks the introspector whether its bookkeeping tables exist; the stock one lists
 * every table of every schema, which grows with a shared server's schemas (a test run makes hundreds).
 * This one looks only at the schema we work in.
 */
class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}
  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<SchemaMetadata>`select current_schema() as name`.execute(this.db)
    return rows
  }
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; is_view: boolean }>`
      select table_name as name, table_schema as schema, table_type = 'VIEW' as is_view
      from information_schema.tables where table_schema = current_schema()`.execute(this.db)
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.is_view, isForeign: false, columns: [] }))
  }
}

/**
 * kysely's migration lock is one advisory lock for the whole server: databases or schemas that have
 * nothing to do with each other (a test run migrates hundreds of schemas) would queue behind it.
 * This one is per schema: instances sharing a schema still migrate one at a time.
 */
class OwnSchemaPostgresAdapter extends PostgresAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`select pg_advisory_lock(hashtext('kysely_migration:' || current_schema()))`.execute(db)
  }
  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`select pg_advisory_unlock(hashtext('kysely_migration:' || current_schema()))`.execute(db)
  }
}

class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db)
  }
  override createAdapter(): PostgresAdapter {
    return new OwnSchemaPostgresAdapter()
  }
}

/** True when `db` (or a transaction on it) speaks to PostgreSQL. */
export function isPostgres(db: Executor | Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

const C_COLLATION = RawNode.createWithSql('collate "C"')

/** Maps the migrations' SQLite column types to PostgreSQL's while they run (see the file comment). */
class SchemaTransformer extends OperationNodeTransformer {
  protected override transformColumnDefinition(
    node: ColumnDefinitionNode,
    queryId?: Parameters<OperationNodeTransformer['transformNode']>[1],
  ): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node, queryId)
    if (!DataTypeNode.is(out.dataType)) return out
    const type = out.dataType.dataType
    if (out.autoIncrement) return { ...out, autoIncrement: false, dataType: DataTypeNode.create('bigserial') }
    if (type === 'integer') return { ...out, dataType: DataTypeNode.create('bigint') }
    if (type === 'real') return { ...out, dataType: DataTypeNode.create('double precision') }
    if (type === 'text') return { ...out, frontModifiers: [C_COLLATION, ...(out.frontModifiers ?? [])] }
    return out
  }
}

export class PostgresSchemaPlugin implements KyselyPlugin {
  readonly #transformer = new SchemaTransformer()
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId)
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}
