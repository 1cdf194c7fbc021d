import "server-only";
import fs from "node:fs";
import Database from "better-sqlite3";
import { getTableColumns, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { copyPlan, type TablePlan } from "./copy-plan";
import { pages, sourcePage, TableDigest, targetPage, type SourceDb, type TargetDb } from "./copy-rows";
import { databaseError } from "./errors";
import { closeDatabase } from "./index";
import { migrate, migrationsFolder } from "./migrate";
import { openPostgres } from "./postgres";
import { withTransaction } from "./transaction";

/** A reason to stop that the person running the copy can act on; nothing was written. */
export class CopyError extends Error {}

export type TableReport = { name: string; rows: number; checksum: string };

/**
 * Copies every table of the Roomdesk SQLite database at `from` into the PostgreSQL database at `to`, which
 * must hold no Roomdesk rows (its migrations are applied first). Rows keep their ids; identity sequences
 * continue after them. Everything happens in one PostgreSQL transaction, committed only after each table's
 * row count and checksum read back from PostgreSQL equal the source's: on any failure the target stays empty.
 */
export async function copyDatabase(from: string, to: string, batchSize = 500): Promise<TableReport[]> {
  const source = openSource(from);
  try {
    const target = openPostgres(to, 1);
    try {
      await migrate(target);
      const { rows } = await (target as unknown as TargetDb).execute<{ hash: string }>(
        sql`select hash from "drizzle"."__drizzle_migrations" order by created_at`,
      );
      checkJournal(
        "The target database",
        rows.map((row) => row.hash),
        "postgres",
      );
      return await withTransaction(target, (tx) => copyInto(source, tx as unknown as TargetDb, batchSize));
    } finally {
      await closeDatabase(target);
    }
  } finally {
    source.$client.close();
  }
}

/** The source, read-only, after checking it is a Roomdesk database at exactly this version's migrations. */
function openSource(file: string): SourceDb & { $client: Database.Database } {
  if (!fs.existsSync(file)) throw new CopyError(`--from ${file}: no such file.`);
  let client: Database.Database | undefined;
  try {
    client = new Database(file, { readonly: true, fileMustExist: true });
    const journal = client
      .prepare(`select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'`)
      .get();
    if (!journal) throw new CopyError(`--from ${file} is not a Roomdesk database: it has no migration journal.`);
    const applied = client.prepare(`select hash from __drizzle_migrations order by created_at`).pluck().all();
    checkJournal(file, applied.map(String), "sqlite");
    return drizzle(client);
  } catch (error) {
    client?.close();
    if (error instanceof CopyError) throw error;
    throw new CopyError(`--from ${file} is not a readable SQLite database: ${(error as Error).message}`);
  }
}

/** Refuses a database whose applied migrations are not exactly the ones this version of Roomdesk ships. */
function checkJournal(what: string, applied: string[], engine: "sqlite" | "postgres") {
  const committed = readMigrationFiles({ migrationsFolder: migrationsFolder(engine) }).map((m) => m.hash);
  const prefix = (a: string[], b: string[]) => a.every((hash, i) => b[i] === hash);
  if (applied.length === committed.length && prefix(applied, committed)) return;
  if (applied.length < committed.length && prefix(applied, committed)) {
    const missing = committed.length - applied.length;
    const how = engine === "sqlite" ? ` (DATABASE_PATH=${what} npm run db:migrate)` : "";
    throw new CopyError(
      `${what} is behind this version of Roomdesk (${missing} migration(s) not applied): migrate it first${how}.`,
    );
  }
  if (prefix(committed, applied)) {
    throw new CopyError(
      `${what} was migrated by a newer version of Roomdesk (${applied.length - committed.length} migration(s) ` +
        `this version does not know): copy it with that version.`,
    );
  }
  throw new CopyError(`${what} has migrations that differ from this version of Roomdesk's.`);
}

async function copyInto(source: SourceDb & { $client: Database.Database }, target: TargetDb, batchSize: number) {
  const plan = copyPlan();
  // No server may write to the target until this transaction ends: what is checked empty stays empty.
  await target.execute(sql.raw(`lock table ${plan.map((t) => `"${t.name}"`).join(", ")} in exclusive mode`));
  for (const table of plan) {
    const { rows } = await target.execute<{ found: boolean }>(sql`select exists (select 1 from ${table.pg}) as found`);
    if (rows[0]?.found) {
      throw new CopyError(
        `The target database is not empty: table ${table.name} has rows. db:copy only fills an empty database.`,
      );
    }
  }
  // One read transaction: every table comes from the same moment, even while a server writes to the source.
  source.$client.exec("BEGIN");
  try {
    const reports: TableReport[] = [];
    for (const table of plan) reports.push(await copyTable(source, target, table, batchSize));
    for (const table of plan) await continueSequence(source, target, table);
    for (const [i, table] of plan.entries()) await verify(source, target, table, reports[i]!, batchSize);
    return reports;
  } finally {
    if (source.$client.inTransaction) source.$client.exec("ROLLBACK");
  }
}

/** What the database said, without the statement and its parameters that Drizzle's wrapper adds. */
function reason(error: unknown): string {
  const cause = databaseError(error) as (Error & { detail?: string }) | null;
  if (!cause) return (error as Error).message;
  return cause.detail ? `${cause.message} (${cause.detail})` : cause.message;
}

async function copyTable(source: SourceDb, target: TargetDb, table: TablePlan, batchSize: number) {
  const digest = new TableDigest(table.columns);
  try {
    // Read through SQLite's table and written through PostgreSQL's, Drizzle maps each value between them:
    // 0/1 to booleans, epoch milliseconds to timestamptz, JSON text to jsonb.
    for await (const rows of pages(table, sourcePage(source, table), batchSize)) {
      await target.insert(table.pg).values(rows);
      for (const row of rows) digest.add(row);
    }
  } catch (error) {
    throw new CopyError(`Copying ${table.name} failed: ${reason(error)}. Nothing was copied.`, { cause: error });
  }
  return { name: table.name, rows: digest.rows, checksum: digest.hex() };
}

/**
 * Sets an identity column's sequence to the highest id SQLite ever gave out: its largest id, or the
 * AUTOINCREMENT counter when the rows with the last ids were deleted, so no id is given out twice.
 */
async function continueSequence(source: SourceDb, target: TargetDb, table: TablePlan) {
  if (table.key.length !== 1) return;
  const column = getTableColumns(table.pg)[table.key[0]!]!;
  const { rows } = await target.execute<{ sequence: string | null }>(
    sql`select pg_get_serial_sequence(${table.name}, ${column.name}) as sequence`,
  );
  const sequence = rows[0]?.sequence;
  if (!sequence) return;
  const counter = source.get<{ seq: number } | undefined>(
    sql`select seq from sqlite_sequence where name = ${table.name}`,
  );
  const { rows: max } = await target.execute<{ id: number | null }>(
    sql`select max(${column})::bigint as id from ${table.pg}`,
  );
  const last = Math.max(Number(max[0]?.id ?? 0), Number(counter?.seq ?? 0));
  if (last > 0) await target.execute(sql`select setval(${sequence}, ${last})`);
}

async function verify(source: SourceDb, target: TargetDb, table: TablePlan, copied: TableReport, batchSize: number) {
  const [inSource] = source.all<{ n: number }>(sql`select count(*) as n from ${table.sqlite}`);
  const { rows } = await target.execute<{ n: number }>(sql`select count(*)::int as n from ${table.pg}`);
  const inTarget = rows[0]?.n;
  if (inSource?.n !== copied.rows || inTarget !== copied.rows) {
    throw new CopyError(
      `${table.name}: ${inSource?.n} rows in the source, ${copied.rows} copied, ${inTarget} in the target. ` +
        `Nothing was copied.`,
    );
  }
  const digest = new TableDigest(table.columns);
  for await (const page of pages(table, targetPage(target, table), batchSize)) for (const row of page) digest.add(row);
  if (digest.hex() !== copied.checksum) {
    throw new CopyError(
      `${table.name}: the rows read back from PostgreSQL differ from the source's. Nothing was copied.`,
    );
  }
}
