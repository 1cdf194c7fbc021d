import "server-only";
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as pgSchema from "./postgres/schema";
import * as sqliteSchema from "./sqlite/schema";

/** One table as db:copy moves it: the same table in both schemas, and how its rows are keyed. */
export type TablePlan = {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
  /** The columns' property names, as rows read through either table hold them, sorted. */
  columns: string[];
  /** The primary key's property names, in key order: rows are read and checksummed in this order. */
  key: string[];
};

/**
 * Every table of the schema, each after the tables it references, so rows can be inserted in this order.
 * Derived from db/sqlite/schema.ts, never listed by hand: a table added there is copied too, and one missing
 * from db/postgres/schema.ts stops the copy before it starts.
 */
export function copyPlan(): TablePlan[] {
  const pgTables = new Map<string, PgTable>();
  for (const value of Object.values(pgSchema) as unknown[]) {
    if (is(value, PgTable)) pgTables.set(getTableName(value), value);
  }
  const exported = Object.values(sqliteSchema) as unknown[];
  const sqliteTables = exported.filter((value): value is SQLiteTable => is(value, SQLiteTable));

  const ordered: SQLiteTable[] = [];
  const visit = (table: SQLiteTable, path: SQLiteTable[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`Foreign keys form a cycle through ${getTableName(table)}`);
    for (const key of getTableConfig(table).foreignKeys) {
      const referenced = key.reference().foreignTable;
      if (referenced !== table) visit(referenced, [...path, table]);
    }
    ordered.push(table);
  };
  for (const table of sqliteTables) visit(table, []);

  return ordered.map((table) => {
    const name = getTableName(table);
    const pg = pgTables.get(name);
    if (!pg) throw new Error(`Table ${name} is in db/sqlite/schema.ts but not in db/postgres/schema.ts`);
    const columns = Object.entries(getTableColumns(table));
    const propertyOf = (column: unknown) => columns.find(([, c]) => c === column)![0];
    const config = getTableConfig(table);
    const key = config.primaryKeys[0]?.columns.map(propertyOf) ?? columns.filter(([, c]) => c.primary).map(([p]) => p);
    if (key.length === 0) throw new Error(`Table ${name} has no primary key to copy it in order`);
    return { name, sqlite: table, pg, columns: columns.map(([p]) => p).sort(), key };
  });
}
