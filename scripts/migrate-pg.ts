/**
 * Copies an existing SQLite database into the PostgreSQL at DATABASE_URL (issue 15), once, when a
 * deployment moves from the embedded database to PostgreSQL:
 *
 *   DATABASE_URL=postgres://… npm run migrate:pg -- data/app.db
 *
 * 1. refuses unless DATABASE_URL is PostgreSQL and the target holds no organisations (it never
 *    merges into live data);
 * 2. migrates the target to the latest schema and checks the source is at the same migration
 *    (else: start the app once on the file first, which migrates it);
 * 3. copies every table but kysely's bookkeeping and the search index (org_search_doc and
 *    org_search_fts*: the PostgreSQL trigger fills org_search_doc as organisations arrive), parents
 *    before children by their foreign keys, in batches, in one transaction;
 * 4. resets every bigserial sequence to the copied maximum (audit_log's id);
 * 5. compares the row counts table by table and prints them; any mismatch rolls the copy back and
 *    exits non-zero.
 * Exit codes: 0 copied, 1 refused or failed (message on stderr).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import type { Database, DB } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { isPostgresUrl } from '../server/db/open'
import { isPostgres, openPostgres } from '../server/db/postgres.dialect'
import { writeTransaction } from '../server/db/transaction'

/** Not copied: kysely's bookkeeping, SQLite's own tables, and the search index each engine builds itself. */
const skipped = (table: string) => /^(kysely_|sqlite_|org_search_)/.test(table)
/** Rows the migrations themselves insert (the sync counter, the pull horizon): replaced by the source's. */
const MIGRATION_FILLED = new Set(['sync_state', 'sync_horizon'])
/** Bound values per insert: under PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000

export interface TableCount {
  table: string
  source: number
  target: number
}

/** Tables ordered parents first by their foreign keys (self-references aside); regions before organizations. */
function copyOrder(src: SQLite.Database, tables: string[]): string[] {
  const parents = new Map<string, Set<string>>()
  for (const t of tables) {
    const fks = src.prepare(`select "table" from pragma_foreign_key_list(?)`).pluck().all(t) as string[]
    parents.set(t, new Set(fks.filter((p) => p !== t && tables.includes(p))))
  }
  // org_search_doc's trigger reads the organisation's region
  if (parents.has('organizations') && tables.includes('regions')) parents.get('organizations')!.add('regions')
  const done: string[] = []
  const visiting = new Set<string>()
  const visit = (t: string) => {
    if (done.includes(t)) return
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle through ${t}`)
    visiting.add(t)
    for (const p of [...parents.get(t)!].sort()) visit(p)
    visiting.delete(t)
    done.push(t)
  }
  for (const t of [...tables].sort()) visit(t)
  return done
}

export async function migrateSqliteToPostgres(
  sqliteFile: string,
  pg: DB,
  log: (line: string) => void = console.log,
): Promise<TableCount[]> {
  if (!isPostgres(pg)) throw new Error('the target is not PostgreSQL')
  const src = new SQLite(sqliteFile, { readonly: true, fileMustExist: true })
  try {
    await migrateToLatest(pg)
    const applied = (db: string[]) => db.sort().join('\n')
    const sourceMigrations = applied(src.prepare('select name from kysely_migration').pluck().all() as string[])
    const targetMigrations = applied((await sql<{ name: string }>`select name from kysely_migration`.execute(pg)).rows.map((r) => r.name))
    if (sourceMigrations !== targetMigrations)
      throw new Error(
        `${sqliteFile} is not at the latest migration of this version: start the app once on that file (DATA_DIR pointing at it, without DATABASE_URL), stop it, then run this again`,
      )

    const tables = copyOrder(
      src,
      (src.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]).filter((t) => !skipped(t)),
    )
    const targetColumns = new Map<string, Set<string>>()
    for (const r of (
      await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
        where table_schema = current_schema()`.execute(pg)
    ).rows)
      targetColumns.set(r.table_name, (targetColumns.get(r.table_name) ?? new Set()).add(r.column_name))

    return await writeTransaction(pg, async (trx) => {
      const count = async (t: string) => Number((await sql<{ n: number }>`select count(*) n from ${sql.table(t)}`.execute(trx)).rows[0]!.n)
      if ((await count('organizations')) > 0)
        throw new Error(
          'the PostgreSQL database already holds organisations: this copies into an empty database only, never into live data',
        )
      for (const t of tables) {
        if (!targetColumns.has(t)) throw new Error(`table ${t} is missing in PostgreSQL`)
        if ((await count(t)) === 0) continue
        if (!MIGRATION_FILLED.has(t)) throw new Error(`the PostgreSQL table ${t} is not empty: this copies into an empty database only`)
        await sql`delete from ${sql.table(t)}`.execute(trx)
      }

      for (const t of tables) {
        const columns = (src.prepare(`select name from pragma_table_info(?)`).pluck().all(t) as string[]).filter((c) =>
          targetColumns.get(t)!.has(c),
        )
        const missing = (src.prepare(`select name from pragma_table_info(?)`).pluck().all(t) as string[]).filter(
          (c) => !targetColumns.get(t)!.has(c),
        )
        if (missing.length) throw new Error(`PostgreSQL's ${t} lacks ${missing.join(', ')}`)
        const size = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
        // rowid order: parents of a self-reference (organisations) were inserted before their children
        const hasRowid = !/without\s+rowid/i.test(
          (src.prepare("select sql from sqlite_master where type = 'table' and name = ?").pluck().get(t) as string) ?? '',
        )
        const select = src.prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${t}"${hasRowid ? ' order by rowid' : ''}`)
        let batch: Array<Record<string, unknown>> = []
        const flush = async () => {
          // any table, by name: plain column → value rows, checked against PostgreSQL's columns above
          if (batch.length)
            await trx
              .insertInto(t as keyof Database)
              .values(batch as never)
              .execute()
          batch = []
        }
        for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
          batch.push(row)
          if (batch.length >= size) await flush()
        }
        await flush()
      }

      // bigserial columns: continue after the copied ids
      const serials = (
        await sql<{ table_name: string; column_name: string; seq: string }>`select table_name, column_name,
            pg_get_serial_sequence(quote_ident(table_name), column_name) seq
          from information_schema.columns where table_schema = current_schema() and column_default like 'nextval(%'`.execute(trx)
      ).rows.filter((r) => r.seq && tables.includes(r.table_name))
      for (const s of serials)
        await sql`select setval(${s.seq}, coalesce(max(${sql.ref(s.column_name)}), 1), max(${sql.ref(s.column_name)}) is not null)
          from ${sql.table(s.table_name)}`.execute(trx)

      const counts: TableCount[] = []
      for (const t of tables)
        counts.push({ table: t, source: src.prepare(`select count(*) from "${t}"`).pluck().get() as number, target: await count(t) })
      const width = Math.max(...counts.map((c) => c.table.length))
      for (const c of counts)
        log(
          `${c.table.padEnd(width)}  ${String(c.source).padStart(9)} → ${String(c.target).padStart(9)}${c.source === c.target ? '' : '  MISMATCH'}`,
        )
      const bad = counts.filter((c) => c.source !== c.target)
      if (bad.length) throw new Error(`row counts differ in ${bad.map((c) => c.table).join(', ')}: nothing was copied`)
      return counts
    })
  } finally {
    src.close()
  }
}

async function main() {
  const file = process.argv[2]
  if (!file) throw new Error('usage: DATABASE_URL=postgres://… npm run migrate:pg -- <sqlite file>')
  const url = process.env.DATABASE_URL
  if (!isPostgresUrl(url)) throw new Error('set DATABASE_URL to the PostgreSQL database to fill (postgres://…)')
  const { db } = openPostgres({ url })
  try {
    const started = performance.now()
    const counts = await migrateSqliteToPostgres(resolve(file), db)
    const rows = counts.reduce((n, c) => n + c.target, 0)
    console.log(`migrate:pg ok: ${counts.length} tables, ${rows} rows in ${Math.round(performance.now() - started)} ms`)
  } finally {
    await db.destroy()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main().catch((err: unknown) => {
    console.error(`migrate:pg refused: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  })
