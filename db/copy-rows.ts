import "server-only";
import { createHash } from "node:crypto";
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { TablePlan } from "./copy-plan";

export type Row = Record<string, unknown>;
export type SourceDb = BetterSQLite3Database;
export type TargetDb = NodePgDatabase;

/** A value as both engines' Drizzle tables give it, in one form: instants in ISO ms, JSON with sorted keys. */
export function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(object)
        .sort()
        .map((key) => [key, canonical(object[key])]),
    );
  }
  return value;
}

/** A table's row count and SHA-256 over its rows in key order, computed alike from either engine's rows. */
export class TableDigest {
  rows = 0;
  private readonly hash = createHash("sha256");
  constructor(private readonly columns: string[]) {}

  add(row: Row) {
    this.hash.update(JSON.stringify(this.columns.map((column) => canonical(row[column] ?? null))));
    this.hash.update("\n");
    this.rows++;
  }

  hex() {
    return this.hash.copy().digest("hex");
  }
}

type Page = (after: unknown[] | null, limit: number) => Promise<Row[]>;

/**
 * A table's rows in pages of `size`, in primary-key order: each page starts after the last key of the one
 * before, so a page costs the same at the end of a large table as at its start.
 */
export async function* pages(plan: TablePlan, read: Page, size: number): AsyncGenerator<Row[]> {
  let after: unknown[] | null = null;
  for (;;) {
    const rows = await read(after, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    after = plan.key.map((key) => last[key]);
  }
}

const after = (keys: SQL[], values: unknown[]) =>
  sql`(${sql.join(keys, sql`, `)}) > (${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;

/** SQLite compares text byte by byte; PostgreSQL's "C" collation does too, where the database's may not. */
function keyOrder(plan: TablePlan, engine: "sqlite" | "postgres"): SQL[] {
  const columns = engine === "sqlite" ? getTableColumns(plan.sqlite) : getTableColumns(plan.pg);
  return plan.key.map((key) => {
    const column = columns[key]!;
    return engine === "postgres" && column.getSQLType() === "text" ? sql`${column} collate "C"` : sql`${column}`;
  });
}

export function sourcePage(source: SourceDb, plan: TablePlan): Page {
  const keys = keyOrder(plan, "sqlite");
  return async (last, limit) =>
    source
      .select()
      .from(plan.sqlite)
      .where(last ? after(keys, last) : undefined)
      .orderBy(...keys)
      .limit(limit)
      .all();
}

export function targetPage(target: TargetDb, plan: TablePlan): Page {
  const keys = keyOrder(plan, "postgres");
  return (last, limit) =>
    target
      .select()
      .from(plan.pg)
      .where(last ? after(keys, last) : undefined)
      .orderBy(...keys)
      .limit(limit);
}
