import fs from "node:fs";
import Database from "better-sqlite3";
import { getTableColumns } from "drizzle-orm";
import { drizzle as sqliteDrizzle } from "drizzle-orm/better-sqlite3";
import { drizzle as pgDrizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { vi } from "vitest";
import type { TablePlan } from "@/db/copy-plan";
import { pages, sourcePage, TableDigest, targetPage } from "@/db/copy-rows";
import type { Made } from "./copy-answers";
import { tempDatabaseFile } from "./temp-db";

/**
 * The source fixture (copy-source.ts), built by the app's services on SQLite. The postgres project sets
 * DATABASE_URL, and db/schema.ts picks its tables from it at load: the fixture's modules are loaded afresh
 * without it, as a SQLite site loads them, while this test file's own imports keep PostgreSQL's tables.
 */
export async function sqliteSource(): Promise<{ file: string; made: Made; answers: unknown }> {
  const file = tempDatabaseFile();
  // Guests' passes are signed with it.
  process.env.AUTH_SECRET ??= "unit-test-secret-0123456789abcdefghijklmnopqrstuvwxyz";
  const url = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  vi.resetModules();
  try {
    const { buildSource } = await import("./copy-source");
    return { file, ...(await buildSource(file)) };
  } finally {
    process.env.DATABASE_URL = url;
    vi.resetModules();
  }
}

/** A copy of a closed SQLite database file, to spoil without touching the original. */
export function copyOf(file: string): string {
  const copy = tempDatabaseFile();
  fs.copyFileSync(file, copy);
  return copy;
}

/** Runs SQL on a SQLite file as an operator's shell would: without the app's foreign-key enforcement. */
export function spoil(file: string, statements: string) {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("foreign_keys = OFF");
    sqlite.exec(statements);
  } finally {
    sqlite.close();
  }
}

type Rows = Record<string, unknown>[];

/** A table's rows read through Drizzle as JSON values (instants as ISO strings), sorted by primary key. */
function asJson(table: TablePlan, rows: Rows): Rows {
  const key = (row: Rows[number]) => JSON.stringify(table.key.map((k) => row[k]));
  return (JSON.parse(JSON.stringify(rows)) as Rows).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function sqliteRows(file: string, table: TablePlan): Rows {
  const sqlite = new Database(file, { readonly: true });
  try {
    return asJson(table, sqliteDrizzle(sqlite).select().from(table.sqlite).all());
  } finally {
    sqlite.close();
  }
}

export async function pgRows(url: string, table: TablePlan): Promise<Rows> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return asJson(table, await pgDrizzle(client).select().from(table.pg));
  } finally {
    await client.end();
  }
}

/** The largest value of a table's integer key in a SQLite file. */
export function maxId(file: string, table: TablePlan): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    const column = getTableColumns(table.sqlite)[table.key[0]!]!.name;
    return sqlite.prepare(`select max("${column}") from "${table.name}"`).pluck().get() as number;
  } finally {
    sqlite.close();
  }
}

/** The copy's checksum of a table, computed on the SQLite file and on PostgreSQL, in pages of two rows. */
export async function digests(file: string, target: NodePgDatabase, table: TablePlan): Promise<[string, string]> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const [inSource, inTarget] = [new TableDigest(table.columns), new TableDigest(table.columns)];
    for await (const page of pages(table, sourcePage(sqliteDrizzle(sqlite), table), 2))
      page.forEach((r) => inSource.add(r));
    for await (const page of pages(table, targetPage(target, table), 2)) page.forEach((r) => inTarget.add(r));
    return [inSource.hex(), inTarget.hex()];
  } finally {
    sqlite.close();
  }
}
