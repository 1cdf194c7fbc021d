import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as sqliteSchema from "@/db/sqlite/schema";
import type { Column, Index, Shape, Table } from "./schema-shape";

// What a SQLite column means (SQLite stores booleans and instants as integers, JSON as text) comes from its
// drizzle column kind in db/sqlite/schema.ts; this is the PostgreSQL type that meaning must have.
const PG_TYPE: Record<string, string> = {
  SQLiteInteger: "integer",
  SQLiteBoolean: "boolean",
  SQLiteTimestamp: "timestamp(3) with time zone",
  SQLiteTextJson: "jsonb",
  SQLiteText: "text",
};
// rate-limiter-flexible's own layout: epoch milliseconds overflow integer, as RateLimiterPostgres declares.
const PG_TYPE_OF_COLUMN: Record<string, string> = { "rate_limits.expire": "bigint" };
// PostgreSQL's TRUNCATE skips row triggers; SQLite has no such statement to guard.
const PG_ONLY_TRIGGERS: Record<string, string> = {
  "support_access_log.support_access_log_no_truncate": "before truncate",
};

const kinds = new Map<string, string>();
for (const value of Object.values(sqliteSchema)) {
  if (!is(value, SQLiteTable)) continue;
  const { name, columns } = getTableConfig(value);
  for (const column of columns) kinds.set(`${name}.${column.name}`, column.columnType);
}

/** A default by what it means: the time of the insert, a boolean, a literal. Anything else stays as written. */
function sqliteDefault(raw: string | null, kind: string | undefined): string | null {
  if (raw === null) return null;
  if (raw.replace(/^\((.*)\)$/, "$1") === "unixepoch('subsec') * 1000") return "now";
  if (kind === "SQLiteBoolean" && ["0", "false"].includes(raw)) return "false";
  if (kind === "SQLiteBoolean" && ["1", "true"].includes(raw)) return "true";
  return raw;
}

function pgDefault(raw: string | null): string | null {
  if (raw === null) return null;
  if (raw === "now()" || raw === "CURRENT_TIMESTAMP") return "now";
  return raw.replace(/^('(?:[^']|'')*')::text$/, "$1");
}

const describeColumn = (c: Column, d: string | null) =>
  `${c.type}${c.notNull ? " not null" : ""}${c.generated ? " generated" : ""}${d === null ? "" : ` default ${d}`}`;

const describeIndex = (i: Index) => `${i.unique ? "unique " : ""}${i.partial ? "partial " : ""}on (${i.on.join(", ")})`;

function compareSets(where: string, what: string, sqlite: string[], pg: string[], out: string[]) {
  for (const x of sqlite.filter((x) => !pg.includes(x))) out.push(`${where}: ${what} ${x} only on SQLite`);
  for (const x of pg.filter((x) => !sqlite.includes(x))) out.push(`${where}: ${what} ${x} only on PostgreSQL`);
}

function compareColumns(name: string, sqlite: Table, pg: Table, out: string[]) {
  compareSets(name, "column", Object.keys(sqlite.columns), Object.keys(pg.columns), out);
  for (const [column, s] of Object.entries(sqlite.columns)) {
    const p = pg.columns[column];
    if (!p) continue;
    const kind = kinds.get(`${name}.${column}`);
    const type = PG_TYPE_OF_COLUMN[`${name}.${column}`] ?? (kind && PG_TYPE[kind]);
    if (!type) out.push(`${name}.${column}: no meaning for SQLite ${s.type} in db/sqlite/schema.ts`);
    const expected = { ...s, type: type ?? s.type };
    const [want, have] = [sqliteDefault(s.default, kind), pgDefault(p.default)];
    if (describeColumn(expected, want) !== describeColumn(p, have))
      out.push(
        `${name}.${column}: SQLite ${describeColumn(s, s.default)} wants ${describeColumn(expected, want)}, ` +
          `PostgreSQL has ${describeColumn(p, have)}`,
      );
  }
}

function compareTable(name: string, sqlite: Table, pg: Table, out: string[]) {
  compareColumns(name, sqlite, pg, out);
  if (sqlite.primaryKey.join(", ") !== pg.primaryKey.join(", "))
    out.push(`${name}: primary key (${sqlite.primaryKey}) on SQLite, (${pg.primaryKey}) on PostgreSQL`);
  compareSets(name, "index", Object.keys(sqlite.indexes), Object.keys(pg.indexes), out);
  for (const [index, s] of Object.entries(sqlite.indexes)) {
    const p = pg.indexes[index];
    if (p && describeIndex(s) !== describeIndex(p))
      out.push(`${name}: index ${index} is ${describeIndex(s)} on SQLite, ${describeIndex(p)} on PostgreSQL`);
  }
  compareSets(name, "unique constraint on", sqlite.uniqueConstraints, pg.uniqueConstraints, out);
  compareSets(name, "check", sqlite.checks, pg.checks, out);
  compareSets(name, "foreign key", sqlite.foreignKeys, pg.foreignKeys, out);
  const triggers = (t: Table, only: Record<string, string> = {}) =>
    Object.entries(t.triggers)
      .filter(([trigger, event]) => only[`${name}.${trigger}`] !== event)
      .map(([trigger, event]) => `${trigger} (${event})`);
  compareSets(name, "trigger", triggers(sqlite), triggers(pg, PG_ONLY_TRIGGERS), out);
}

/** Every way the two databases differ, one readable line each; empty when they hold the same schema. */
export function schemaDifferences(sqlite: Shape, pg: Shape): string[] {
  const out: string[] = [];
  compareSets("schema", "table", Object.keys(sqlite), Object.keys(pg), out);
  for (const [name, table] of Object.entries(sqlite)) {
    const other = pg[name];
    if (other) compareTable(name, table, other, out);
  }
  return out;
}
