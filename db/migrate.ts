import "server-only";
import path from "node:path";
import type Database from "better-sqlite3";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";
import { handleOf, type Db, type PgSource } from "./handle";

/** The committed migrations of an engine, as this version of Roomdesk ships them. */
export const migrationsFolder = (engine: "sqlite" | "postgres") => path.join(process.cwd(), "db", engine, "migrations");

/**
 * Applies the committed migrations of the database's engine and returns how many it applied. Drizzle's own
 * migrators read the applied list before they take any lock, so two processes starting at once could both
 * apply the same migration; here the read and the writes happen under one lock, and the second process finds
 * the work done. On SQLite the work is done before this returns (one synchronous transaction).
 */
export function migrate(db: Db, folder?: string): Promise<number> {
  const handle = handleOf(db);
  if (handle.engine === "sqlite") return Promise.resolve(onSqlite(handle.sqlite, folder ?? migrationsFolder("sqlite")));
  return onPostgres(handle.source, folder ?? migrationsFolder("postgres"));
}

const pending = (migrations: MigrationMeta[], lastMillis: number | null) =>
  migrations.filter((migration) => lastMillis === null || lastMillis < migration.folderMillis);

// Drizzle's own table, so drizzle-kit sees the same history.
const SQLITE_TABLE = "__drizzle_migrations";

// drizzle-kit writes these around a table rebuild; inside a transaction SQLite ignores them, so they are set
// around it instead (below).
const FOREIGN_KEYS_PRAGMA = /^\s*PRAGMA\s+foreign_keys\s*=/i;

/**
 * SQLite changes a column by rebuilding its table (https://www.sqlite.org/lang_altertable.html#otheralter). With
 * foreign keys enforced, dropping the old table would delete every row that refers to it (ON DELETE CASCADE), so
 * they are off while the migrations run, and every reference is checked before they commit.
 */
function onSqlite(sqlite: Database.Database, folder: string): number {
  const enforced = sqlite.pragma("foreign_keys", { simple: true }) === 1;
  sqlite.pragma("foreign_keys = OFF");
  try {
    return applySqlite(sqlite, folder);
  } finally {
    if (enforced) sqlite.pragma("foreign_keys = ON");
  }
}

function applySqlite(sqlite: Database.Database, folder: string): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const apply = sqlite.transaction(() => {
    sqlite.exec(
      `CREATE TABLE IF NOT EXISTS ${SQLITE_TABLE} (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)`,
    );
    const last = sqlite.prepare(`SELECT created_at FROM ${SQLITE_TABLE} ORDER BY created_at DESC LIMIT 1`).get() as
      { created_at: number } | undefined;
    const todo = pending(migrations, last ? Number(last.created_at) : null);
    for (const migration of todo) {
      for (const statement of migration.sql)
        if (statement.trim() && !FOREIGN_KEYS_PRAGMA.test(statement)) sqlite.exec(statement);
      sqlite
        .prepare(`INSERT INTO ${SQLITE_TABLE} (hash, created_at) VALUES (?, ?)`)
        .run(migration.hash, migration.folderMillis);
    }
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0)
      throw new Error(`The migrations left ${broken.length} rows referring to rows that do not exist`);
    return todo.length;
  });
  return apply.immediate();
}

const PG_TABLE = `"drizzle"."__drizzle_migrations"`;
// The advisory lock every Roomdesk server takes to migrate: any constant, the same for all of them.
const PG_LOCK = 7_264_514;

async function onPostgres(source: PgSource, folder: string): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  return source.transaction(async (_tx, store) => {
    // Held until COMMIT: a second server waits here, then reads the list this one wrote.
    await store.query({ text: `SELECT pg_advisory_xact_lock(${PG_LOCK})` });
    await store.query({ text: `CREATE SCHEMA IF NOT EXISTS "drizzle"` });
    await store.query({
      text: `CREATE TABLE IF NOT EXISTS ${PG_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
    });
    const { rows } = await store.query({ text: `SELECT created_at FROM ${PG_TABLE} ORDER BY created_at DESC LIMIT 1` });
    const [last] = rows;
    const todo = pending(migrations, last ? Number(last.created_at) : null);
    for (const migration of todo) {
      for (const statement of migration.sql) if (statement.trim()) await store.query({ text: statement });
      await store.query({
        text: `INSERT INTO ${PG_TABLE} (hash, created_at) VALUES ($1, $2)`,
        values: [migration.hash, migration.folderMillis],
      });
    }
    return todo.length;
  });
}
