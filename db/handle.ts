import "server-only";
import type Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type * as sqliteSchema from "./sqlite/schema";

export type Engine = "sqlite" | "postgres";

type SqliteDatabase = BetterSQLite3Database<typeof sqliteSchema>;

/**
 * The database every caller uses, on either engine. It is typed as SQLite's query builder (the tables in
 * db/schema.ts are typed as SQLite's too, with the same row types on both engines), minus what only SQLite
 * has: its raw client, `run`/`all`/`get`/`values`, and Drizzle's own `transaction` (use withTransaction).
 */
export type Db = Omit<SqliteDatabase, "$client" | "run" | "all" | "get" | "values" | "transaction">;

/** A SQLite handle, for what only SQLite does (its pragmas, the bench's bulk seeding through prepared statements). */
export type SqliteDb = SqliteDatabase & { $client: Database.Database };

/** A pg-style query, as node-postgres's Pool and PoolClient take it (rate-limiter-flexible calls the same). */
export type PgQuery = { text: string; values?: unknown[]; name?: string };
export type PgStore = { query(query: PgQuery): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }> };

/** Where PostgreSQL connections come from: node-postgres's pool in the app, PGlite in unit tests. */
export type PgSource = {
  /** Queries outside any transaction. */
  store: PgStore;
  /** Runs `body` on one connection between BEGIN and COMMIT, rolling back when it throws. */
  transaction<T>(body: (tx: Db, store: PgStore) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** The SQLite write connection transactions use, opened on first use, and their in-process queue. */
export type SqliteWriter = { open: () => SqliteDb; opened?: SqliteDb; tail: Promise<unknown> };

export type Handle =
  | { engine: "sqlite"; sqlite: Database.Database; writer: SqliteWriter }
  | { engine: "postgres"; source: PgSource; store: PgStore };

// On the handle object, not in a module map: Next bundles db/ into several chunks that must agree.
const HANDLE = Symbol.for("roomdesk.db.handle");

export function attach<T extends object>(db: T, handle: Handle): T {
  Object.defineProperty(db, HANDLE, { value: handle, enumerable: false });
  return db;
}

export function handleOf(db: Db): Handle {
  const handle = (db as { [HANDLE]?: Handle })[HANDLE];
  if (!handle) throw new Error("Not a Roomdesk database handle: open it with db/index.ts");
  return handle;
}

export const engineOf = (db: Db): Engine => handleOf(db).engine;

/**
 * Rows of a raw query, as each driver returns them: mind the differences (SQLite's booleans are 0 and 1,
 * PostgreSQL's counts and bigints are strings). Prefer the query builder, which maps both alike.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  if (engineOf(db) === "sqlite") return (db as SqliteDb).all<T>(query);
  const pg = db as unknown as { execute(query: SQL): Promise<{ rows: T[] }> };
  return (await pg.execute(query)).rows;
}
